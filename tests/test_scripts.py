"""scripts/: a mistake (a missing file, a folder, an empty or broken notebook, a fork on another
host, a broken existing config, no network) ends in one Korean sentence and a non-zero exit, never a
traceback, and nothing is half written.  Solutions (notebooks/solutions/) are handled like the
lessons.  None of these scripts imports torch (results_table.py's cases are in test_scripts_results.py).
"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / 'scripts'
sys.path.insert(0, str(SCRIPTS))
import script_checks  # noqa: E402
import setup_lab  # noqa: E402
import sync_links  # noqa: E402

WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json'


def script(name, *args, cwd=None, env=None, where=SCRIPTS):
    return subprocess.run([sys.executable, str(where / name), *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def one_sentence(result, *words):
    """Exit code 2 and one line ``오류: <Korean sentence>`` on stderr, no traceback."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert len(lines) == 1 and lines[0].startswith('오류: '), lines
    assert any('가' <= ch <= '힣' for ch in lines[0]) and lines[0].rstrip().endswith('.'), lines
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def notebook(cells=(), widgets=True):
    data = {'nbformat': 4, 'nbformat_minor': 5, 'cells': list(cells),
            'metadata': {'kernelspec': {'name': 'python3', 'display_name': 'Python 3',
                                        'language': 'python'}}}
    if widgets:
        data['metadata']['widgets'] = {'state': {}}
        data['cells'].append({'cell_type': 'code', 'id': 'w', 'metadata': {}, 'execution_count': 1,
                              'source': 'x', 'outputs': [{'output_type': 'display_data', 'metadata': {},
                                                          'data': {WIDGET_VIEW: {'model_id': 'm'},
                                                                   'text/plain': '[x]'}}]})
    return json.dumps(data, indent=1) + '\n'


@pytest.fixture
def broken(tmp_path):
    """A folder of mistakes: a missing name, an empty notebook, broken JSON, JSON that is no
    notebook, a .py, a folder named like a notebook and a folder with no notebook."""
    (tmp_path / 'empty.ipynb').write_text('')
    (tmp_path / 'cut.ipynb').write_text('{\n "cells": [\n')
    (tmp_path / 'list.ipynb').write_text('[]')
    (tmp_path / 'lesson.py').write_text('# %%\n')
    (tmp_path / 'folder.ipynb').mkdir()
    (tmp_path / 'nothing').mkdir()
    return tmp_path


MISTAKES = {'missing.ipynb': '없습니다', 'empty.ipynb': '비어', 'cut.ipynb': '3번째 줄',
            'list.ipynb': '셀 목록', 'lesson.py': '.ipynb', 'folder.ipynb': '노트북(.ipynb)이 없습니다',
            'nothing': '노트북(.ipynb)이 없습니다', 'no/such/*.ipynb': '와일드카드'}


# --- strip_widget_state.py --------------------------------------------------------------------

@pytest.mark.parametrize('mistake', MISTAKES)
def test_strip_widget_state_names_the_mistake_in_one_sentence(broken, mistake):
    good = broken / 'good.ipynb'
    good.write_text(notebook())
    for args in ([good, broken / mistake], ['--check', broken / mistake]):
        one_sentence(script('strip_widget_state.py', *args, cwd=broken), MISTAKES[mistake])
    assert good.read_text() == notebook(), 'one broken notebook: nothing is rewritten'


def test_strip_widget_state_takes_a_folder_and_its_solutions(tmp_path):
    (tmp_path / 'solutions').mkdir()
    (tmp_path / 'solutions' / '.ipynb_checkpoints').mkdir()
    for path in (tmp_path / '01_x.ipynb', tmp_path / 'solutions' / '01_x_solutions.ipynb',
                 tmp_path / 'solutions' / '.ipynb_checkpoints' / '01_x_solutions-checkpoint.ipynb'):
        path.write_text(notebook())
    check = script('strip_widget_state.py', '--check', tmp_path)
    assert check.returncode == 1 and '01_x.ipynb' in check.stdout and '01_x_solutions.ipynb' in check.stdout
    assert 'checkpoint' not in check.stdout
    assert script('strip_widget_state.py', tmp_path).returncode == 0
    assert script('strip_widget_state.py', '--check', tmp_path).returncode == 0
    assert 'widgets' not in json.loads((tmp_path / 'solutions' / '01_x_solutions.ipynb').read_text())['metadata']


