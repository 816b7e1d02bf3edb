"""The Makefile's notebook selection.

NB=1 means notebook 01, and the solution notebook of that number (notebooks/solutions/) comes with
it; a number that matches nothing, or NB given to a target that does not use it, is one line before
anything runs.  Solution notebooks are checked with ``make -n`` in a copy of the Makefile next to a
small fake notebooks/ folder, so the test does not depend on which solutions exist yet.
"""
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# `make test` runs these tests inside make: without this, the inner make would print
# "Entering/Leaving directory" lines and inherit the outer make's flags.
OUTSIDE_MAKE = {k: v for k, v in os.environ.items()
                if k not in ('MAKEFLAGS', 'MAKELEVEL', 'MFLAGS', 'MAKEOVERRIDES')}
NB_TARGETS = ['nbval', 'colab', 'execute', 'sync', 'book-runs']


def run_make(*args, cwd=REPO):
    """``make args`` as a learner types it (outside any outer make), its output captured."""
    if shutil.which('make') is None:
        pytest.skip('make is not installed')
    return subprocess.run(['make', *args], env=OUTSIDE_MAKE, cwd=cwd, capture_output=True, text=True,
                          timeout=60)


def make(*args, cwd=REPO):
    """What ``make args`` would run (``make -n``), without running it."""
    return run_make('-n', *args, cwd=cwd)


def one_line(result):
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode != 0 and len(errors) == 1, (result.returncode, errors)
    assert not result.stdout.strip(), f'nothing may run: {result.stdout}'
    return errors[0]


@pytest.fixture
def fake(tmp_path):
    """The Makefile beside notebooks 07, 08, 10 and the solutions of 07 (paired) and 08."""
    shutil.copy(REPO / 'Makefile', tmp_path / 'Makefile')
    (tmp_path / 'pyproject.toml').touch()
    (tmp_path / '.venv').mkdir()
    stamp = tmp_path / '.venv' / '.installed'
    stamp.touch()
    later = time.time() + 10
    os.utime(stamp, (later, later))     # the environment is installed: make -n shows no install
    for name in ['07_resnet.ipynb', '07_resnet.py', '08_densenet.ipynb', '08_densenet.py',
                 '10_comparison.ipynb', '10_comparison.py',
                 'solutions/07_resnet_solutions.ipynb', 'solutions/07_resnet_solutions.py',
                 'solutions/08_densenet_solutions.ipynb', 'solutions/08_densenet_solutions.py']:
        path = tmp_path / 'notebooks' / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    return tmp_path


# --- NB selects notebooks by their number ----------------------------------------------------

def test_make_nb_with_one_digit_means_that_notebook(fake):
    result = make('nbval', 'NB=7', cwd=fake)
    assert result.returncode == 0, result.stderr
    assert 'notebooks/07_resnet.ipynb' in result.stdout
    assert '10_comparison' not in result.stdout
    assert '10_comparison' in make('nbval', 'NB=10', cwd=fake).stdout


def test_make_nb_takes_several_numbers(fake):
    result = make('nbval', 'NB=7 10', cwd=fake)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ['notebooks/07_resnet.ipynb', 'notebooks/10_comparison.ipynb',
                                         'notebooks/solutions/07_resnet_solutions.ipynb']


def test_the_repository_notebooks_are_found_by_number():
    """In the repository itself: NB=1 is notebook 01 (whatever solutions exist yet)."""
    result = make('-p', 'sync', 'NB=1')      # -n -p: print make's variables, run nothing
    assert result.returncode == 0, result.stderr
    main = next(line for line in result.stdout.splitlines() if line.startswith('MAIN_NOTEBOOKS :='))
    assert main.split(':=')[1].split() == ['notebooks/01_lenet.ipynb'], main


@pytest.mark.parametrize('target', NB_TARGETS)
def test_make_with_a_missing_notebook_says_so_in_one_line(target):
    error = one_line(make(target, 'NB=99'))
    assert 'NB=99' in error and '노트북이 없습니다' in error and f'make {target}' in error, error


def test_make_names_the_one_missing_number_of_several():
    error = one_line(make('execute', 'NB=3 99'))
    assert 'NB=99에' in error, error


@pytest.mark.parametrize('goal', [['unit'], ['browser'], ['site'], []])
def test_nb_given_to_a_target_that_does_not_use_it_is_one_line(goal):
    error = one_line(make(*goal, 'NB=07'))
    assert 'NB' in error and 'make nbval NB=07' in error, error


def test_make_test_passes_nb_to_the_notebook_checks(fake):
    result = make('test', 'NB=07', cwd=fake)
    assert result.returncode == 0, result.stderr
    nbval = [line for line in result.stdout.splitlines() if '--nbval-lax' in line]
    assert nbval and nbval[0].endswith('notebooks/07_resnet.ipynb notebooks/solutions/07_resnet_solutions.ipynb')


def test_make_clean_removes_what_the_build_made():
    result = make('clean')
    assert result.returncode == 0 and 'rm -rf build' in result.stdout, result.stdout + result.stderr


# --- solution notebooks (notebooks/solutions/) come with their main notebook -----------------------

def test_execute_runs_the_main_notebook_then_its_solution(fake):
    result = make('execute', 'NB=7', cwd=fake)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith('jupytext --sync notebooks/07_resnet.py notebooks/solutions/07_resnet_solutions.py')
    loop = next(line for line in lines if line.startswith('for nb in'))
    assert loop == 'for nb in notebooks/07_resnet.ipynb notebooks/solutions/07_resnet_solutions.ipynb; do \\'
    assert '08_' not in result.stdout


