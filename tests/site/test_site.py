"""The series as a static website (``make site``), read in a real browser (Chromium).

The test builds the site with ``scripts/build_site.py`` (no notebook is executed, nothing is
downloaded), serves ``build/site/`` from a local HTTP server on 127.0.0.1 and opens every page:

(a) the build: every expected page exists (index, chapters 01-10 in order, solutions when the
    folder exists, search) and the notebooks are unchanged on disk (same bytes,
    same ``git status``);
(b) self-contained: no request leaves 127.0.0.1 and none fails or answers >= 400, no console
    error (MathJax and the fonts come from the site itself or the system);
(c) math: every math element was typeset by MathJax with no error, and no raw ``$`` or LaTeX
    source (``\\frac``, ``\\mathbf``, ``\\begin`` ...) is left in the visible text outside code;
(d) every ``<img>`` loaded (naturalWidth > 0); a chapter shows as many figures and tables as its
    notebook stores as outputs;
(e) every same-site link answers 200 and every ``#anchor`` exists on its target page;
(f) Korean text: ``<html lang="ko">``, the computed font-family of body text starts with a CJK
    family, and the fonts Chromium really drew the Hangul with (DevTools protocol) are CJK fonts;
(g) the index page holds README's results table (same rows), every chapter page the
    "Colab에서 열기" link (the same URL as the notebook's badge), the ``.ipynb`` download (the
    committed notebook, byte for byte) and the GitHub link;
(h) search: Korean and English queries find the chapter that should come first.

Screenshots and a JSON summary go to ``build/screenshots/site_*`` (ignored by git).
Needs Debian's ``chromium`` and ``fonts-noto-cjk``; without Chromium the test is skipped.
"""
import contextlib
import functools
import hashlib
import html.parser
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from chromium import find_chromium

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / 'build' / 'site'
SHOTS = ROOT / 'build' / 'screenshots'
sys.path.insert(0, str(ROOT / 'scripts'))
from sync_links import colab_url, repository_url  # noqa: E402

CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']
INSTALL_HINT = ('Chromium이 없어 사이트 브라우저 검사를 건너뜁니다. Debian/Ubuntu에서는 `sudo apt-get install '
                'chromium fonts-noto-cjk`로 설치하거나, D2LMINI_CHROMIUM=/경로/chromium을 설정하세요.')
MAIN = sorted((ROOT / 'notebooks').glob('[0-9][0-9]_*.ipynb'))
SOLUTIONS = sorted((ROOT / 'notebooks' / 'solutions').glob('*.ipynb'))
CHAPTERS = [p.stem for p in MAIN] + [f'solutions/{p.stem}' for p in SOLUTIONS]
PAGES = ['index', *CHAPTERS, 'search']
HANGUL = re.compile('[\uac00-\ud7a3]')
CJK_FAMILY = re.compile(r'CJK|Noto Sans KR|Noto Serif KR|Source Han|Nanum|Malgun|맑은|Apple SD Gothic|'
                        r'Gulim|Dotum|Batang|Pretendard|Hangul|UnDotum|UnBatang', re.I)
RAW_LATEX = re.compile(r'\$|\\[A-Za-z]{2,}')
# (h) A query and the chapter that must be among its results.
SEARCHES = {'잔차': '07_resnet', '배치 정규화': '06_batch_norm', 'DenseNet': '08_densenet'}