def test_strip_widget_state_without_arguments_checks_the_repository_notebooks():
    result = script('strip_widget_state.py', '--check')
    assert 'required' not in result.stderr and 'Traceback' not in result.stderr


# --- sync_links.py ----------------------------------------------------------------------------

LESSON = '''# %% [markdown]
# # 01
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/old/fork/blob/main/notebooks/01_x.ipynb)

# %%
REPO = 'old'

# %%
import d2lmini as d2l
'''


def repository(tmp_path, url='https://github.com/new/place', solution=None, readme='# x\n'):
    """A small copy of the repository: pyproject.toml, README, one lesson and maybe its solution."""
    (tmp_path / 'scripts').mkdir()
    for name in ('sync_links.py', 'script_checks.py'):
        shutil.copy(SCRIPTS / name, tmp_path / 'scripts' / name)
    line = f'Repository = "{url}"\n' if url is not None else ''
    (tmp_path / 'pyproject.toml').write_text(f'[project]\nname = "x"\n\n[project.urls]\n{line}')
    (tmp_path / 'README.md').write_text(readme)
    (tmp_path / 'notebooks' / 'solutions').mkdir(parents=True)
    (tmp_path / 'notebooks' / '01_x.py').write_text(LESSON)
    if solution is not None:
        (tmp_path / 'notebooks' / 'solutions' / '01_x_solutions.py').write_text(solution)
    return tmp_path


def sync(root, *args):
    return script('sync_links.py', *args, where=root / 'scripts')


@pytest.mark.parametrize('url,word', [
    ('https://gitlab.com/me/d2lmini', 'GitHub'),
    ('https://github.com/me', 'GitHub'),
    ('https://github.com/me/d2lmini/tree/main', 'GitHub'),
    (None, 'Repository 주소가 없습니다')])
def test_sync_links_refuses_an_address_colab_cannot_open(tmp_path, url, word):
    root = repository(tmp_path, url)
    before = (root / 'notebooks' / '01_x.py').read_text()
    for args in ([], ['--check']):
        one_sentence(sync(root, *args), word)
    assert (root / 'notebooks' / '01_x.py').read_text() == before


def test_sync_links_names_a_broken_pyproject(tmp_path):
    root = repository(tmp_path)
    (root / 'pyproject.toml').write_text('[project.urls]\nRepository = \n')
    one_sentence(sync(root), 'pyproject.toml', '2번째 줄')


@pytest.mark.parametrize('url', ['git@github.com:new/place.git', 'http://github.com/new/place/',
                                 'https://www.github.com/new/place.git'])
def test_sync_links_reads_other_forms_of_a_github_address(url):
    assert sync_links.github_address(url) == 'https://github.com/new/place'


def test_sync_links_writes_the_solutions_badge_and_install_cell(tmp_path):
    solution = LESSON.replace('# # 01', '# # 01 풀이\n#\n# [01](../01_x.ipynb)')
    root = repository(tmp_path, solution=solution)
    assert sync(root, '--check').returncode == 1
    done = sync(root)
    assert done.returncode == 0, done.stderr
    lesson = (root / 'notebooks' / '01_x.py').read_text()
    solved = (root / 'notebooks' / 'solutions' / '01_x_solutions.py').read_text()
    colab = 'https://colab.research.google.com/github/new/place/blob/main/notebooks/'
    assert f'({colab}01_x.ipynb)' in lesson and f'({colab}solutions/01_x_solutions.ipynb)' in solved
    assert "REPO = 'https://github.com/new/place'" in lesson and "('..', 'd2lmini')" in lesson
    assert "('../..', 'd2lmini')" in solved and "REPO = 'old'" not in solved
    assert solved.count('# %%\n') == lesson.count('# %%\n') == 2
    assert 'make sync' in done.stdout, 'the .ipynb still hold the old links until make sync'
    assert sync(root, '--check').returncode == 0


