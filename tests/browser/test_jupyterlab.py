"""The notebooks as a learner meets them: JupyterLab in a real browser (Chromium).

One JupyterLab server from this environment (127.0.0.1, random free port, no token), set up
by ``scripts/setup_lab.py`` exactly as ``make lab`` does, serving a fresh copy of
``notebooks/`` under the ``smoke`` profile.  For every notebook, one kernel at a time:

(a) opened as saved: no cell shows a widget's text form (``interactive(...``,
    ``IntSlider(...``) or a widget error, every interactive cell shows a visible picture,
    table or text, no rendered markdown shows a raw ``$`` (math that did not render), opening
    does not mark the notebook unsaved, and past the autosave interval (shortened to
    ``AUTOSAVE`` seconds for the test) the ``.ipynb`` and ``.py`` are byte-identical: reading
    changes nothing on disk;
(b) Run All finishes with no error output; every training cell holds exactly one figure
    and one progress bar (in its closed, plain-HTML form);
(c) one slider moved with the keyboard changes its cell's output;
(d) save (the paired ``.py`` is written again by jupytext), close, reopen: no
    "Error displaying widget", and no console errors other than images that cannot be
    loaded offline (the Colab badge);
(e) Korean text is drawn with a Hangul font (the fonts Chromium really used, read
    through the DevTools protocol), not with boxes (tofu).

The same open → Run All → save → reopen checks run once in Jupyter Notebook 7 (the ``notebook``
package, its own ``jupyter notebook`` server over the same folder) for notebook 01.

Screenshots go to ``build/screenshots/`` (ignored by git).  Needs Debian's ``chromium``
(and ``fonts-noto-cjk`` for check e); without it the test is skipped.
"""
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from chromium import find_chromium, free_port

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / 'notebooks').glob('*.ipynb'))
SHOTS = ROOT / 'build' / 'screenshots'
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--no-first-run',
                 '--disable-quic']
INSTALL_HINT = ('Chromium not found: install it with `sudo apt-get install chromium '
                'fonts-noto-cjk` (Debian/Ubuntu) or set D2LMINI_CHROMIUM=/path/to/chromium')
AUTOSAVE = 4   # seconds: the test's autosave interval (JupyterLab's default is 120)
RUN_TIMEOUT = float(os.environ.get('D2LMINI_BROWSER_RUN_TIMEOUT', 300))   # seconds per Run All
# Text forms of widgets that a reader must never see in place of an output.
WIDGET_TEXT = re.compile(r'\binteractive\(children=|\b(?:IntSlider|FloatSlider|Dropdown|'
                         r'VBox|HBox|Output|Checkbox|ToggleButtons)\((?:value=|children=|'
                         r'description=|outputs=|layout=)|Error displaying widget|'
                         r'Loading widget\.\.\.')
HANGUL = re.compile('[\uac00-\ud7a3]')
HANGUL_FONTS = re.compile(r'CJK|Nanum|Malgun|Gothic|Gulim|Dotum|Batang|Myeongjo|Hangul|'
                          r'Un(?:Dotum|Batang)', re.I)


def code_sources(notebook):
    cells = json.loads(notebook.read_text(encoding='utf-8'))['cells']
    return [''.join(c['source']) for c in cells if c['cell_type'] == 'code']


def is_interactive(source):
    return bool(re.search(r'\binteract(?:ive|_manual)?\(', source))


# ----------------------------------------------------------------- fixtures
@pytest.fixture(scope='module')
def chromium():
    path = find_chromium()
    if path is None:
        pytest.skip(INSTALL_HINT)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip('playwright is not installed: pip install -e ".[dev]"')
    return path, sync_playwright


