"""Learner mistakes and faults around recorded runs (issue 18) and the reference runs that
travel with the package (issue 17).  Each test failed before the fix: the mistake was either
recorded silently, crashed with a cryptic error, or lost data."""
import importlib.util
import json
import multiprocessing
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import d2lmini as d2l
from d2lmini import results
from conftest import TinyCNN, TinyData, quiet_trainer

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / 'notebooks' / 'results'
SCRIPT = ROOT / 'scripts' / 'results_table.py'


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv('D2LMINI_RESULTS', str(tmp_path / 'results'))
    return tmp_path / 'results'


def trained(epochs=1, **data_kwargs):
    d2l.seed_everything(0)
    data, model = TinyData(**data_kwargs), TinyCNN()
    trainer = quiet_trainer(max_epochs=epochs, plot=False)
    trainer.fit(model, data)
    return model, data, trainer


def settings(**kw):
    return SimpleNamespace(profile='cpu', max_epochs=1, batch_size=16, lr=0.1, **kw)


def one_korean_sentence(err):
    text = str(err.value)
    assert '\n' not in text and any('가' <= ch <= '힣' for ch in text), text
    return text


# ---------------------------------------------------------------------------
# record_run
# ---------------------------------------------------------------------------

def test_model_of_one_run_with_trainer_of_another_is_refused(folder):
    model_a, data, _ = trained()
    _, _, trainer_b = trained()
    with pytest.raises(ValueError) as err:
        d2l.record_run('05_tiny', 'A', model_a, data, trainer_b, settings())
    text = one_korean_sentence(err)
    assert 'trainer.fit(model, data)' in text and 'model' in text
    assert not folder.exists()


def test_notebook_file_name_is_accepted_without_its_suffix(folder):
    model, data, trainer = trained()
    d2l.record_run('05_tiny.ipynb', 'A', model, data, trainer, settings())
    assert [p.name for p in (folder / 'cpu').glob('*.json')] == ['05_tiny.json']
    assert d2l.load_results('cpu').notebook.tolist() == ['05_tiny']


@pytest.mark.parametrize('figure, hint', [(90, '0.90'), (86.5, '0.865'), (-1, '0과 1 사이'),
                                          (float('nan'), '0과 1 사이'), (True, '0과 1 사이')])
def test_book_figure_outside_zero_one_is_one_sentence(folder, figure, hint):
    model, data, trainer = trained()
    with pytest.raises(ValueError) as err:
        d2l.record_run('05_tiny', 'A', model, data, trainer, settings(), book_figure=figure)
    assert 'book_figure' in one_korean_sentence(err) and hint in str(err.value)
    assert not folder.exists()


def test_data_remade_at_another_resolution_after_fit_is_refused(folder):
    model, data, trainer = trained(size=8)
    remade = TinyData(size=16)  # 예: 그림을 보려고 데이터를 다른 해상도로 다시 만든 뒤
    with pytest.raises(ValueError) as err:
        d2l.record_run('05_tiny', 'A', model, remade, trainer, settings())
    text = one_korean_sentence(err)
    assert '16×16' in text and '8×8' in text
    assert not folder.exists()


def test_settings_resize_that_differs_from_the_data_is_refused(folder):
    model, data, trainer = trained(size=8)
    with pytest.raises(ValueError) as err:
        d2l.record_run('05_tiny', 'A', model, data, trainer, settings(resize=(16, 16)))
    text = one_korean_sentence(err)
    assert 'resize' in text and '8×8' in text


def _record_fifteen(folder, prefix, start):
    import os
    os.environ['D2LMINI_RESULTS'] = folder
    os.environ['D2LMINI_PROFILE'] = 'cpu'
    model, data, trainer = trained()
    start.wait(timeout=120)
    for i in range(15):
        d2l.record_run('05_tiny', f'{prefix}{i:02d}', model, data, trainer, settings())


def test_two_processes_recording_into_one_file_keep_every_run(folder):
    context = multiprocessing.get_context('spawn')
    start = context.Barrier(2)
    workers = [context.Process(target=_record_fifteen, args=(str(folder), prefix, start))
               for prefix in ('A', 'B')]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    assert [worker.exitcode for worker in workers] == [0, 0]
    labels = sorted(d2l.load_results('cpu').label)
    assert labels == sorted(f'{p}{i:02d}' for p in 'AB' for i in range(15))
    assert sorted(p.name for p in (folder / 'cpu').iterdir()) == ['05_tiny.json']


# ---------------------------------------------------------------------------
# load_results
# ---------------------------------------------------------------------------

def test_profile_names_are_case_insensitive(folder):
    model, data, trainer = trained()
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings())
    assert d2l.load_results('CPU').label.tolist() == ['A']
    assert d2l.load_results(' Cpu ').label.tolist() == ['A']


def test_unknown_profile_is_one_sentence(folder):
    with pytest.raises(ValueError) as err:
        d2l.load_results('gpu')
    text = one_korean_sentence(err)
    assert "'gpu'" in text and 'book' in text and 'cpu' in text and 'smoke' in text


def test_folder_that_does_not_exist_is_one_sentence(tmp_path):
    with pytest.raises(FileNotFoundError) as err:
        d2l.load_results('cpu', folder=tmp_path / 'nowhere')
    assert 'nowhere' in one_korean_sentence(err)