def test_sync_links_keeps_a_first_code_cell_that_is_not_the_install_cell(tmp_path):
    root = repository(tmp_path)
    lesson = root / 'notebooks' / '01_x.py'
    lesson.write_text(LESSON.replace("REPO = 'old'\n", 'print("mine")\n'))
    assert sync(root).returncode == 0
    text = lesson.read_text()
    assert 'print("mine")' in text and text.index("REPO = 'https") < text.index('print("mine")')


def test_sync_links_names_a_notebook_without_cells(tmp_path):
    root = repository(tmp_path)
    (root / 'notebooks' / '01_x.py').write_text('print(1)\n')
    one_sentence(sync(root), '01_x.py', '# %%')


def test_sync_links_names_a_missing_readme(tmp_path):
    root = repository(tmp_path)
    (root / 'README.md').unlink()
    one_sentence(sync(root), 'README.md')


# --- setup_lab.py -----------------------------------------------------------------------------

@pytest.mark.parametrize('mistake', ['missing', 'nothing', 'empty.ipynb', 'cut.ipynb'])
def test_setup_lab_names_a_folder_without_notebooks(broken, mistake, monkeypatch, capsys):
    settings = broken / 'settings.json'
    monkeypatch.setattr(setup_lab, 'widget_settings_file', lambda: settings)
    monkeypatch.setattr(setup_lab, 'server_config_file', lambda: broken / 'server.json')
    assert script_checks.run(setup_lab.main, [str(broken / mistake)]) == 2
    err = capsys.readouterr().err
    assert err.startswith('오류: ') and err.count('\n') == 1, err
    assert not settings.exists(), 'nothing is written before every notebook was read'


def test_setup_lab_on_no_such_folder_does_not_say_0_notebooks_trusted():
    result = script('setup_lab.py', 'no/such/folder')
    one_sentence(result, 'no/such/folder')
    assert '0' not in result.stdout


@pytest.mark.parametrize('content,word', [('{"a": ', '1번째 줄'), ('[1, 2]', 'JSON 객체'),
                                          ('{"ContentsManager": 3}', 'ContentsManager')])
def test_setup_lab_leaves_a_broken_existing_config_alone(tmp_path, monkeypatch, capsys, content, word):
    server = tmp_path / 'server.json'
    server.write_text(content)
    monkeypatch.setattr(setup_lab, 'widget_settings_file', lambda: tmp_path / 'overrides.json')
    monkeypatch.setattr(setup_lab, 'server_config_file', lambda: server)
    (tmp_path / 'nb').mkdir()
    (tmp_path / 'nb' / 'a.ipynb').write_text(notebook(widgets=False))
    assert script_checks.run(setup_lab.main, [str(tmp_path / 'nb')]) == 2
    err = capsys.readouterr().err
    assert err.startswith('오류: ') and word in err and 'server.json' in err, err
    assert server.read_text() == content and not (tmp_path / 'overrides.json').exists()


def test_setup_lab_trusts_the_solutions_and_keeps_other_settings(tmp_path, monkeypatch, capsys):
    server, overrides = tmp_path / 'etc' / 'server.json', tmp_path / 'overrides.json'
    server.parent.mkdir()
    server.write_text('{"ServerApp": {"port": 9999}}')
    monkeypatch.setattr(setup_lab, 'widget_settings_file', lambda: overrides)
    monkeypatch.setattr(setup_lab, 'server_config_file', lambda: server)
    trusted = []
    monkeypatch.setattr(setup_lab, 'trust', lambda paths: trusted.extend(paths) or 'db')
    (tmp_path / 'nb' / 'solutions').mkdir(parents=True)
    for path in ('nb/01_x.ipynb', 'nb/solutions/01_x_solutions.ipynb'):
        (tmp_path / path).write_text(notebook(widgets=False))
    assert script_checks.run(setup_lab.main, [str(tmp_path / 'nb')]) == 0
    assert [p.name for p in trusted] == ['01_x.ipynb', '01_x_solutions.ipynb']
    config = json.loads(server.read_text())
    assert config['ServerApp'] == {'port': 9999} and config['ContentsManager']['formats'] == 'ipynb,py:percent'
    assert json.loads(overrides.read_text())[setup_lab.WIDGETS_PLUGIN] == {'saveState': True}
    assert '신뢰한 노트북 2개' in capsys.readouterr().out


# --- colab_kernel.py --------------------------------------------------------------------------