@pytest.fixture(scope='module')
def lab(chromium, tmp_path_factory):
    """A fresh copy of the notebooks and one JupyterLab serving it, set up like ``make lab``."""
    base = tmp_path_factory.mktemp('lab')
    work = base / 'd2lmini'
    (work / 'notebooks').mkdir(parents=True)
    for path in sorted((ROOT / 'notebooks').iterdir()):
        if path.suffix in ('.ipynb', '.py') and path.is_file():
            shutil.copy2(path, work / 'notebooks' / path.name)
    shutil.copy2(ROOT / 'jupytext.toml', work / 'jupytext.toml')
    home = base / 'home'
    env = {k: v for k, v in os.environ.items() if not k.startswith(('JUPYTER', 'MPLBACKEND'))}
    env.update(
        D2LMINI_PROFILE='smoke',
        JUPYTER_CONFIG_DIR=str(home / 'config'), JUPYTER_DATA_DIR=str(home / 'data'),
        JUPYTER_RUNTIME_DIR=str(home / 'runtime'), XDG_CONFIG_HOME=str(home / 'xdg'),
        JUPYTERLAB_SETTINGS_DIR=str(home / 'settings'),
        JUPYTERLAB_WORKSPACES_DIR=str(home / 'workspaces'))
    # Test-only settings: no news or update checks (offline), and every cell in the DOM
    # (JupyterLab otherwise renders only the cells in view).
    settings = home / 'settings'
    for plugin, values in {
            '@jupyterlab/apputils-extension/notification': {'fetchNews': 'false',
                                                             'checkForUpdates': False},
            '@jupyterlab/notebook-extension/tracker': {'windowingMode': 'none'},
            '@jupyterlab/docmanager-extension/plugin': {'autosave': True,
                                                        'autosaveInterval': AUTOSAVE}}.items():
        target = settings / f'{plugin}.jupyterlab-settings'
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding='utf-8')
    subprocess.run([sys.executable, str(ROOT / 'scripts' / 'setup_lab.py'),
                    str(work / 'notebooks')], env=env, check=True, capture_output=True)
    lab = {'dir': work / 'notebooks', 'cwd': work, 'env': env, 'base': base}
    with serve('lab', lab) as url:
        yield {**lab, 'url': url, 'log': base / 'lab.log'}


@contextlib.contextmanager
def serve(app, where):
    """``jupyter lab`` or ``jupyter notebook`` on 127.0.0.1 (free port, no token) over ``notebooks/``."""
    port = free_port()
    command = [sys.executable, '-m', 'jupyter', app, '--no-browser',
               '--ServerApp.ip=127.0.0.1', f'--ServerApp.port={port}',
               '--ServerApp.port_retries=0', '--IdentityProvider.token=',
               '--ServerApp.password=', '--ServerApp.disable_check_xsrf=True', 'notebooks']
    if app == 'lab':
        command[-1:-1] = ['--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
                          '--LabApp.expose_app_in_browser=True']
    if hasattr(os, 'geteuid') and os.geteuid() == 0:
        command.insert(4, '--allow-root')
    log_path = where['base'] / f'{app}.log'
    log = open(log_path, 'w')
    server = subprocess.Popen(command, cwd=where['cwd'], env=where['env'], stdout=log,
                              stderr=subprocess.STDOUT)
    url = f'http://127.0.0.1:{port}'
    try:
        for _ in range(300):
            if server.poll() is not None:
                raise RuntimeError(f'jupyter {app} exited: {log_path.read_text()}')
            try:
                urllib.request.urlopen(url + '/api/status', timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f'jupyter {app} did not start')
        yield url
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope='module')
def browser(chromium):
    path, sync_playwright = chromium
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS,
                                             headless=True)
        yield browser
        browser.close()
    finally:
        playwright.stop()


# ----------------------------------------------------------------- helpers
def api(lab, path, method='GET'):
    request = urllib.request.Request(lab['url'] + path, method=method)
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return json.loads(body) if body else None


def shut_down_kernels(lab):
    for kernel in api(lab, '/api/kernels'):
        api(lab, f'/api/kernels/{kernel["id"]}', method='DELETE')
    for _ in range(50):
        if not api(lab, '/api/kernels'):
            return
        time.sleep(0.1)


