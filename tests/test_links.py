"""The repository address lives in one place (pyproject.toml); badges and install cells agree,
and the links between the notebooks and their solutions (notebooks/solutions/) resolve.

The install cell is what a Colab learner runs first: it must install d2lmini without a second
torch and, when the address holds no project, say in Korean what to do instead of a traceback.
"""
import json
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'scripts'))
import sync_links  # noqa: E402

NOTEBOOKS = sorted((ROOT / 'notebooks').glob('[0-9][0-9]_*.ipynb'))
SOLUTIONS = sorted((ROOT / 'notebooks' / 'solutions').glob('[0-9][0-9]_*.ipynb'))
EVERY_NOTEBOOK = NOTEBOOKS + SOLUTIONS
name = sync_links.notebook_name      # '07_resnet', 'solutions/07_resnet_solutions'


def test_badges_and_install_cells_are_generated_from_pyproject():
    result = subprocess.run([sys.executable, str(ROOT / 'scripts' / 'sync_links.py'), '--check'],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize('notebook', EVERY_NOTEBOOK, ids=name)
def test_every_colab_link_in_the_notebook_opens_this_notebook_from_the_repository(notebook):
    text = notebook.read_text(encoding='utf-8')
    links = re.findall(r'https://colab\.research\.google\.com/github/[^)\s"\\]+', text)
    assert links == [sync_links.colab_url(sync_links.repository_url(), name(notebook))]
    first_code = next(c for c in json.loads(text)['cells'] if c['cell_type'] == 'code')
    cell = sync_links.install_cell(sync_links.repository_url(), notebook.parent)
    assert ''.join(first_code['source']) == cell.replace('# %%\n', '', 1).rstrip('\n'), \
        f'{notebook.name}: the first code cell is not the install cell: run scripts/sync_links.py'


def test_readme_links_every_notebook_to_colab_once():
    readme = (ROOT / 'README.md').read_text(encoding='utf-8')
    repo = sync_links.repository_url()
    for notebook in NOTEBOOKS:
        assert readme.count(sync_links.colab_url(repo, notebook.stem)) == 1, notebook.stem


def test_a_stale_badge_is_found(tmp_path):
    stale = 'x [b](https://colab.research.google.com/github/old/fork/blob/main/notebooks/01_lenet.ipynb)'
    assert sync_links.with_badges(stale, 'https://github.com/new/place') == \
        'x [b](https://colab.research.google.com/github/new/place/blob/main/notebooks/01_lenet.ipynb)'
    solution = stale.replace('01_lenet', 'solutions/01_lenet_solutions')
    assert sync_links.with_badges(solution, 'https://github.com/new/place') == \
        solution.replace('old/fork', 'new/place')


def test_a_badge_copied_from_the_main_notebook_opens_the_solution(tmp_path):
    copied = '[b](https://colab.research.google.com/github/o/n/blob/main/notebooks/01_lenet.ipynb)'
    assert sync_links.with_badges(copied, 'https://github.com/o/n', 'solutions/01_lenet_solutions') == \
        '[b](https://colab.research.google.com/github/o/n/blob/main/notebooks/solutions/01_lenet_solutions.ipynb)'


def run_install_cell(cwd, repo, folder=sync_links.NOTEBOOKS):
    """Run the first code cell as a fresh Colab kernel would: d2lmini is not importable there."""
    cell = sync_links.install_cell(repo, folder).replace('# %%\n', '', 1)
    script = ("import importlib.util as u\n"
              "_find = u.find_spec\n"
              "u.find_spec = lambda name, *a: None if name == 'd2lmini' else _find(name, *a)\n"
              + cell)
    return subprocess.run([sys.executable, '-c', script], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_install_cell_explains_a_repository_that_holds_no_project(tmp_path):
    missing = (tmp_path / 'no-such-repo').as_uri()
    result = run_install_cell(tmp_path, missing)
    assert result.returncode != 0
    assert '설치하지 못했습니다' in result.stdout and missing in result.stdout
    assert 'REPO' in result.stdout and '올린 뒤' in result.stdout
    assert 'Traceback' not in result.stderr
    assert '추가 패키지: 없음' in result.stdout, 'torch and friends are present: nothing else to install'


def test_install_cell_uses_an_uploaded_folder_before_the_network(tmp_path):
    """Colab: the learner uploaded the repository as d2lmini/ next to the notebook."""
    folder = tmp_path / 'd2lmini'
    (folder / 'd2lmini').mkdir(parents=True)
    (folder / 'd2lmini' / '__init__.py').write_text('')
    result = run_install_cell(tmp_path, 'https://example.invalid/never-used')
    assert 'd2lmini를 설치합니다: d2lmini' in result.stdout
    assert 'example.invalid' not in result.stdout.split('\n', 1)[0]


def test_install_cell_of_a_solution_finds_the_repository_two_folders_up(tmp_path):
    """A solution runs in notebooks/solutions/: the repository folder is ../.., not .."""
    (tmp_path / 'd2lmini').mkdir()
    (tmp_path / 'd2lmini' / '__init__.py').write_text('')
    cwd = tmp_path / 'notebooks' / 'solutions'
    cwd.mkdir(parents=True)
    result = run_install_cell(cwd, 'https://example.invalid/never-used',
                              sync_links.NOTEBOOKS / 'solutions')
    assert result.stdout.startswith('d2lmini를 설치합니다: ../..'), result.stdout
    assert "('..', 'd2lmini')" in sync_links.install_cell('https://github.com/o/n')


# --- links between the notebooks and their solutions ------------------------------------------

CODE = re.compile(r'```.*?```|`[^`\n]*`|\$\$.*?\$\$|\$[^$\n]*\$', re.S)
LINK = re.compile(r'\[[^\]]*\]\(([^)\s]+)\)')


def markdown(notebook):
    cells = json.loads(notebook.read_text(encoding='utf-8'))['cells']
    return [''.join(c['source']) for c in cells if c['cell_type'] == 'markdown']


def anchors(notebook):
    """The ``#anchor`` of every heading up to level 3, as the site makes them (myst_heading_anchors = 3,
    GitHub's form: lower case, punctuation dropped, spaces to hyphens)."""
    found = set()
    for text in markdown(notebook):
        for level, title in re.findall(r'^(#{1,6})\s+(.+?)\s*#*\s*$', CODE.sub(
                lambda m: m.group(0).strip('`$'), text), flags=re.M):
            if len(level) <= 3:
                slug = re.sub(r'[^\w\- ]', '', title.strip().lower()).replace(' ', '-')
                found.add(slug)
    return found


def relative_links(notebook):
    for text in markdown(notebook):
        for target in LINK.findall(CODE.sub('', text)):
            if not re.match(r'[a-z][a-z0-9+.-]*:', target):       # http:, https:, mailto:, data:
                yield target


@pytest.mark.parametrize('notebook', EVERY_NOTEBOOK, ids=name)
def test_relative_links_resolve_from_the_notebook_folder(notebook):
    """``solutions/NN_..._solutions.ipynb#연습문제-3`` from a lesson, ``../NN_name.ipynb`` back: the
    file exists relative to the notebook's own folder and the anchor is a heading there."""
    problems = []
    for target in relative_links(notebook):
        path, _, anchor = urllib.parse.unquote(target).partition('#')
        file = (notebook.parent / path).resolve() if path else notebook
        if not file.is_file():
            problems.append(f'{target}: no file {file.relative_to(ROOT) if file.is_relative_to(ROOT) else file}')
        elif anchor and file.suffix == '.ipynb' and anchor not in anchors(file):
            problems.append(f'{target}: no heading (level 1-3) with the anchor #{anchor} in {file.name}')
    assert not problems, f'{name(notebook)}:\n' + '\n'.join(problems)


@pytest.mark.parametrize('notebook', SOLUTIONS, ids=name)
def test_a_solution_links_back_to_its_lesson(notebook):
    lesson = notebook.stem.removesuffix('_solutions') + '.ipynb'
    assert (ROOT / 'notebooks' / lesson).is_file(), f'{notebook.name}: no notebooks/{lesson}'
    assert f'../{lesson}' in set(relative_links(notebook)) | {
        t.partition('#')[0] for t in relative_links(notebook)}, f'{notebook.name} does not link to ../{lesson}'
