"""record_run: what one recorded run holds, the learner mistakes it refuses in one sentence,
and the merge under the shared file lock (two kernels recording at once lose no run)."""
import json
import multiprocessing
import time
from pathlib import Path

import pytest

import d2lmini as d2l
from d2lmini import results
from d2lmini.runs import COLUMNS
from conftest import TinyCNN, TinyData, hold_lock, quiet_trainer
from conftest import one_korean_sentence, run_settings as settings, trained_run as trained

@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv('D2LMINI_RESULTS', str(tmp_path / 'results'))
    return tmp_path / 'results'


# ---------------------------------------------------------------------------
# what is recorded
# ---------------------------------------------------------------------------

def test_record_run_writes_one_entry_with_every_field(folder, capsys):
    model, data, trainer = trained(epochs=2)
    d2l.record_run('07_tiny', 'Tiny', model, data, trainer, settings(arch=((1, 4),)),
                   book_figure=0.9)
    path = folder / 'cpu' / '07_tiny.json'
    text = path.read_text(encoding='utf-8')
    content = json.loads(text)
    assert content['notebook'] == '07_tiny' and len(content['runs']) == 1
    run = content['runs'][0]
    assert run['label'] == 'Tiny' and run['model'] == 'TinyCNN' and run['profile'] == 'cpu'
    assert run['settings'] == {'max_epochs': 2, 'batch_size': 16, 'lr': 0.1, 'arch': [[1, 4]],
                               'computation': 'float32'}   # how the trainer computed (no bf16 here)
    assert run['data'] == {'source': None, 'train_size': 96, 'val_size': 40, 'resize': [8, 8],
                           'batch_size': 16}
    assert run['params'] == d2l.num_params(model)
    assert run['flops'] == d2l.count_flops(model, (1, 1, 8, 8)) > 0
    assert run['img_per_s'] > 0 and run['minutes'] >= 0
    assert run['epochs'] == run['max_epochs'] == 2
    assert [row['epoch'] for row in run['history']] == [1, 2]
    assert run['val_acc'] == round(trainer.history[-1]['val_acc'], 4)
    assert run['stop_reason'] == 'completed' and run['book_figure'] == 0.9
    assert {'cpu', 'torch_threads', 'bf16_instructions', 'gpu', 'torch', 'python'} <= set(run['machine'])
    # stable JSON: sorted keys, 2-space indent, final newline
    assert text == json.dumps(content, ensure_ascii=False, indent=2, sort_keys=True) + '\n'
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert line.startswith(f'기록: {path.as_posix()} — Tiny: 검증 정확도 ')
    assert f"훈련 {run['minutes']:.2f}분 ({run['img_per_s']:,} img/s)" in line


def test_numbers_are_rounded_to_the_named_digits(folder):
    model, data, trainer = trained()
    trainer.history[-1]['val_acc'] = 0.123456789
    trainer.history[-1]['seconds'] = 1.23456
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings(decay=0.1 * 3),
                   book_figure=0.876543)
    run = json.loads((folder / 'cpu' / '05_tiny.json').read_text(encoding='utf-8'))['runs'][0]
    assert run['val_acc'] == round(0.123456789, results.METRIC_DIGITS) == 0.1235
    assert run['book_figure'] == round(0.876543, results.METRIC_DIGITS)
    assert run['history'][-1]['seconds'] == round(1.23456, results.TIME_DIGITS) == 1.23
    assert run['settings']['decay'] == 0.3  # 0.30000000000000004 loses its last digits


def test_second_label_merges_and_same_label_replaces(folder):
    model, data, trainer = trained(epochs=1)
    for label in ('A', 'B', 'A'):
        d2l.record_run('05_tiny', label, model, data, trainer, settings())
    runs = json.loads((folder / 'cpu' / '05_tiny.json').read_text(encoding='utf-8'))['runs']
    assert [run['label'] for run in runs] == ['A', 'B']
    frame = d2l.load_results('cpu')
    assert list(frame.columns) == COLUMNS
    assert list(frame[['notebook', 'label']].itertuples(index=False, name=None)) == [
        ('05_tiny', 'A'), ('05_tiny', 'B')]
    assert d2l.load_results('smoke').empty