def fake_tools(root, fail=''):
    """A .venv whose jupyter, jupytext and python only write down how they were called; jupyter
    fails on notebooks whose path contains ``fail``."""
    log = root / 'calls.log'
    tools = {'jupytext': '', 'python': '',
             'jupyter': f'case "$*" in *{fail or "@never@"}*) exit 1;; esac' if fail else ''}
    for tool, body in tools.items():
        path = root / '.venv' / 'bin' / tool
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'#!/bin/sh\necho "{tool} $*" >> {log}\n{body}\n')
        path.chmod(0o755)
    return log


def test_execute_saves_what_ran_when_a_later_notebook_fails(fake):
    """The solution fails after its lesson ran: the lesson still loses its widget state and gets
    its .py synced, and one line names the notebook that stopped and how to rerun only it."""
    log = fake_tools(fake, fail='solutions')
    done = run_make('execute', 'NB=7', cwd=fake)
    assert done.returncode != 0
    calls = log.read_text().splitlines()
    assert 'python scripts/strip_widget_state.py notebooks/07_resnet.ipynb' in calls, calls
    assert 'jupytext --sync notebooks/07_resnet.ipynb' in calls, calls
    error = [line for line in done.stderr.splitlines() if line.startswith('오류: ')]
    assert len(error) == 1 and 'notebooks/solutions/07_resnet_solutions.ipynb' in error[0], done.stderr
    assert 'make execute NB=07_resnet_solutions' in error[0]
    rerun = make('execute', 'NB=07_resnet_solutions', cwd=fake).stdout
    assert 'for nb in notebooks/solutions/07_resnet_solutions.ipynb;' in rerun


def test_execute_runs_every_selected_notebook_then_strips_and_syncs_them(fake):
    log = fake_tools(fake)
    done = run_make('execute', 'NB=7', cwd=fake)
    assert done.returncode == 0, done.stderr
    calls = log.read_text().splitlines()
    pair = 'notebooks/07_resnet.ipynb notebooks/solutions/07_resnet_solutions.ipynb'
    assert [c.split()[-1] for c in calls if c.startswith('jupyter')] == pair.split()
    assert calls[-2:] == [f'python scripts/strip_widget_state.py {pair}', f'jupytext --sync {pair}']


@pytest.mark.parametrize('target', ['nbval', 'colab'])
def test_notebook_checks_include_the_solutions(fake, target):
    everything = make(target, cwd=fake).stdout
    assert 'notebooks/solutions/07_resnet_solutions.ipynb' in everything
    assert 'notebooks/solutions/08_densenet_solutions.ipynb' in everything
    assert everything.index('10_comparison.ipynb') < everything.index('solutions/07_resnet_solutions')
    one = make(target, 'NB=8', cwd=fake).stdout
    assert 'notebooks/08_densenet.ipynb notebooks/solutions/08_densenet_solutions.ipynb' in one
    assert '07_resnet' not in one


def test_sync_pairs_the_solutions_too(fake):
    (fake / 'notebooks' / 'solutions' / '08_densenet_solutions.ipynb').unlink()   # a new .py only
    result = make('sync', cwd=fake)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ['.venv/bin/jupytext', '--sync', 'notebooks/07_resnet.py',
                                     'notebooks/08_densenet.py', 'notebooks/10_comparison.py',
                                     'notebooks/solutions/07_resnet_solutions.py',
                                     'notebooks/solutions/08_densenet_solutions.py']


def test_a_solution_without_its_ipynb_is_named_not_skipped(fake):
    (fake / 'notebooks' / 'solutions' / '08_densenet_solutions.ipynb').unlink()
    for args in (['nbval'], ['nbval', 'NB=8'], ['colab', 'NB=08'], ['test']):
        error = one_line(make(*args, cwd=fake))
        assert 'notebooks/solutions/08_densenet_solutions.py' in error and 'make sync' in error, error
    assert make('nbval', 'NB=7', cwd=fake).returncode == 0


def test_book_runs_leave_the_solutions_out(fake):
    result = make('book-runs', 'NB=7', cwd=fake)
    assert result.returncode == 0, result.stderr
    assert 'notebooks/07_resnet.ipynb' in result.stdout and 'solutions' not in result.stdout


def test_jupytext_pairs_a_solution_in_the_subfolder(tmp_path):
    """jupytext.toml at the top is found from notebooks/solutions/ too: a new .py becomes its .ipynb."""
    jupytext = REPO / '.venv' / 'bin' / 'jupytext'
    if not jupytext.exists():
        pytest.skip('jupytext is not installed in .venv')
    shutil.copy(REPO / 'jupytext.toml', tmp_path / 'jupytext.toml')
    folder = tmp_path / 'notebooks' / 'solutions'
    folder.mkdir(parents=True)
    (folder / '01_lenet_solutions.py').write_text(
        '# %% [markdown]\n# # 01 풀이\n\n# %%\nprint(1)\n', encoding='utf-8')
    subprocess.run([str(jupytext), '--sync', 'notebooks/solutions/01_lenet_solutions.py'],
                   cwd=tmp_path, check=True, capture_output=True, timeout=120)
    assert (folder / '01_lenet_solutions.ipynb').exists()
    header = (folder / '01_lenet_solutions.py').read_text(encoding='utf-8')
    assert 'format_name: percent' in header and 'jupytext_version:' not in header
