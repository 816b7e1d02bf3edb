"""record_run: what one recorded run holds, the learner mistakes it refuses in one sentence,
and the merge under the shared file lock (two kernels recording at once lose no run)."""
import json
import multiprocessing
import subprocess
import sys
import time
from pathlib import Path

import pytest

import d2lmini as d2l
from d2lmini import results
from d2lmini.runs import COLUMNS
from conftest import TinyData, quiet_trainer
from conftest import one_korean_sentence, run_settings as settings, trained_run as trained

REPO = Path(__file__).resolve().parents[1]


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
    assert f"훈련 {run['minutes']:.1f}분 ({run['img_per_s']:,} img/s)" in line


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


HOLD_LOCK = r'''
import sys, time
from d2lmini.download import FileLock
with FileLock(sys.argv[1]):
    print('locked', flush=True)
    time.sleep(float(sys.argv[2]))
'''


def test_record_run_waits_quietly_while_another_process_holds_the_lock(folder, capsys):
    model, data, trainer = trained()
    folder.mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, '-c', HOLD_LOCK, str(folder / '.cpu.lock'), '1.5'],
                              stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert holder.stdout.readline().strip() == 'locked'
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