def test_trainer_train_seconds_is_used_for_throughput(folder):
    model, data, trainer = trained(epochs=1)
    trainer.train_seconds = 2.0
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings())
    run = d2l.load_results('cpu').iloc[0]
    assert run.img_per_s == 96 / 2.0


def test_book_figure_may_be_a_fraction_or_a_short_text(folder):
    model, data, trainer = trained(epochs=1)
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings(), book_figure=1)
    d2l.record_run('05_tiny', 'B', model, data, trainer, settings(), book_figure='그림 없음')
    assert d2l.load_results('cpu').book_figure.tolist() == [1, '그림 없음']


def test_the_same_data_made_again_and_a_matching_resize_are_fine(folder):
    model, data, trainer = trained(epochs=1)
    d2l.record_run('05_tiny', 'A', model, TinyData(), trainer, settings(resize=8))
    d2l.record_run('05_tiny', 'B', model, data, trainer, settings(resize=[8, 8]))
    assert d2l.load_results('cpu').resize.tolist() == [8, 8]


def test_notebook_file_name_is_accepted_without_its_suffix(folder):
    model, data, trainer = trained()
    d2l.record_run('05_tiny.ipynb', 'A', model, data, trainer, settings())
    assert [p.name for p in (folder / 'cpu').glob('*.json')] == ['05_tiny.json']
    assert d2l.load_results('cpu').notebook.tolist() == ['05_tiny']


# ---------------------------------------------------------------------------
# learner mistakes: one Korean sentence, nothing written
# ---------------------------------------------------------------------------

@pytest.mark.parametrize('change, message', [
    (dict(notebook='../x'), 'notebook'),
    (dict(label=''), 'label'),
    (dict(settings=3), 'settings'),
    (dict(trainer=None), 'trainer.fit(model, data)'),
])
def test_bad_input_is_one_korean_sentence(folder, change, message):
    model, data, trainer = trained(epochs=1)
    args = dict(notebook='05_tiny', label='A', model=model, data=data, trainer=trainer,
                settings=settings())
    if change.get('trainer', 0) is None:
        change = dict(trainer=quiet_trainer(max_epochs=1, plot=False))  # never fitted
    args.update(change)
    with pytest.raises((ValueError, TypeError, RuntimeError)) as err:
        d2l.record_run(**args)
    text = str(err.value)
    assert message in text and '\n' not in text and any('가' <= ch <= '힣' for ch in text)
    assert not folder.exists()


def test_model_of_one_run_with_trainer_of_another_is_refused(folder):
    model_a, data, _ = trained()
    _, _, trainer_b = trained()
    with pytest.raises(ValueError) as err:
        d2l.record_run('05_tiny', 'A', model_a, data, trainer_b, settings())
    text = one_korean_sentence(err)
    assert 'trainer.fit(model, data)' in text and 'model' in text
    assert not folder.exists()


@pytest.mark.parametrize('figure, hint', [(90, '0.90'), (86.5, '0.865'), (-1, '0과 1 사이'),
                                          (float('nan'), '0과 1 사이'), (True, '0과 1 사이')])
def test_book_figure_outside_zero_one_is_one_sentence(folder, figure, hint):
    model, data, trainer = trained()
    with pytest.raises(TypeError if figure is True else ValueError) as err:
        d2l.record_run('05_tiny', 'A', model, data, trainer, settings(), book_figure=figure)
    assert 'book_figure' in one_korean_sentence(err) and hint in str(err.value)
    assert not folder.exists()


def test_data_remade_at_another_resolution_after_fit_is_refused(folder):
    model, data, trainer = trained(size=8)
    remade = TinyData(size=16)  # e.g. the data remade at another size to draw a figure
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


def test_a_broken_results_file_is_named_and_left_as_it_was(folder):
    model, data, trainer = trained()
    path = folder / 'cpu' / '05_tiny.json'
    path.parent.mkdir(parents=True)
    path.write_text('{"notebook": "05_tiny", "runs": [', encoding='utf-8')
    with pytest.raises(ValueError) as err:
        d2l.record_run('05_tiny', 'A', model, data, trainer, settings())
    assert '05_tiny.json' in one_korean_sentence(err)
    assert path.read_text(encoding='utf-8') == '{"notebook": "05_tiny", "runs": ['