def test_results_variable_pointing_at_a_file_is_one_sentence(tmp_path, monkeypatch):
    (tmp_path / 'runs.json').write_text('{}', encoding='utf-8')
    monkeypatch.setenv('D2LMINI_RESULTS', str(tmp_path / 'runs.json'))
    with pytest.raises(NotADirectoryError) as err:
        d2l.load_results('cpu')
    assert 'D2LMINI_RESULTS' in one_korean_sentence(err)


def test_existing_folder_without_runs_gives_an_empty_frame_and_says_so(folder, capsys):
    (folder / 'cpu').mkdir(parents=True)
    frame = d2l.load_results('cpu')
    assert frame.empty and list(frame.columns) == results.COLUMNS
    out = capsys.readouterr().out
    assert 'cpu' in out and '기록' in out


def _write_runs(folder, name, runs, notebook=None):
    path = folder / 'cpu' / f'{name}.json'
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({'notebook': notebook or name, 'runs': runs}), encoding='utf-8')
    return path


def _good_run(**change):
    run = {'notebook': '05_tiny', 'label': 'A', 'model': 'TinyCNN', 'profile': 'cpu',
           'params': 10, 'flops': 100, 'img_per_s': 50, 'minutes': 0.5, 'epochs': 1,
           'val_acc': 0.8, 'book_figure': 0.75, 'stop_reason': 'completed', 'settings': {},
           'data': {'resize': [8, 8]}, 'history': [], 'machine': {}}
    run.update(change)
    return {k: v for k, v in run.items() if v != 'DROP'}


@pytest.mark.parametrize('change, field', [
    (dict(val_acc=88.6), 'val_acc'),
    (dict(val_acc='0.88'), 'val_acc'),
    (dict(minutes=None), 'minutes'),
    (dict(book_figure=90), 'book_figure'),
    (dict(params='61.7K'), 'params'),
    (dict(label='DROP'), 'label'),
    (dict(val_acc='DROP'), 'val_acc'),
    (dict(notebook='01_lenet'), 'notebook'),
    (dict(profile='smoke'), 'profile'),
])
def test_each_results_file_is_checked_naming_file_and_field(folder, change, field):
    _write_runs(folder, '05_tiny', [_good_run(), _good_run(**{'label': 'B', **change})])
    with pytest.raises(ValueError) as err:
        d2l.load_results('cpu')
    text = one_korean_sentence(err)
    assert '05_tiny.json' in text and field in text


def test_file_whose_notebook_field_differs_from_its_name_is_refused(folder):
    _write_runs(folder, '05_tiny', [_good_run()], notebook='01_lenet')
    with pytest.raises(ValueError) as err:
        d2l.load_results('cpu')
    assert '05_tiny.json' in one_korean_sentence(err) and '01_lenet' in str(err.value)


# ---------------------------------------------------------------------------
# scripts/results_table.py
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
    for name in ('readme_section', 'update_readme', 'main'):
        assert not hasattr(results, name), name
    spec = importlib.util.spec_from_file_location('results_table', SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert callable(script.update_readme) and callable(script.readme_section)


# ---------------------------------------------------------------------------
# reference runs shipped with the package (issue 17)
# ---------------------------------------------------------------------------

def test_shipped_reference_equals_the_committed_runs_byte_for_byte():
    committed = {p.name: p.read_bytes() for p in (COMMITTED / 'cpu').glob('*.json')}
    shipped = {p.name: p.read_bytes()
               for p in (ROOT / 'd2lmini' / 'reference' / 'cpu').glob('*.json')}
    assert committed and shipped == committed, \
        'd2lmini/reference/cpu/ differs from notebooks/results/cpu/: run `make results`'


def committed_run_count():
    """Runs in the committed cpu result files (notebooks 01-09 and the recipe table of 10)."""
    files = (ROOT / 'notebooks' / 'results' / 'cpu').glob('*.json')
    return sum(len(json.loads(path.read_text(encoding='utf-8'))['runs']) for path in files)


def test_reference_runs_are_there_without_any_results_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv('D2LMINI_RESULTS', raising=False)
    frame = d2l.reference_results()
    assert len(frame) == committed_run_count() and frame.notebook.nunique() == 10
    assert set(results.COLUMNS) <= set(frame.columns)
    assert frame.origin.str.startswith('기준 실행 (cpu, ').all()
    assert (frame.device == 'CPU').all()
    assert not list(tmp_path.iterdir())  # 아무것도 쓰지 않습니다


def test_local_runs_and_reference_in_one_frame(folder, monkeypatch):
    model, data, trainer = trained()
    book = settings()
    book.profile = 'book'
    d2l.record_run('01_lenet', 'LeNet', model, data, trainer, book)
    frame = d2l.results_with_reference('book')
    assert len(frame) == committed_run_count() + 1
    mine = frame[frame.profile == 'book']
    assert mine.label.tolist() == ['LeNet'] and mine.origin.str.startswith('직접 실행 (book, ').all()
    assert (frame[frame.profile == 'cpu'].origin.str.startswith('기준 실행')).all()


def test_committed_runs_read_locally_are_not_shown_twice(monkeypatch):
    monkeypatch.chdir(ROOT / 'notebooks')
    monkeypatch.delenv('D2LMINI_RESULTS', raising=False)
    frame = d2l.results_with_reference('cpu')
    assert len(frame) == committed_run_count() and frame.origin.str.startswith('기준 실행').all()


def test_reference_for_a_profile_that_is_not_shipped_is_one_sentence():
    with pytest.raises(ValueError) as err:
        d2l.reference_results('book')
    assert 'cpu' in one_korean_sentence(err)
