"""The Makefile's notebook selection: NB=1 means notebook 01, and a missing one is one line."""
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


# --- NB selects one notebook by its number ----------------------------------------------------

def make(*args):
    if shutil.which('make') is None:
        pytest.skip('make is not installed')
    return subprocess.run(['make', '-n', *args], cwd=REPO, capture_output=True, text=True,
                          timeout=60)


def test_make_nb_with_one_digit_means_that_notebook():
    result = make('nbval', 'NB=1')
    assert result.returncode == 0, result.stderr
    assert 'notebooks/01_lenet.ipynb' in result.stdout
    assert '10_comparison' not in result.stdout
    assert '10_comparison' in make('nbval', 'NB=10').stdout


@pytest.mark.parametrize('target', ['execute', 'nbval'])
def test_make_with_a_missing_notebook_says_so_in_one_line(target):
    result = make(target, 'NB=99')
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and 'NB=99' in errors[0] and '노트북이 없습니다' in errors[0], errors
    assert 'jupytext' not in result.stdout