# ---------------------------------------------------------------------------
# writing: atomic replace and the lock shared with the downloader
# ---------------------------------------------------------------------------

def test_writing_leaves_only_the_results_file_and_a_lock_beside_the_profile(folder):
    model, data, trainer = trained(epochs=1)
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings())
    d2l.record_run('05_tiny', 'B', model, data, trainer, settings())
    assert sorted(p.name for p in folder.rglob('*')) == ['.cpu.lock', '05_tiny.json', 'cpu']
    assert (folder / '.cpu.lock').read_text() == ''  # nobody holds it any more


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


def test_record_run_waits_quietly_while_another_process_holds_the_lock(folder, capsys):
    model, data, trainer = trained(epochs=2)
    folder.mkdir(parents=True)
    holder = hold_lock(folder / '.cpu.lock', 1.5)
    try:
        start = time.monotonic()
        d2l.record_run('05_tiny', 'A', model, data, trainer, settings())
        waited = time.monotonic() - start
    finally:
        holder.wait(timeout=30)
    assert waited > 0.5, 'record_run wrote while another process held the lock'
    out = capsys.readouterr().out
    assert out.startswith('기록: ') and '기다립니다' not in out
    assert d2l.load_results('cpu').label.tolist() == ['A']


# --- a size-limited run never replaces a full one -------------------------------------------

def test_tiny_run_does_not_replace_a_full_run(folder, monkeypatch, capsys):
    """D2LMINI_TINY=1 under cpu used to overwrite the recorded cpu run with a 1-epoch run."""
    model, data, trainer = trained(epochs=2)
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings())
    path = folder / 'cpu' / '05_tiny.json'
    full = path.read_bytes()
    monkeypatch.setenv('D2LMINI_TINY', '1')
    model, data, trainer = trained(epochs=1)
    capsys.readouterr()
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings(max_epochs=1))
    assert path.read_bytes() == full
    out = capsys.readouterr().out
    assert out.startswith('[d2lmini] 크기를 줄인 실행') and 'D2LMINI_TINY=0' in out


def test_tiny_run_is_recorded_where_no_full_run_is(folder, monkeypatch):
    monkeypatch.setenv('D2LMINI_TINY', 'yes')
    model, data, trainer = trained(epochs=1)
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings(max_epochs=1))
    run = json.loads((folder / 'cpu' / '05_tiny.json').read_text(encoding='utf-8'))['runs'][0]
    assert run['size_limited'] is True
    model, data, trainer = trained(epochs=1)
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings(max_epochs=1))   # limited over limited
    assert len(json.loads((folder / 'cpu' / '05_tiny.json').read_text(encoding='utf-8'))['runs']) == 1


# --- a recorded run is one model's whole history --------------------------------------------

def _recorded(folder, notebook='05_tiny'):
    return json.loads((folder / 'cpu' / f'{notebook}.json').read_text(encoding='utf-8'))['runs']


def test_refit_with_a_second_trainer_records_every_fit(folder):
    """Recording after a refit used to store only the last fit's epochs and minutes."""
    model, data, first = trained(epochs=2)
    second = quiet_trainer(max_epochs=1, plot=False)
    second.fit(model, data)
    d2l.record_run('05_tiny', 'A', model, data, second, settings())
    run = _recorded(folder)[0]
    assert run['epochs'] == 3 and run['max_epochs'] == 3
    assert [row['epoch'] for row in run['history']] == [1, 2, 3]
    seconds = sum(row['seconds'] for row in [*first.history, *second.history])
    assert run['minutes'] == round(seconds / 60, results.TIME_DIGITS)
    assert run['val_acc'] == round(second.history[-1]['val_acc'], 4)
    train_seconds = first.train_seconds + second.train_seconds
    assert run['img_per_s'] == round(96 * 3 / train_seconds)