class Page:
    """One JupyterLab tab showing one notebook, with the console errors it logged."""

    def __init__(self, browser, lab, name, app='lab'):
        self.lab, self.name, self.app = lab, name, app
        self.context = browser.new_context(viewport={'width': 1400, 'height': 1000},
                                           locale='ko-KR')
        self.page = self.context.new_page()
        self.errors = []
        self.page.on('console', self._console)
        self.page.on('pageerror', lambda err: self.errors.append(f'pageerror: {err}'))

    def _console(self, message):
        if message.type != 'error':
            return
        where = (message.location or {}).get('url', '')
        text = message.text
        offline_image = ('Failed to load resource' in text
                         and not where.startswith(self.lab['url']))
        if not offline_image:
            self.errors.append(f'{text} ({where})')

    def open(self):
        where = 'lab/tree' if self.app == 'lab' else 'notebooks'
        self.page.goto(f'{self.lab["url"]}/{where}/{self.name}' + ('?reset' if self.app == 'lab' else ''))
        self.page.wait_for_selector('.jp-NotebookPanel .jp-Notebook .jp-Cell', timeout=60000)
        self.page.wait_for_function(
            """n => document.querySelectorAll('.jp-NotebookPanel .jp-Notebook > .jp-Cell').length == n
                   || document.querySelectorAll('.jp-NotebookPanel .jp-Cell').length >= n""",
            arg=self.cell_count(), timeout=60000)
        self.wait_kernel_idle(60)
        self.page.wait_for_timeout(1500)   # widget views restore after the kernel connects
        try:   # ... give those still loading a little longer; the checks report what is left
            self.page.wait_for_function(
                "() => !document.body.innerText.includes('Loading widget...')", timeout=10000)
        except Exception:   # noqa: BLE001
            pass

    def cell_count(self):
        path = self.lab['dir'] / self.name
        return len(json.loads(path.read_text(encoding='utf-8'))['cells'])

    def wait_kernel_idle(self, seconds):
        self.page.wait_for_function(
            """() => { const s = document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator');
                       return s && s.getAttribute('data-status') === 'idle'; }""",
            timeout=seconds * 1000)

    def shot(self, step):
        SHOTS.mkdir(parents=True, exist_ok=True)
        name = f'{Path(self.name).stem}-{step}.png'
        self.page.screenshot(path=str(SHOTS / name))
        return name

    def scroll_to_code_cell(self, index):
        """Bring a code cell's output (or the cell, if it has none) to the top of the view."""
        self.page.evaluate(
            """i => { const c = document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell')[i];
                      if (!c) return;
                      const out = c.querySelector('.jp-Cell-outputArea');
                      (out && out.offsetHeight > 20 ? out : c).scrollIntoView({block: 'start'}); }""",
            index)
        self.page.wait_for_timeout(300)

    def code_cells(self):
        """Per code cell (in order): prompt, output texts, visible images, tables, widgets."""
        return self.page.evaluate("""() => [...document.querySelectorAll(
                '.jp-NotebookPanel .jp-CodeCell')].map(cell => {
            const area = cell.querySelector('.jp-Cell-outputArea') || cell;
            const visible = e => e.offsetWidth > 0 && e.offsetHeight > 0;
            // inside a widget (e.g. the Output of widgets.interact): not an ordinary output
            const nested = e => !!e.parentElement.closest('.jupyter-widgets, .widget-output');
            const imgs = [...area.querySelectorAll('img')].filter(
                i => visible(i) && i.complete && i.naturalWidth > 0 && i.src.startsWith('data:'));
            return {
              prompt: (cell.querySelector('.jp-InputArea-prompt') || {}).textContent || '',
              text: area.innerText || '',
              outputs: [...area.querySelectorAll('.jp-OutputArea-output')].map(o => ({
                  mime: o.getAttribute('data-mime-type') || '', text: o.innerText || '',
                  visible: visible(o), nested: nested(o)})),
              images: imgs.length,
              staticImages: imgs.filter(i => !nested(i)).length,
              imageSrcs: imgs.map(i => i.src.length + ':' + i.src.slice(-64)),
              staticTables: [...area.querySelectorAll('table')].filter(
                  t => visible(t) && !nested(t)).length,
              sliders: area.querySelectorAll('.widget-slider').length,
              widgetBars: area.querySelectorAll('.widget-hprogress, .widget-progress').length,
              closedBars: area.querySelectorAll('.d2lmini-progress').length,
            };
        })""")

    def raw_math(self):
        """Rendered markdown that still shows a ``$`` outside code: math that did not render."""
        return self.page.evaluate("""() => [...document.querySelectorAll(
                '.jp-NotebookPanel .jp-RenderedMarkdown')].map(md => {
            const copy = md.cloneNode(true);
            copy.querySelectorAll('code, pre, .MathJax, mjx-container, .katex').forEach(e => e.remove());
            const text = copy.textContent || '';
            const at = text.indexOf('$');
            return at < 0 ? null : text.slice(Math.max(0, at - 30), at + 30);
        }).filter(x => x !== null)""")

    def is_dirty(self):
        return self.page.evaluate(
            "() => !!document.querySelector('.jp-NotebookPanel.jp-mod-dirty, "
            ".lm-TabBar-tab.jp-mod-current.jp-mod-dirty')")

    def metadata(self, key):
        return self.page.evaluate(
            "k => window.jupyterapp.shell.currentWidget.context.model.getMetadata(k)", key)

    def check_opened_clean(self, step, problems, notes, committed=False):
        """Opening must not change the notebook.  A committed notebook holds no widget state,
        so nothing may mark it unsaved.  The one exception, for a notebook the learner ran and
        saved: with widget state in the file, the ipywidgets manager (saveState on) marks it
        unsaved while it restores that state; that is noted, not failed."""
        disk = json.loads((self.lab['dir'] / self.name).read_text(encoding='utf-8'))['metadata']
        for key in ('kernelspec', 'language_info'):
            if key in disk and self.metadata(key) != disk[key]:
                problems.append(f'{step} opening changed {key}: {disk[key]} -> '
                                f'{self.metadata(key)}')
        if self.is_dirty():
            if 'language_info' not in disk:
                problems.append(f'{step} opening marked the notebook unsaved: the file has no '
                                'language_info (never executed), JupyterLab adds it')
            elif 'widgets' in disk and not committed:
                notes.append(f'{step} marked unsaved by the widget manager restoring the '
                             'saved widget state')
            else:
                problems.append(f'{step} opening marked the notebook unsaved')

    def close(self):
        self.context.close()


