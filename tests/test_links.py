"""The repository address lives in one place (pyproject.toml); badges and install cells agree.

The install cell is what a Colab learner runs first: it must install d2lmini without a second
torch and, when the address holds no project, say in Korean what to do instead of a traceback.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'scripts'))
import sync_links  # noqa: E402

NOTEBOOKS = sorted((ROOT / 'notebooks').glob('[0-9][0-9]_*.ipynb'))


def test_badges_and_install_cells_are_generated_from_pyproject():
    result = subprocess.run([sys.executable, str(ROOT / 'scripts' / 'sync_links.py'), '--check'],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_every_colab_link_in_the_notebook_opens_this_notebook_from_the_repository(notebook):
    text = notebook.read_text(encoding='utf-8')
    links = re.findall(r'https://colab\.research\.google\.com/github/[^)\s"\\]+', text)
    assert links == [sync_links.colab_url(sync_links.repository_url(), notebook.stem)]
    first_code = next(c for c in json.loads(text)['cells'] if c['cell_type'] == 'code')
    assert f"REPO = '{sync_links.repository_url()}'" in ''.join(first_code['source'])


def test_readme_links_every_notebook_to_colab_once():
    readme = (ROOT / 'README.md').read_text(encoding='utf-8')
    repo = sync_links.repository_url()
    for notebook in NOTEBOOKS:
        assert readme.count(sync_links.colab_url(repo, notebook.stem)) == 1, notebook.stem


def test_a_stale_badge_is_found(tmp_path):
    stale = 'x [b](https://colab.research.google.com/github/old/fork/blob/main/notebooks/01_lenet.ipynb)'
    assert sync_links.with_badges(stale, 'https://github.com/new/place') == \
        'x [b](https://colab.research.google.com/github/new/place/blob/main/notebooks/01_lenet.ipynb)'


def run_install_cell(tmp_path, repo):
    """Run the first code cell as a fresh Colab kernel would: d2lmini is not importable there."""
    cell = sync_links.INSTALL_CELL.format(repo=repo).replace('# %%\n', '', 1)
    script = ("import importlib.util as u\n"
              "_find = u.find_spec\n"
              "u.find_spec = lambda name, *a: None if name == 'd2lmini' else _find(name, *a)\n"
              + cell)
    return subprocess.run([sys.executable, '-c', script], cwd=tmp_path, capture_output=True,
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