@pytest.mark.parametrize('python', ['/no/such/python3.12', sys.executable])
def test_colab_kernel_names_a_wrong_python(python, monkeypatch):
    if python == sys.executable and sys.version_info[:2] == (3, 12):
        pytest.skip('this Python is 3.12')
    env = {**__import__('os').environ, 'D2LMINI_COLAB_PYTHON': python}
    one_sentence(script('colab_kernel.py', env=env), 'D2LMINI_COLAB_PYTHON', '3.12')


def test_colab_kernel_without_network_says_what_to_do(tmp_path, monkeypatch, capsys):
    """pip cannot reach the index (PIP_NO_INDEX stands in for no network): one sentence, and the
    next run starts again (no stamp is left)."""
    import colab_kernel
    requirements = tmp_path / 'requirements.txt'
    requirements.write_text('d2lmini-no-such-package==1.0\n')
    monkeypatch.setattr(colab_kernel, 'REQUIREMENTS', requirements)
    monkeypatch.setattr(colab_kernel, 'VENV', tmp_path / 'venv')
    monkeypatch.setattr(colab_kernel, 'find_python', lambda: sys.executable)
    monkeypatch.setenv('PIP_NO_INDEX', '1')
    monkeypatch.setenv('PIP_DISABLE_PIP_VERSION_CHECK', '1')
    assert script_checks.run(colab_kernel.main, []) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith('오류: ') and 'requirements.txt' in err and '인터넷' in err, err
    assert not (tmp_path / 'venv' / '.installed').exists()


def test_colab_kernel_names_a_missing_requirements_file(tmp_path, monkeypatch, capsys):
    import colab_kernel
    monkeypatch.setattr(colab_kernel, 'REQUIREMENTS', tmp_path / 'requirements.txt')
    monkeypatch.setattr(colab_kernel, 'VENV', tmp_path / 'venv')
    monkeypatch.setattr(colab_kernel, 'find_python', lambda: sys.executable)
    assert script_checks.run(colab_kernel.main, []) == 2
    assert 'requirements.txt에 요구 사항 파일이 없습니다' in capsys.readouterr().err
    assert not (tmp_path / 'venv').exists()


# --- build_site.py ----------------------------------------------------------------------------

def test_build_site_names_a_folder_without_notebooks(tmp_path):
    one_sentence(script('build_site.py', '--notebooks', tmp_path, '--build-dir', tmp_path / 'b'),
                 '--notebooks')


def test_build_site_names_a_build_folder_that_is_a_file(tmp_path):
    (tmp_path / 'build').write_text('x')
    one_sentence(script('build_site.py', '--build-dir', tmp_path / 'build' / 'site'), '빌드 폴더')


# --- .ci/run ----------------------------------------------------------------------------------

def test_ci_names_a_failed_browser_install_and_does_not_run_the_tests(tmp_path):
    """No Chromium, and apt-get cannot install it (no root, no network): one sentence, exit 1,
    and ``make test`` is not started without its browser checks."""
    (tmp_path / 'repo' / '.ci').mkdir(parents=True)
    shutil.copy(ROOT / '.ci' / 'run', tmp_path / 'repo' / '.ci' / 'run')
    bin_ = tmp_path / 'bin'
    bin_.mkdir()
    for tool in ('dirname', 'id', 'grep'):
        found = shutil.which(tool)
        if found is None:
            pytest.skip(f'{tool} is not installed')
        (bin_ / tool).symlink_to(found)
    fakes = {'fc-list': 'exit 0', 'apt-get': 'echo "E: no network" >&2; exit 100',
             'sudo': 'shift; exec "$@"', 'make': f'touch {tmp_path}/make-ran'}
    for tool, body in fakes.items():
        (bin_ / tool).write_text(f'#!{shutil.which("bash")}\n{body}\n')
        (bin_ / tool).chmod(0o755)
    done = subprocess.run([shutil.which('bash'), str(tmp_path / 'repo' / '.ci' / 'run')],
                          env={'PATH': str(bin_), 'D2LMINI_DATA': str(tmp_path / 'data')},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith('오류: ') and 'chromium fonts-noto-cjk' in last, done.stderr
    assert '합성 대체 데이터' in done.stderr
    assert not (tmp_path / 'make-ran').exists()