def git_status_notebooks():
    try:
        return subprocess.run(['git', 'status', '--porcelain', '--', 'notebooks'], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def digest(paths):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def notebook_outputs(path):
    """How many figures (image outputs) and HTML tables the notebook stores as outputs."""
    figures = tables = 0
    for cell in json.loads(path.read_text(encoding='utf-8'))['cells']:
        for output in cell.get('outputs', []):
            data = output.get('data', {})
            if any(k.startswith('image/') for k in data):
                figures += 1
            elif '<table' in ''.join(data.get('text/html', '')):
                tables += 1
    return figures, tables


def readme_results_rows():
    text = (ROOT / 'README.md').read_text(encoding='utf-8')
    block = text.split('<!-- results:start -->', 1)[1].split('<!-- results:end -->', 1)[0]
    return [line for line in block.splitlines() if line.startswith('| [')]


# ----------------------------------------------------------------- fixtures
@pytest.fixture(scope='module')
def built():
    """Build the site afresh, as ``make site`` does; the notebooks must not change."""
    pytest.importorskip('myst_nb', reason='사이트 도구가 없습니다: make site로 설치하세요')
    before, status = digest([*MAIN, *SOLUTIONS]), git_status_notebooks()
    start = time.perf_counter()
    run = subprocess.run([sys.executable, str(ROOT / 'scripts' / 'build_site.py')], cwd=ROOT,
                         capture_output=True, text=True)
    seconds = time.perf_counter() - start
    assert run.returncode == 0, f'사이트 빌드 실패:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}'
    assert digest([*MAIN, *SOLUTIONS]) == before, '사이트를 만드는 동안 노트북 파일이 바뀌었습니다'
    assert git_status_notebooks() == status, 'git status가 notebooks/ 아래에서 바뀌었습니다'
    files = [p for p in SITE.rglob('*') if p.is_file()]
    return {'seconds': round(seconds, 1), 'log': run.stdout.strip(), 'stderr': run.stderr.strip(),
            'pages': sorted(p.relative_to(SITE).with_suffix('').as_posix()
                            for p in SITE.rglob('*.html') if '_static' not in p.parts),
            'bytes': sum(p.stat().st_size for p in files), 'files': len(files)}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope='module')
def server(built):
    """``build/site/`` over HTTP on 127.0.0.1 (a free port), as any static host would serve it."""
    httpd = http.server.ThreadingHTTPServer(
        ('127.0.0.1', 0), functools.partial(QuietHandler, directory=str(SITE)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f'http://127.0.0.1:{httpd.server_address[1]}/'
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope='module')
def browser():
    path = find_chromium()
    if path is None:
        pytest.skip(INSTALL_HINT)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip('playwright가 없습니다: pip install -e ".[dev]"')
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS,
                                             headless=True)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture(scope='module')
def report(built):
    SHOTS.mkdir(parents=True, exist_ok=True)
    data = {'build': {k: v for k, v in built.items() if k not in ('log', 'stderr')}, 'pages': {}}
    yield data
    (SHOTS / 'site_report.json').write_text(json.dumps(data, ensure_ascii=False, indent=1),
                                            encoding='utf-8')