def test_fitting_twice_with_one_trainer_records_both_fits(folder):
    model, data, trainer = trained(epochs=2)
    trainer.fit(model, data)
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings())
    assert [row['epoch'] for row in _recorded(folder)[0]['history']] == [1, 2, 3, 4]


def test_stale_trainer_after_a_refit_is_refused(folder):
    """The first trainer's history used to be paired with the weights of a later fit."""
    model, data, first = trained(epochs=2)
    quiet_trainer(max_epochs=1, plot=False).fit(model, data)
    with pytest.raises(RuntimeError) as err:
        d2l.record_run('05_tiny', 'A', model, data, first, settings())
    assert '마지막으로 훈련한 trainer' in one_korean_sentence(err)
    assert not folder.exists()


def test_fits_with_different_recipes_are_not_one_run(folder):
    model, data, _ = trained(epochs=1)
    d2l.CPU_RECIPE.apply(model, data)
    trainer = quiet_trainer(max_epochs=1, plot=False)
    trainer.fit(model, data)
    with pytest.raises(RuntimeError) as err:
        d2l.record_run('05_tiny', 'A', model, data, trainer, settings())
    assert 'recipe' in one_korean_sentence(err) and '새로 만들어' in str(err.value)
    assert not folder.exists()


# --- the record describes what trained ------------------------------------------------------

def test_cpu_recipe_is_recorded_even_when_the_settings_say_book(folder, capsys):
    """A model trained with CPU_RECIPE used to be recorded as 'book' when the settings said so."""
    d2l.seed_everything(0)
    data, model = TinyData(), TinyCNN(lr=0.1)
    d2l.CPU_RECIPE.apply(model, data)
    trainer = quiet_trainer(max_epochs=1, plot=False)
    trainer.fit(model, data)
    capsys.readouterr()
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings(recipe=d2l.BOOK_RECIPE))
    recorded = _recorded(folder)[0]['settings']
    assert recorded['recipe'] == d2l.CPU_RECIPE.as_dict()
    out = capsys.readouterr().out
    assert out.startswith('[d2lmini] 설정(settings)과 실제 훈련이 달라') and 'recipe book(' in out


def test_learning_rate_and_batch_size_are_recorded_as_trained(folder, capsys):
    model, data, trainer = trained(batch_size=8)            # TinyCNN(lr=0.1), batches of 8
    d2l.record_run('05_tiny', 'A', model, data, trainer, {**vars(settings()), 'lr': 0.01})
    recorded = _recorded(folder)[0]['settings']
    assert recorded['lr'] == 0.1 and recorded['batch_size'] == 8
    assert 'lr 0.01 → 0.1, batch_size 16 → 8' in capsys.readouterr().out


def test_settings_that_match_the_training_are_kept_as_given(folder, capsys):
    model, data, trainer = trained(epochs=2)
    named = d2l.BOOK_RECIPE.replace(name='my-sgd')          # the book's method under another name
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings(recipe=named))
    assert _recorded(folder)[0]['settings']['recipe']['name'] == 'my-sgd'
    assert '[d2lmini]' not in capsys.readouterr().out


# --- names that would break README's results table ------------------------------------------

@pytest.mark.parametrize('change, name', [
    (dict(label='A|B'), 'label'),
    (dict(label='A\nB'), 'label'),
    (dict(book_figure='그림|없음'), 'book_figure'),
    (dict(settings=settings(init='he\nxavier')), 'init'),
])
def test_text_that_would_break_the_readme_table_is_refused(folder, change, name):
    """A label with | or a newline used to be recorded and to break README's Markdown table."""
    model, data, trainer = trained()
    args = {**dict(notebook='05_tiny', label='A', model=model, data=data, trainer=trainer,
                   settings=settings()), **change}
    with pytest.raises(ValueError) as err:
        d2l.record_run(**args)
    text = one_korean_sentence(err)
    assert f'{name}=' in text and '|' in text
    assert not folder.exists()


# --- the results folder is checked before training, and again before recording ---------------