def output_signature(cell):
    """What a reader sees of a cell's result, without the slider readouts."""
    texts = [o['text'] for o in cell['outputs'] if 'widget' not in o['mime']]
    return (tuple(cell['imageSrcs']), tuple(texts))


def hangul_fonts(page, selector):
    """Platform fonts Chromium used for the first element matching ``selector`` that has Hangul."""
    cdp = page.context.new_cdp_session(page)
    cdp.send('DOM.enable')
    cdp.send('CSS.enable')
    root = cdp.send('DOM.getDocument', {'depth': -1, 'pierce': True})['root']['nodeId']
    nodes = cdp.send('DOM.querySelectorAll', {'nodeId': root, 'selector': selector})['nodeIds']
    for node in nodes:
        text = cdp.send('DOM.resolveNode', {'nodeId': node})
        obj = text['object']['objectId']
        content = cdp.send('Runtime.callFunctionOn', {
            'objectId': obj, 'functionDeclaration': 'function() { return this.textContent; }',
            'returnByValue': True})['result']['value'] or ''
        if HANGUL.search(content):
            fonts = cdp.send('CSS.getPlatformFontsForNode', {'nodeId': node})['fonts']
            return content.strip(), fonts
    return None, []


def check_unchanged_on_disk(step, lab, name, problems, original=None):
    """Past the autosave interval, the notebook and its paired .py are what the repository holds."""
    time.sleep(AUTOSAVE + 2)
    original = original or name
    for suffix in ('.ipynb', '.py'):
        copy = lab['dir'] / Path(name).with_suffix(suffix).name
        if copy.exists() and copy.read_bytes() != \
                (ROOT / 'notebooks' / Path(original).with_suffix(suffix).name).read_bytes():
            problems.append(f'{step} only reading it changed {copy.name} on disk (autosave)')