# ----------------------------------------------------------------- helpers
class Targets:
    """Same-site link targets: HTTP status and the ids each page holds (fetched once)."""

    class _Ids(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.ids = set()

        def handle_starttag(self, tag, attrs):
            for key, value in attrs:
                if key in ('id', 'name') and value:
                    self.ids.add(value)

    def __init__(self):
        self.cache = {}

    def get(self, url):
        if url not in self.cache:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    body, status = response.read(), response.status
            except urllib.error.HTTPError as error:
                body, status = b'', error.code
            ids = set()
            if url.endswith(('.html', '/')) and status == 200:
                parser = self._Ids()
                parser.feed(body.decode('utf-8', 'replace'))
                ids = parser.ids
            self.cache[url] = (status, ids, body)
        return self.cache[url]


@pytest.fixture(scope='module')
def targets(server):
    return Targets()


def hangul_fonts(page, selector):
    """Platform fonts Chromium used for the first element matching ``selector`` with Hangul."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send('DOM.enable')
        cdp.send('CSS.enable')
        root = cdp.send('DOM.getDocument', {'depth': -1})['root']['nodeId']
        for node in cdp.send('DOM.querySelectorAll', {'nodeId': root, 'selector': selector})['nodeIds']:
            obj = cdp.send('DOM.resolveNode', {'nodeId': node})['object']['objectId']
            found = cdp.send('Runtime.callFunctionOn', {
                'objectId': obj, 'returnByValue': True, 'functionDeclaration':
                    'function() { return [this.getClientRects().length > 0, '
                    'getComputedStyle(this).fontFamily]; }'})
            shown, family = found['result']['value']
            if not shown:     # e.g. the print-only copy of the title
                continue
            own = ''.join(n['nodeValue'] for n in cdp.send('DOM.describeNode', {
                'nodeId': node, 'depth': 1})['node'].get('children', []) if n['nodeType'] == 3)
            if HANGUL.search(own):
                fonts = cdp.send('CSS.getPlatformFontsForNode', {'nodeId': node})['fonts']
                return own.strip(), family, fonts
        return None, None, []
    finally:
        cdp.detach()


PAGE_FACTS = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  await document.fonts.ready;
  const images = [...document.images];
  images.forEach((img) => { img.loading = 'eager'; });
  await Promise.all(images.map((img) => img.decode().catch(() => null)));
  const article = document.querySelector('.bd-article') || document.body;
  const copy = article.cloneNode(true);
  copy.querySelectorAll('pre, code, script, style, mjx-container, .MathJax, mjx-assistive-mml, '
    + 'textarea').forEach((e) => e.remove());
  const maths = [...article.querySelectorAll('.math')];
  return {
    lang: document.documentElement.lang,
    title: (document.querySelector('.bd-article h1') || {}).textContent || '',
    text: copy.textContent,
    math: maths.length,
    mathUntypeset: maths.filter((m) => !m.querySelector('mjx-container')).map((m) => m.textContent.slice(0, 60)),
    mathErrors: [...article.querySelectorAll('mjx-merror')].map((e) => e.textContent.slice(0, 60)),
    images: images.map((img) => ({src: img.currentSrc || img.src, w: img.naturalWidth, ok: img.complete})),
    figures: article.querySelectorAll('.cell_output img').length,
    tables: article.querySelectorAll('.cell_output table').length,
    links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
    nav: [...document.querySelectorAll('.bd-docs-nav a.reference.internal')].map((a) => a.href),
    next: (document.querySelector('a.right-next') || {}).href || null,
    colab: [...document.querySelectorAll('.d2lmini-links a.d2lmini-colab')].map((a) => [a.textContent.trim(), a.href]),
    ipynb: [...document.querySelectorAll('.d2lmini-links a.d2lmini-ipynb')].map((a) => [a.textContent.trim(), a.href]),
    github: [...document.querySelectorAll('.d2lmini-links a.d2lmini-github')].map((a) => a.href),
  };
}"""

RESULTS_TABLE = """() => [...document.querySelectorAll('.bd-article table')].filter((t) =>
    /검증 정확도/.test(t.tHead ? t.tHead.textContent : '') && /책의 값/.test(t.tHead.textContent))
  .map((t) => [...t.tBodies[0].rows].map((r) => ({
     cells: [...r.cells].map((c) => c.textContent.trim()),
     href: (r.cells[0].querySelector('a') || {}).href || null})))"""


@contextlib.contextmanager
def opened(browser, url):
    """A fresh page that records every request, failure and console error while it loads."""
    context = browser.new_context(viewport={'width': 1280, 'height': 900}, locale='ko-KR')
    page = context.new_page()
    events = {'external': [], 'failed': [], 'console': []}
    page.on('request', lambda r: None if r.url.startswith(('http://127.0.0.1', 'data:', 'blob:'))
            else events['external'].append(r.url))
    page.on('requestfailed', lambda r: events['failed'].append(f'{r.url} ({r.failure})'))
    page.on('response', lambda r: r.status >= 400 and events['failed'].append(f'{r.url} ({r.status})'))
    page.on('console', lambda m: m.type == 'error' and events['console'].append(m.text))
    page.on('pageerror', lambda e: events['console'].append(str(e)))
    try:
        page.goto(url, wait_until='networkidle')
        yield page, events
    finally:
        context.close()


# ----------------------------------------------------------------- tests
def test_build(built, report):
    """(a) every expected page and no others; the build log has no warning."""
    assert built['pages'] == sorted(PAGES), f'페이지: {built["pages"]}'
    assert 'warning' not in built['stderr'].lower(), built['stderr']
    print(f"\n[site] {built['log']}")


@pytest.mark.parametrize('name', PAGES)
def test_page(name, built, server, browser, targets, report):
    url = urllib.parse.urljoin(server, f'{name}.html')
    problems, entry = [], {}
    with opened(browser, url) as (page, events):
        facts = page.evaluate(PAGE_FACTS)
        # (f) Korean text drawn with a CJK font: the computed family and the fonts really used
        text, family, fonts = hangul_fonts(page, '.bd-article h1, .bd-article p, .bd-article li, main h1, main p')
        if text is None:
            problems.append('(f) 한글이 있는 본문 요소가 없습니다')
        else:
            first = family.split(',')[0].strip().strip('"\'')
            if not CJK_FAMILY.search(first):
                problems.append(f'(f) 본문 글꼴 목록의 첫 글꼴이 한글 글꼴이 아닙니다: {family}')
            covered = sum(f['glyphCount'] for f in fonts if CJK_FAMILY.search(f['familyName']))
            if covered < len(HANGUL.findall(text)):
                problems.append(f'(f) 한글 {len(HANGUL.findall(text))}자 가운데 한글 글꼴로 그린 것은 '
                                f'{covered}자: {[(f["familyName"], f["glyphCount"]) for f in fonts]}')
            entry['font'] = {'css': family, 'drawn': [f['familyName'] for f in fonts]}
        if name == 'index':
            rows = page.evaluate(RESULTS_TABLE)
            entry['results_rows'] = len(rows[0]) if rows else 0
        if name in ('index', '07_resnet'):
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f'site_{name}.png'))
            if name == '07_resnet':
                page.locator('.cell_output img').first.scroll_into_view_if_needed()
                page.screenshot(path=str(SHOTS / 'site_07_resnet_figure.png'))
        events = {k: list(v) for k, v in events.items()}

    # (b) self-contained
    problems += [f'(b) 인터넷 요청: {u}' for u in events['external']]
    problems += [f'(b) 실패한 요청: {u}' for u in events['failed']]
    problems += [f'(b) 콘솔 오류: {m}' for m in events['console']]
    # (c) math typeset, no LaTeX source left
    if facts['lang'] != 'ko':
        problems.append(f'(f) <html lang>이 ko가 아닙니다: {facts["lang"]!r}')
    problems += [f'(c) MathJax가 식자하지 않은 수식: {m!r}' for m in facts['mathUntypeset']]
    problems += [f'(c) MathJax 오류: {m!r}' for m in facts['mathErrors']]
    for match in RAW_LATEX.finditer(facts['text']):
        at = match.start()
        problems.append(f'(c) 본문에 남은 수식 원문: {facts["text"][max(0, at - 30):at + 30]!r}')
    # (d) images
    problems += [f'(d) 읽지 못한 그림: {i["src"][:100]}' for i in facts['images']
                 if not i['ok'] or i['w'] == 0]
    if name in CHAPTERS:
        notebook = ROOT / 'notebooks' / f'{name}.ipynb'
        figures, tables = notebook_outputs(notebook)
        if facts['figures'] != figures or facts['tables'] < tables:
            problems.append(f'(d) 그림 {facts["figures"]}개(노트북 {figures}개), '
                            f'표 {facts["tables"]}개(노트북 {tables}개)')
    # (e) same-site links and anchors
    for href in sorted(set(facts['links'])):
        if not href.startswith(server):
            continue
        target, _, anchor = href.partition('#')
        status, ids, _ = targets.get(target)
        if status != 200:
            problems.append(f'(e) 링크 {href}: HTTP {status}')
        elif anchor and urllib.parse.unquote(anchor) not in ids:
            problems.append(f'(e) 링크 {href}: 그 페이지에 #{urllib.parse.unquote(anchor)}가 없습니다')
    # (g) index: README's results table; chapters: Colab, .ipynb and GitHub links
    if name == 'index':
        if entry['results_rows'] != len(readme_results_rows()):
            problems.append(f'(g) 결과 표의 행 {entry["results_rows"]}개, README는 '
                            f'{len(readme_results_rows())}개')
        order = [urllib.parse.urlparse(h).path.lstrip('/').removesuffix('.html') for h in facts['nav']]
        if [p for p in order if p in CHAPTERS] != CHAPTERS:
            problems.append(f'(a) 차례의 순서: {order}')
    if name in CHAPTERS:
        repo = repository_url()
        if facts['colab'] != [['Colab에서 열기', colab_url(repo, name)]]:
            problems.append(f'(g) Colab 링크: {facts["colab"]}')
        if facts['github'] != [f'{repo}/blob/main/notebooks/{name}.ipynb']:
            problems.append(f'(g) GitHub 링크: {facts["github"]}')
        if len(facts['ipynb']) != 1 or not facts['ipynb'][0][1].endswith(f'{name}.ipynb'):
            problems.append(f'(g) .ipynb 링크: {facts["ipynb"]}')
        else:
            status, _, body = targets.get(facts['ipynb'][0][1])
            if status != 200 or body != (ROOT / 'notebooks' / f'{name}.ipynb').read_bytes():
                problems.append(f'(g) 받은 .ipynb가 저장소의 노트북과 다릅니다 (HTTP {status})')
        at = CHAPTERS.index(name)
        expected_next = CHAPTERS[at + 1] if at + 1 < len(CHAPTERS) else None
        if expected_next and not (facts['next'] or '').endswith(f'{expected_next}.html'):
            problems.append(f'(a) 다음 장 링크: {facts["next"]} (기대: {expected_next})')
    entry.update(math=facts['math'], images=len(facts['images']), figures=facts['figures'],
                 tables=facts['tables'], links=len(set(facts['links'])), title=facts['title'].strip('#¶ '))
    report['pages'][name] = entry
    assert not problems, f'{name}.html:\n' + '\n'.join(problems)