def _unwritable(tmp_path):
    """A results folder nobody may write to (as root a chmod is not enough: use /proc)."""
    import os
    if os.geteuid() != 0:
        locked = tmp_path / 'locked'
        locked.mkdir()
        locked.chmod(0o500)
        return locked / 'results'
    if not Path('/proc').is_dir():
        pytest.skip('no read-only place to test with')
    return Path('/proc/d2lmini-results')


def _train_and_capture(capsys):
    """Train quietly, returning the model, data, trainer and what fit printed before its first epoch."""
    d2l.seed_everything(0)
    data, model = TinyData(), TinyCNN()
    trainer = quiet_trainer(max_epochs=1, plot=False)
    started = []
    original = trainer.fit_epoch
    trainer.fit_epoch = lambda: started.append(capsys.readouterr().out) or original()
    trainer.fit(model, data)
    return model, data, trainer, started[0]


@pytest.mark.parametrize('arrange, words', [
    ('unwritable', '쓸 수 없습니다'),
    ('profile folder is a file', '파일이 있습니다'),
    ('results file is a folder', '폴더가 있습니다'),
    ('lock is a folder', '폴더가 있습니다'),
])
def test_an_unusable_results_place_is_named_before_training_and_refused_after(
        tmp_path, monkeypatch, capsys, arrange, words):
    """These used to surface as raw errors after training (or not at all)."""
    root = tmp_path / 'results'
    if arrange == 'unwritable':
        root = _unwritable(tmp_path)
    elif arrange == 'profile folder is a file':
        root.mkdir()
        (root / 'cpu').write_text('not a folder', encoding='utf-8')
    elif arrange == 'results file is a folder':
        (root / 'cpu' / '05_tiny.json').mkdir(parents=True)
    else:
        (root / '.cpu.lock').mkdir(parents=True)
    monkeypatch.setenv('D2LMINI_RESULTS', str(root))
    model, data, trainer, before_training = _train_and_capture(capsys)
    assert before_training.startswith('[d2lmini] ') and words in before_training
    with pytest.raises((RuntimeError, NotADirectoryError)) as err:   # a file where a folder belongs
        d2l.record_run('05_tiny', 'A', model, data, trainer, settings())
    text = one_korean_sentence(err)
    assert words in text and ('D2LMINI_RESULTS' in text or '옮기세요' in text)
    if arrange != 'unwritable':
        assert sorted(p.name for p in root.rglob('*')) == sorted(
            {'profile folder is a file': ['cpu'], 'results file is a folder': ['cpu', '05_tiny.json'],
             'lock is a folder': ['.cpu.lock']}[arrange])


def test_a_usable_results_place_prints_nothing_before_training(folder, capsys):
    *_, before_training = _train_and_capture(capsys)
    assert before_training == ''


def test_a_usable_results_place_is_tried_once_per_process(folder, monkeypatch):
    """A cell with many short fits writes no probe file per fit; a bad place is tried every time."""
    from d2lmini import trainer as trainer_module
    tried = []
    real = trainer_module.place_problem
    monkeypatch.setattr(trainer_module, 'place_problem', lambda p: tried.append(p) or real(p))
    monkeypatch.setattr(trainer_module, '_WRITABLE_PLACES', set())
    for _ in range(3):
        trained(epochs=1)
    assert tried == ['cpu']
    monkeypatch.setenv('D2LMINI_RESULTS', str(folder.parent / 'a file'))
    (folder.parent / 'a file').write_text('not a folder', encoding='utf-8')
    for _ in range(2):
        trained(epochs=1)
    assert tried == ['cpu', 'cpu', 'cpu']


def test_the_refused_run_is_recorded_once_the_folder_argument_points_elsewhere(tmp_path, monkeypatch):
    (tmp_path / 'results').mkdir()
    (tmp_path / 'results' / 'cpu').write_text('not a folder', encoding='utf-8')
    monkeypatch.setenv('D2LMINI_RESULTS', str(tmp_path / 'results'))
    model, data, trainer = trained(epochs=2)
    with pytest.raises(NotADirectoryError):
        d2l.record_run('05_tiny', 'A', model, data, trainer, settings())
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings(), folder=tmp_path / 'elsewhere')
    assert (tmp_path / 'elsewhere' / 'cpu' / '05_tiny.json').is_file()


