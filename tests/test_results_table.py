"""scripts/results_table.py: the README results table and the reference runs copied into the
package, both made from the committed recorded runs; the script never rewrites from nothing."""
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import d2lmini as d2l
from d2lmini import results, runs
from conftest import run_settings as settings, trained_run as trained

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / 'notebooks' / 'results'
SCRIPT = ROOT / 'scripts' / 'results_table.py'


def _load_script():
    """scripts/results_table.py (README 표 만들기는 라이브러리가 아니라 이 스크립트에 있습니다)."""
    spec = importlib.util.spec_from_file_location('results_table', SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


table = _load_script()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv('D2LMINI_RESULTS', str(tmp_path / 'results'))
    return tmp_path / 'results'


def test_readme_section_is_rewritten_only_between_markers(folder, tmp_path):
    model, data, trainer = trained(epochs=1)
    d2l.record_run('01_tiny', 'Tiny', model, data, trainer, settings(max_epochs=1), book_figure=0.73)
    readme = tmp_path / 'README.md'
    readme.write_text(f'# x\n\nbefore\n{table.README_START}\nold\n{table.README_END}\nafter\n',
                      encoding='utf-8')
    assert not table.update_readme(readme, folder, check=True)
    table.update_readme(readme, folder)
    text = readme.read_text(encoding='utf-8')
    assert text.startswith(f'# x\n\nbefore\n{table.README_START}\n')
    assert text.endswith(f'{table.README_END}\nafter\n') and 'old' not in text
    assert '| [01_tiny](notebooks/01_tiny.ipynb) | Tiny | 8px, 배치 16, lr 0.1, 1에폭 |' in text
    assert text.rstrip().splitlines()[-3].endswith('| 0.73 |')
    assert table.update_readme(readme, folder, check=True)
    readme.write_text('no markers\n', encoding='utf-8')
    with pytest.raises(ValueError, match='표시'):
        table.update_readme(readme, folder)


def test_readme_results_table_matches_the_committed_results():
    if not runs.result_files('cpu', COMMITTED):
        pytest.skip('notebooks/results/cpu/ has no recorded runs yet '
                    '(they are written when the notebooks run under the cpu profile)')
    assert table.update_readme(ROOT / 'README.md', COMMITTED, check=True), \
        'README.md results table differs from notebooks/results/cpu/*.json: run `make results`'


def test_run_without_a_book_figure_shows_a_dash_in_the_readme_table(folder):
    """A run with no book figure (notebook 10's recipe runs) next to one with a figure."""
    model, data, trainer = trained(epochs=1)
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings(), book_figure=0.9)
    d2l.record_run('05_tiny', 'B', model, data, trainer, settings())
    rows = [line for line in table.readme_section(folder).splitlines() if line.startswith('| [')]
    assert rows[0].endswith('| 0.90 |') and rows[1].endswith('| — |')
    assert 'nan' not in table.readme_section(folder)


def test_the_script_and_the_library_write_a_book_figure_the_same_way():
    assert table.fraction_text is runs.fraction_text and table.missing is runs.missing
    assert table._book_text(0.9) == runs.fraction_text(0.9) == '0.90'
    assert table._book_text(float('nan')) == table._book_text(None) == '—'
    assert table._book_text('그림 없음') == '그림 없음'


def test_sync_reference_copies_byte_for_byte_and_removes_stale_files(tmp_path):
    reference = tmp_path / 'reference'
    (reference / 'cpu').mkdir(parents=True)
    (reference / 'cpu' / '99_old.json').write_text('{}', encoding='utf-8')
    assert not table.sync_reference(COMMITTED, 'cpu', reference, check=True)
    assert table.sync_reference(COMMITTED, 'cpu', reference)
    copied = {p.name: p.read_bytes() for p in (reference / 'cpu').iterdir()}
    assert copied == {p.name: p.read_bytes() for p in (COMMITTED / 'cpu').glob('*.json')}
    assert table.sync_reference(COMMITTED, 'cpu', reference, check=True)


def test_shipped_reference_equals_the_committed_runs_byte_for_byte():
    committed = {p.name: p.read_bytes() for p in (COMMITTED / 'cpu').glob('*.json')}
    shipped = {p.name: p.read_bytes()
               for p in (ROOT / 'd2lmini' / 'reference' / 'cpu').glob('*.json')}
    assert committed and shipped == committed, \
        'd2lmini/reference/cpu/ differs from notebooks/results/cpu/: run `make results`'


# ---------------------------------------------------------------------------
# the command line
# ---------------------------------------------------------------------------

def run_script(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize('args', [('--profile', 'smoke'), ('--profile', 'gpu'),
                                  ('--folder', 'no/such/folder')])
def test_script_never_rewrites_the_table_from_nothing(tmp_path, args):
    readme = tmp_path / 'README.md'
    shutil.copyfile(ROOT / 'README.md', readme)
    before = readme.read_bytes()
    done = run_script('--readme', str(readme), '--reference', str(tmp_path / 'ref'), *args)
    assert done.returncode != 0
    assert readme.read_bytes() == before
    message = (done.stdout + done.stderr).strip().splitlines()[-1]
    assert any('가' <= ch <= '힣' for ch in message) and 'Traceback' not in done.stderr


def test_script_profile_in_capitals_gives_the_same_table(tmp_path):
    readme = tmp_path / 'README.md'
    shutil.copyfile(ROOT / 'README.md', readme)
    done = run_script('--readme', str(readme), '--folder', str(COMMITTED), '--profile', 'CPU',
                      '--reference', str(tmp_path / 'ref'))
    assert done.returncode == 0, done.stdout + done.stderr
    assert readme.read_bytes() == (ROOT / 'README.md').read_bytes()


def test_script_check_works_from_another_folder():
    done = run_script('--check', cwd=ROOT / 'notebooks')
    assert done.returncode == 0, done.stdout + done.stderr


def test_readme_rendering_lives_in_the_script_not_the_library():
    for module in (results, runs):
        for name in ('readme_section', 'update_readme', 'main'):
            assert not hasattr(module, name), (module.__name__, name)
    assert callable(table.update_readme) and callable(table.readme_section)