@pytest.mark.parametrize('query,chapter', SEARCHES.items())
def test_search(query, chapter, server, browser, report):
    """(h) full-text search, offline: the chapter is among the results."""
    url = urllib.parse.urljoin(server, 'search.html?q=' + urllib.parse.quote(query))
    with opened(browser, url) as (page, events):
        page.wait_for_function(
            "() => document.querySelector('#search-results .search-summary')"
            " && document.querySelector('#search-results .search-summary').textContent.length > 0",
            timeout=20000)
        hits = page.evaluate("() => [...document.querySelectorAll('#search-results ul.search li a')]"
                             ".map((a) => a.getAttribute('href'))")
        if query == '잔차':
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / 'site_search.png'))
        failures = events['failed'] + events['console'] + events['external']
    report.setdefault('search', {})[query] = hits[:5]
    assert not failures, failures
    assert any(h.split('#')[0].split('?')[0].endswith(f'{chapter}.html') for h in hits), \
        f'{query!r} 검색 결과에 {chapter}가 없습니다: {hits[:10]}'


def test_solutions_come_after_the_chapters(tmp_path):
    """(a) once ``notebooks/solutions/`` exists, its notebooks are built after chapter 10, with
    their own Colab, ``.ipynb`` and GitHub links, and (e) the links between a chapter and its
    solution resolve both ways, anchor included (no browser: the built HTML is read)."""
    pytest.importorskip('myst_nb', reason='사이트 도구가 없습니다: make site로 설치하세요')
    notebooks = tmp_path / 'notebooks'
    (notebooks / 'solutions').mkdir(parents=True)
    kernel = {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}
    for path in MAIN:
        shutil.copy2(path, notebooks / path.name)
        # the chapters link to their solutions: the real one where it exists, else a stand-in
        # with a heading for every exercise, so that this test does not wait for the solutions
        solution = ROOT / 'notebooks' / 'solutions' / f'{path.stem}_solutions.ipynb'
        if path.stem != '01_lenet' and solution.exists():
            shutil.copy2(solution, notebooks / 'solutions' / solution.name)
        elif path.stem != '01_lenet':
            headings = '\n\n'.join(f'## 연습문제 {n}' for n in range(1, 31))
            stand_in = {'nbformat': 4, 'nbformat_minor': 5, 'metadata': {'kernelspec': kernel},
                        'cells': [{'cell_type': 'markdown', 'id': 'a', 'metadata': {},
                                   'source': f'# {path.stem} 풀이\n\n{headings}'}]}
            (notebooks / 'solutions' / solution.name).write_text(json.dumps(stand_in), encoding='utf-8')
    lesson = json.loads((notebooks / '01_lenet.ipynb').read_text(encoding='utf-8'))
    lesson['cells'].append({'cell_type': 'markdown', 'id': 'link-to-solution', 'metadata': {},
                            'source': '[연습문제 1의 풀이](solutions/01_lenet_solutions.ipynb#연습문제-1)'})
    (notebooks / '01_lenet.ipynb').write_text(json.dumps(lesson, ensure_ascii=False), encoding='utf-8')
    solution = {'nbformat': 4, 'nbformat_minor': 5, 'metadata': {'kernelspec': kernel}, 'cells': [
        {'cell_type': 'markdown', 'id': 'a', 'metadata': {},
         'source': '# 01 풀이\n\n[01 LeNet 노트북](../01_lenet.ipynb)의 연습문제 풀이입니다.\n\n'
                   '## 연습문제 1\n\n$p_h = k_h - 1$입니다.\n\n'
                   # the chapter links every exercise of its solution: give each a heading
                   + '\n\n'.join(f'## 연습문제 {n}' for n in range(2, 31))},
        {'cell_type': 'code', 'id': 'b', 'metadata': {}, 'execution_count': 1,
         'source': 'print(1 + 1)', 'outputs': [
             {'output_type': 'stream', 'name': 'stdout', 'text': '2\n'}]}]}
    (notebooks / 'solutions' / '01_lenet_solutions.ipynb').write_text(json.dumps(solution), encoding='utf-8')
    run = subprocess.run([sys.executable, str(ROOT / 'scripts' / 'build_site.py'), '--notebooks',
                          str(notebooks), '--build-dir', str(tmp_path / 'build')],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    site = tmp_path / 'build' / 'site'
    page = (site / 'solutions' / '01_lenet_solutions.html').read_text(encoding='utf-8')
    repo = repository_url()
    assert f'href="{colab_url(repo, "solutions/01_lenet_solutions")}"' in page
    assert f'href="{repo}/blob/main/notebooks/solutions/01_lenet_solutions.ipynb"' in page
    assert 'href="../_sources/solutions/01_lenet_solutions.ipynb"' in page
    assert (site / '_sources' / 'solutions' / '01_lenet_solutions.ipynb').read_bytes() == \
        (notebooks / 'solutions' / '01_lenet_solutions.ipynb').read_bytes()
    assert 'href="../01_lenet.html"' in page, 'the solution links back to its chapter'
    assert 'id="연습문제-1"' in page
    chapter = urllib.parse.unquote((site / '01_lenet.html').read_text(encoding='utf-8'))
    link = re.search(r'href="solutions/01_lenet_solutions\.html#([^"]+)"><span[^>]*>연습문제 1의 풀이', chapter)
    assert link, 'the chapter links to the heading of exercise 1 in its solution'
    heading = re.search(rf'<section id="{re.escape(link.group(1))}"[^>]*>\s*(?:<span[^>]*></span>)?<h2>(.*?)<',
                        page)
    assert heading and heading.group(1).strip() == '연습문제 1', link.group(1)
    index = (site / 'index.html').read_text(encoding='utf-8')
    nav = index[index.index('bd-docs-nav'):]
    order = [nav.index(f'href="{p.stem}.html"') for p in MAIN] + \
        [nav.index(f'href="solutions/{p.stem}_solutions.html"') for p in MAIN]
    assert order == sorted(order), '차례의 순서: 01-10 다음에 풀이'
    assert '풀이' in nav