def write_report(name, entry):
    """Keep a per-notebook summary of the last run in ``build/screenshots/report.json``."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / 'report.json'
    try:
        report = json.loads(path.read_text(encoding='utf-8'))
    except (OSError, ValueError):
        report = {}
    report[name] = entry
    path.write_text(json.dumps(report, indent=1, ensure_ascii=False, sort_keys=True),
                    encoding='utf-8')


# ----------------------------------------------------------------- the test
def fits_run_by(source):
    """How many trainings (one progress bar each) a cell runs: its ``.fit(`` calls, or, where the cell
    defines a function that trains, the calls of that function (10's small recipe run trains twice)."""
    trainers = re.findall(r'^def (\w+)\(', source, flags=re.M)
    if trainers:
        return sum(len(re.findall(rf'\b{name}\(', source)) - 1 for name in trainers)
    return source.count('.fit(')


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_in_jupyterlab(notebook, lab, browser, record_property):
    name = notebook.name
    sources = code_sources(lab['dir'] / name)
    interactive = [i for i, s in enumerate(sources) if is_interactive(s)]
    training = [i for i, s in enumerate(sources) if '.fit(' in s]
    problems, notes, shots, timings, fonts_used = [], [], [], {}, {}
    shut_down_kernels(lab)
    start = time.perf_counter()
    page = Page(browser, lab, name)
    try:
        # (a) opened as saved
        page.open()
        cells = page.code_cells()
        assert len(cells) == len(sources), 'code cells in the page and in the file differ'
        for i, cell in enumerate(cells):
            if WIDGET_TEXT.search(cell['text']):
                problems.append(f'(a) cell {i}: shows a widget text form or error: '
                                f'{WIDGET_TEXT.search(cell["text"]).group(0)!r}')
        for i in interactive:
            cell = cells[i]
            static = cell['staticImages'] + cell['staticTables'] + sum(
                1 for o in cell['outputs'] if o['visible'] and not o['nested']
                and o['text'].strip() and 'widget' not in o['mime']
                and not WIDGET_TEXT.search(o['text']))
            if not static:
                problems.append(f'(a) interactive cell {i}: no visible picture, table or text '
                                'outside the widget')
        for text in page.raw_math():
            problems.append(f'(a) rendered markdown shows a raw $: {text!r}')
        page.check_opened_clean('(a)', problems, notes, committed=True)
        check_unchanged_on_disk('(a)', lab, name, problems)
        if interactive:
            page.scroll_to_code_cell(interactive[0])
        shots.append(page.shot('1-opened'))
        timings['open'] = time.perf_counter() - start

        # (e) Hangul drawn with a Hangul font: a heading and a code output
        for what, selector in (('heading', '.jp-NotebookPanel .jp-RenderedMarkdown h2'),
                               ('output', '.jp-NotebookPanel .jp-OutputArea-output pre')):
            text, fonts = hangul_fonts(page.page, selector)
            if text is None:
                continue
            hangul = len(HANGUL.findall(text))
            covered = sum(f['glyphCount'] for f in fonts if HANGUL_FONTS.search(f['familyName']))
            if covered < hangul:
                problems.append(f'(e) {what} {text[:30]!r}: {hangul} Hangul letters but fonts '
                                f'{[(f["familyName"], f["glyphCount"]) for f in fonts]}')
            fonts_used[what] = ', '.join(f['familyName'] for f in fonts)

        # (b) Run All
        t0 = time.perf_counter()
        page.page.locator('.lm-MenuBar-itemLabel', has_text=re.compile(r'^Run$')).click()
        page.page.locator('.lm-Menu-itemLabel', has_text=re.compile(r'^Run All Cells$')).click()
        page.page.wait_for_timeout(1000)
        page.page.wait_for_function(
            """() => { const s = document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator');
                       const busy = [...document.querySelectorAll('.jp-NotebookPanel .jp-InputArea-prompt')]
                           .some(p => p.textContent.includes('*'));
                       return s && s.getAttribute('data-status') === 'idle' && !busy; }""",
            timeout=RUN_TIMEOUT * 1000, polling=500)
        page.page.wait_for_timeout(500)
        timings['run_all'] = time.perf_counter() - t0
        cells = page.code_cells()
        for i, cell in enumerate(cells):
            if not re.search(r'\[\d+\]', cell['prompt']):
                problems.append(f'(b) cell {i} did not run (prompt {cell["prompt"]!r})')
                break
        for i, cell in enumerate(cells):
            for o in cell['outputs']:
                if 'stderr' in o['mime'] and re.search(r'Traceback|Error\b|Exception', o['text']):
                    problems.append(f'(b) cell {i} error output: {o["text"][-300:]!r}')
        for i in training:
            cell, bars = cells[i], fits_run_by(sources[i])
            if cell['images'] != 1 or cell['closedBars'] + cell['widgetBars'] != bars \
                    or cell['widgetBars']:
                problems.append(f'(b) training cell {i}: {cell["images"]} figures, '
                                f'{cell["closedBars"]} closed bars, {cell["widgetBars"]} '
                                f'widget bars (want 1 figure, {bars} closed bar(s))')
        if training:
            page.scroll_to_code_cell(training[0])
        shots.append(page.shot('2-ran'))

        # (c) a slider moved with the keyboard changes its output
        moved = None
        for i in interactive:
            if not cells[i]['sliders']:
                continue
            handle = page.page.locator('.jp-NotebookPanel .jp-CodeCell').nth(i).locator(
                '.widget-slider .noUi-handle').first
            before = output_signature(cells[i])
            handle.scroll_into_view_if_needed()
            handle.focus()
            for key in ('ArrowRight', 'ArrowLeft', 'ArrowLeft'):
                page.page.keyboard.press(key)
                deadline = time.time() + 15
                while time.time() < deadline:
                    page.page.wait_for_timeout(300)
                    if output_signature(page.code_cells()[i]) != before:
                        moved = i
                        break
                if moved is not None:
                    break
            if moved is not None:
                break
        if moved is None:
            problems.append('(c) no slider changed its output when moved with the keyboard'
                            if any(cells[i]['sliders'] for i in interactive)
                            else '(c) no slider in any interactive cell')
        else:
            page.scroll_to_code_cell(moved)
            shots.append(page.shot('3-slider'))

        # (d) save (the paired .py is rewritten), close, reopen
        paired = lab['dir'] / Path(name).with_suffix('.py').name
        saved_at = time.time()
        time.sleep(1.1)
        page.page.keyboard.press('Escape')
        page.page.keyboard.press('Control+s')
        page.page.wait_for_function(
            "() => !document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty')",
            timeout=30000)
        page.page.wait_for_timeout(1000)
        saved = json.loads((lab['dir'] / name).read_text(encoding='utf-8'))
        if (lab['dir'] / name).stat().st_mtime < saved_at:
            problems.append('(d) the notebook was not saved')
        if not paired.exists() or paired.stat().st_mtime < saved_at:
            problems.append(f'(d) saving did not rewrite {paired.name} (jupytext pairing)')
        errors_saved = [o.get('ename') for c in saved['cells'] for o in c.get('outputs', [])
                        if o.get('output_type') == 'error']
        if errors_saved:
            problems.append(f'(d) saved notebook has error outputs: {errors_saved}')
        if 'widgets' not in saved['metadata']:
            problems.append('(d) widget state was not saved with the notebook')
        page.close()
        shut_down_kernels(lab)
        errors_before = page.errors
        page = Page(browser, lab, name)
        page.open()
        cells = page.code_cells()
        for i, cell in enumerate(cells):
            if 'Error displaying widget' in cell['text'] or WIDGET_TEXT.search(cell['text']):
                problems.append(f'(d) reopened cell {i}: '
                                f'{WIDGET_TEXT.search(cell["text"]).group(0)!r}')
        page.check_opened_clean('(d)', problems, notes)
        if interactive:
            page.scroll_to_code_cell(interactive[0])
        shots.append(page.shot('4-reopened'))
        for error in errors_before + page.errors:
            problems.append(f'(d) console error: {error[:300]}')
    except Exception as err:   # a timeout etc.: report it with the rest
        problems.append(f'stopped: {type(err).__name__}: {str(err)[:400]}')
        try:
            shots.append(page.shot('stopped'))
        except Exception:   # noqa: BLE001  (the page itself may be gone)
            pass
    finally:
        page.close()
        shut_down_kernels(lab)
    timings['total'] = time.perf_counter() - start
    record_property('screenshots', shots)
    record_property('notes', notes)
    record_property('fonts', fonts_used)
    write_report(notebook.stem, {'problems': problems, 'notes': notes, 'screenshots': shots,
                                 'fonts': fonts_used,
                                 'seconds': {k: round(v, 1) for k, v in timings.items()}})
    record_property('timings', {k: round(v, 1) for k, v in timings.items()})
    print(f'\n{notebook.stem}: {json.dumps({k: round(v, 1) for k, v in timings.items()})} '
          f'screenshots {shots} notes {notes}')
    assert not problems, f'{notebook.stem}:\n  ' + '\n  '.join(problems)


def wait_until_kernels_idle(lab, page, seconds):
    """Notebook 7 has no execution indicator in every version: ask the server instead."""
    deadline = time.time() + seconds
    page.page.wait_for_timeout(1000)
    while time.time() < deadline:
        busy = any(k.get('execution_state') != 'idle' for k in api(lab, '/api/kernels'))
        running = page.page.evaluate(
            "() => [...document.querySelectorAll('.jp-InputArea-prompt')]"
            ".some(p => p.textContent.includes('*'))")
        if not busy and not running:
            return
        page.page.wait_for_timeout(500)
    raise TimeoutError(f'kernel still busy after {seconds} s')


# Notebook 7.6 raises this on every page, its own file browser included, in a clean configuration.
NOTEBOOK7_OWN_ERRORS = ("pageerror: Cannot read properties of undefined (reading 'schema')",)


@pytest.fixture(scope='module')
def notebook7(lab):
    """``jupyter notebook`` (Notebook 7) over the same folder and settings as the JupyterLab test."""
    with serve('notebook', lab) as url:
        yield {**lab, 'url': url}


def test_notebook_7_open_run_save_reopen(notebook7, browser):
    """Jupyter Notebook 7 (``jupyter notebook``): the same checks once, on a fresh copy of 01."""
    lab = notebook7
    original = '01_lenet.ipynb'
    name = 'nb7_' + original
    shutil.copy2(ROOT / 'notebooks' / original, lab['dir'] / name)
    problems = []
    shut_down_kernels(lab)
    page = Page(browser, lab, name, app='notebook')
    try:
        page.page.goto(f'{lab["url"]}/notebooks/{name}')
        page.page.wait_for_selector('.jp-NotebookPanel .jp-Cell', timeout=60000)
        wait_until_kernels_idle(lab, page, 60)
        page.page.wait_for_timeout(1500)
        text = '\n'.join(c['text'] for c in page.code_cells())   # outputs only, not the code
        if WIDGET_TEXT.search(text):
            problems.append(f'opened: shows {WIDGET_TEXT.search(text).group(0)!r}')
        for raw in page.raw_math():
            problems.append(f'opened: rendered markdown shows a raw $: {raw!r}')
        check_unchanged_on_disk('opened:', lab, name, problems, original=original)
        page.shot('nb7-1-opened')

        page.page.locator('.lm-MenuBar-itemLabel', has_text=re.compile(r'^Run$')).click()
        page.page.locator('.lm-Menu-itemLabel', has_text=re.compile(r'^Run All Cells$')).click()
        wait_until_kernels_idle(lab, page, RUN_TIMEOUT)
        cells = page.code_cells()
        if not all(re.search(r'\[\d+\]', c['prompt']) for c in cells):
            problems.append('Run All: not every cell ran')
        for i, cell in enumerate(cells):
            for o in cell['outputs']:
                if 'stderr' in o['mime'] and re.search(r'Traceback|Error\b', o['text']):
                    problems.append(f'Run All: cell {i} error output {o["text"][-200:]!r}')
        page.shot('nb7-2-ran')

        saved_at = time.time()
        time.sleep(1.1)
        page.page.keyboard.press('Escape')
        page.page.keyboard.press('Control+s')
        deadline = time.time() + 30
        while (lab['dir'] / name).stat().st_mtime < saved_at and time.time() < deadline:
            time.sleep(0.3)
        if (lab['dir'] / name).stat().st_mtime < saved_at:
            problems.append('save: the notebook was not written')
        page.close()
        shut_down_kernels(lab)
        errors_before = page.errors
        page = Page(browser, lab, name, app='notebook')
        page.page.goto(f'{lab["url"]}/notebooks/{name}')
        page.page.wait_for_selector('.jp-NotebookPanel .jp-Cell', timeout=60000)
        wait_until_kernels_idle(lab, page, 60)
        page.page.wait_for_timeout(2000)
        text = '\n'.join(c['text'] for c in page.code_cells())
        if 'Error displaying widget' in text or WIDGET_TEXT.search(text):
            problems.append(f'reopened: shows {WIDGET_TEXT.search(text).group(0)!r}')
        page.shot('nb7-3-reopened')
        for error in errors_before + page.errors:
            if not error.startswith(NOTEBOOK7_OWN_ERRORS):
                problems.append(f'console error: {error[:300]}')
    finally:
        page.close()
        shut_down_kernels(lab)
    assert not problems, 'Notebook 7:\n  ' + '\n  '.join(problems)
