"""노트북 시리즈를 책처럼 읽는 정적 웹사이트를 만듭니다 (``make site``): ``build/site/``.

노트북은 실행하지 않습니다. 저장소의 ``notebooks/NN_*.ipynb``(있으면 ``notebooks/solutions/*.ipynb``도)의
사본과 README에서 고른 절(소개, 노트북 표, 실행 프로필, 결과 표)로 만든 첫 페이지를 ``build/site-src/``에
모으고, Sphinx(myst-nb, sphinx-book-theme, 설정은 ``website/conf.py``)로 HTML을 씁니다. 빌드는 아무것도
내려받지 않으며, 저장소의 노트북은 읽기만 합니다(빌드 앞뒤의 해시가 다르면 실패).

    .venv/bin/python scripts/build_site.py      # 끝에 걸린 시간, 페이지 수, 크기를 알립니다
"""
import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'scripts'))
from script_checks import ScriptError, check_writable_folder, read_text, run, shown  # noqa: E402
from sync_links import repository_url  # noqa: E402

NOTEBOOKS = ROOT / 'notebooks'
CONF = ROOT / 'website'
BUILD = ROOT / 'build'
# 첫 페이지에 옮기는 README의 절(이 순서대로). 제목 앞의 소개 글은 늘 들어갑니다.
README_SECTIONS = ('노트북', '실행 프로필', '결과')
BADGE = re.compile(r'\[!\[[^\]]*\]\(https://colab\.research\.google\.com/assets/[^)]*\)\]\(([^)]+)\)')
LINK = re.compile(r'(?<!!)\[([^\]]+)\]\((?!https?://|#|mailto:)([^)\s]+)\)')


def chapters(notebooks=NOTEBOOKS):
    """사이트의 차례: 01–10 노트북, 그다음 풀이 노트북(폴더가 있을 때)."""
    main = sorted(notebooks.glob('[0-9][0-9]_*.ipynb'))
    solutions = sorted((notebooks / 'solutions').glob('*.ipynb'))
    return main, solutions


def readme_sections(text):
    """README의 소개 글(첫 ``##`` 앞)과 README_SECTIONS의 절들."""
    parts = re.split(r'^(?=## )', text, flags=re.M)
    intro, sections = parts[0], {}
    for part in parts[1:]:
        title = part.splitlines()[0][3:].strip()
        sections[title] = part
    missing = [s for s in README_SECTIONS if s not in sections]
    if missing:
        raise ScriptError(f'README.md에 첫 페이지에 옮길 절({", ".join(missing)})이 없습니다: '
                          f'README에 "## {missing[0]}" 제목의 절을 되살리세요.')
    return intro, [sections[s] for s in README_SECTIONS]


def site_links(markdown, repo):
    """README의 링크를 사이트 안에서 맞게: 노트북은 그 페이지로, 다른 파일은 GitHub의 그 파일로.
    Colab 배지(인터넷에서 읽는 그림)는 글자 링크로 바꿉니다."""
    markdown = BADGE.sub(lambda m: f'[Colab에서 열기]({m.group(1)})', markdown)

    def relink(match):
        text, target = match.groups()
        path, _, anchor = target.partition('#')
        notebook = re.fullmatch(r'notebooks/((?:solutions/)?[^/]+\.ipynb)', path)
        if notebook:
            return f'[{text}]({notebook.group(1)}{"#" + anchor if anchor else ""})'
        return f'[{text}]({repo}/blob/main/{target})'
    return LINK.sub(relink, markdown)


def index_page(repo, main, solutions):
    intro, sections = readme_sections(read_text(ROOT / 'README.md', 'README 파일'))
    body = site_links(intro.rstrip() + '\n\n' + '\n'.join(s.rstrip() + '\n' for s in sections), repo)
    body = body.replace('<!-- results:start -->', '').replace('<!-- results:end -->', '')
    toc = ['', '```{toctree}', ':hidden:', ':caption: 노트북', '', *(p.stem for p in main), '```']
    if solutions:
        toc += ['', '```{toctree}', ':hidden:', ':caption: 풀이', '',
                *(f'solutions/{p.stem}' for p in solutions), '```']
    return body + '\n'.join(toc) + '\n'


def digest(paths):
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def build(jobs='auto', notebooks=NOTEBOOKS, build_dir=BUILD):
    """``build_dir/site/``에 사이트를 만들고 걸린 시간(초)을 돌려줍니다."""
    source, out, doctrees = build_dir / 'site-src', build_dir / 'site', build_dir / 'site-doctrees'
    repo = repository_url()
    main, solutions = chapters(notebooks)
    if not main:
        raise ScriptError(f'{shown(notebooks)}에 NN_*.ipynb 노트북이 없습니다: '
                          '--notebooks에 01_lenet.ipynb 같은 노트북이 든 폴더를 주세요.')
    check_writable_folder(build_dir, '빌드 폴더')
    before = digest([*main, *solutions])
    shutil.rmtree(source, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    source.mkdir(parents=True)
    for path in main:
        shutil.copy2(path, source / path.name)
    if solutions:
        (source / 'solutions').mkdir()
        for path in solutions:
            shutil.copy2(path, source / 'solutions' / path.name)
    shutil.copytree(CONF / 'locale', source / 'locale')   # 화면 글자 번역(.po → .mo는 Sphinx가)
    (source / 'index.md').write_text(index_page(repo, main, solutions), encoding='utf-8')
    command = [sys.executable, '-m', 'sphinx', '-b', 'html', '-E', '-q', '-W', '--keep-going',
               '-j', str(jobs), '-c', str(CONF), '-d', str(doctrees), str(source), str(out)]
    start = time.perf_counter()
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        raise ScriptError('Sphinx가 사이트를 만들지 못했습니다: 위에 나온 Sphinx의 경고와 오류를 고친 뒤 '
                          '다시 실행하세요(사이트 도구가 없으면 make site가 설치합니다).')
    seconds = time.perf_counter() - start
    if digest([*main, *solutions]) != before:
        raise ScriptError(f'사이트를 만드는 동안 {shown(notebooks)}의 노트북이 바뀌었습니다: '
                          '노트북을 고치는 다른 작업이 끝난 뒤 다시 실행하세요.')
    return seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('-j', '--jobs', default='auto', help='Sphinx 병렬 작업 수 (기본 auto)')
    parser.add_argument('--notebooks', type=Path, default=NOTEBOOKS, help='노트북 폴더 (기본 notebooks/)')
    parser.add_argument('--build-dir', type=Path, default=BUILD,
                        help='사이트(site/)와 중간 파일을 둘 폴더 (기본 build/)')
    args = parser.parse_args(argv)
    seconds = build(args.jobs, args.notebooks.resolve(), args.build_dir.resolve())
    out = args.build_dir.resolve() / 'site'
    pages = [p for p in out.rglob('*.html') if '_static' not in p.relative_to(out).parts]
    size = sum(p.stat().st_size for p in out.rglob('*') if p.is_file())
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    print(f'사이트를 만들었습니다: {shown}/index.html '
          f'({seconds:.0f}초, HTML {len(pages)}쪽, {size / 2**20:.1f} MiB)')
    return 0


if __name__ == '__main__':
    sys.exit(run(main))