# --- what is already in the results file is never lost -------------------------------------

def test_a_stray_json_of_the_same_name_is_left_alone_and_named(folder):
    stray = folder / 'cpu' / 'notes.json'
    stray.parent.mkdir(parents=True)
    stray.write_text('{"todo": ["read the paper"]}', encoding='utf-8')
    model, data, trainer = trained()
    with pytest.raises(ValueError) as err:
        d2l.record_run('notes', 'A', model, data, trainer, settings())
    text = one_korean_sentence(err)
    assert 'notes.json' in text and '노트북을 다시 실행' not in text   # no notebook 'notes' exists
    assert stray.read_text(encoding='utf-8') == '{"todo": ["read the paper"]}'


def test_a_results_file_with_a_bom_is_merged_not_lost(folder):
    model, data, trainer = trained()
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings())
    path = folder / 'cpu' / '05_tiny.json'
    path.write_bytes(b'\xef\xbb\xbf' + path.read_bytes())      # saved again by an editor that adds a BOM
    d2l.record_run('05_tiny', 'B', model, data, trainer, settings())
    assert [run['label'] for run in _recorded(folder)] == ['A', 'B']


def test_recording_a_label_that_is_twice_in_the_file_replaces_both_copies(folder):
    model, data, trainer = trained()
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings())
    d2l.record_run('05_tiny', 'B', model, data, trainer, settings())
    path = folder / 'cpu' / '05_tiny.json'
    content = json.loads(path.read_text(encoding='utf-8'))
    content['runs'].append({**content['runs'][0], 'val_acc': 0.1})   # a copy left by a hand merge
    path.write_text(json.dumps(content), encoding='utf-8')
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings(), book_figure=0.5)
    runs = _recorded(folder)
    assert [run['label'] for run in runs] == ['A', 'B'] and runs[0]['book_figure'] == 0.5


def test_epochs_are_recorded_as_trained(folder, capsys):
    """A 1-epoch run used to be recorded (and shown in README) as the settings' 2 epochs."""
    model, data, trainer = trained(epochs=1)
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings(max_epochs=2))
    assert _recorded(folder)[0]['settings']['max_epochs'] == 1
    assert 'max_epochs 2 → 1' in capsys.readouterr().out


def test_a_recipe_applied_after_training_does_not_change_the_record(folder, capsys):
    model, data, trainer = trained(epochs=2)                 # no recipe: the book's method
    d2l.CPU_RECIPE.apply(model, data)                         # applied only after training
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings(recipe=d2l.CPU_RECIPE))
    assert _recorded(folder)[0]['settings']['recipe']['name'] == 'book'
    assert 'recipe cpu(' in capsys.readouterr().out


def test_a_refit_that_failed_before_its_first_step_leaves_the_first_trainer_usable(folder):
    import torch
    from conftest import ListLoader

    class ThreeChannels(d2l.DataModule):                      # the model was built for one channel
        def get_dataloader(self, train):
            return ListLoader(torch.randn(8, 3, 8, 8), torch.zeros(8).long(), 4)

    model, data, first = trained(epochs=2)
    with pytest.raises(RuntimeError, match='채널'):
        quiet_trainer(max_epochs=1, plot=False).fit(model, ThreeChannels())
    d2l.record_run('05_tiny', 'A', model, data, first, settings())
    assert _recorded(folder)[0]['epochs'] == 2


def test_results_folder_with_a_tilde_is_under_home(tmp_path, monkeypatch):
    """D2LMINI_RESULTS='~/results' used to create a folder named '~' in the working directory."""
    monkeypatch.setenv('HOME', str(tmp_path / 'home'))
    monkeypatch.setenv('D2LMINI_RESULTS', '~/runs')
    monkeypatch.chdir(tmp_path)
    model, data, trainer = trained(epochs=2)
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings())
    assert (tmp_path / 'home' / 'runs' / 'cpu' / '05_tiny.json').is_file()
    assert not (tmp_path / '~').exists()
