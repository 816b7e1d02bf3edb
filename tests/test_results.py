"""record_run / load_results and the README results table generated from the recorded runs."""
import importlib.util
import json
from pathlib import Path

import pytest

import d2lmini as d2l
from d2lmini import results
from conftest import TinyCNN, TinyData, quiet_trainer

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / 'notebooks' / 'results'


def _load_script():
    """scripts/results_table.py (README 표 만들기는 라이브러리가 아니라 이 스크립트에 있습니다)."""
    spec = importlib.util.spec_from_file_location('results_table', ROOT / 'scripts' / 'results_table.py')
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


table = _load_script()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv('D2LMINI_RESULTS', str(tmp_path / 'results'))
    return tmp_path / 'results'


def trained(epochs=2, **data_kwargs):
    d2l.seed_everything(0)
    data, model = TinyData(**data_kwargs), TinyCNN()
    trainer = quiet_trainer(max_epochs=epochs, plot=False)
    trainer.fit(model, data)
    return model, data, trainer


def settings(**kw):
    from types import SimpleNamespace
    return SimpleNamespace(profile='cpu', max_epochs=2, batch_size=16, lr=0.1, **kw)


def test_record_run_writes_one_entry_with_every_field(folder, capsys):
    model, data, trainer = trained()
    d2l.record_run('07_tiny', 'Tiny', model, data, trainer, settings(arch=((1, 4),)),
                   book_figure=0.9)
    path = folder / 'cpu' / '07_tiny.json'
    text = path.read_text(encoding='utf-8')
    content = json.loads(text)
    assert content['notebook'] == '07_tiny' and len(content['runs']) == 1
    run = content['runs'][0]
    assert run['label'] == 'Tiny' and run['model'] == 'TinyCNN' and run['profile'] == 'cpu'
    assert run['settings'] == {'max_epochs': 2, 'batch_size': 16, 'lr': 0.1, 'arch': [[1, 4]]}
    assert run['data'] == {'source': None, 'train_size': 96, 'val_size': 40, 'resize': [8, 8],
                           'batch_size': 16}
    assert run['params'] == d2l.num_params(model)
    assert run['flops'] == d2l.count_flops(model, (1, 1, 8, 8)) > 0
    assert run['img_per_s'] > 0 and run['minutes'] >= 0
    assert run['epochs'] == run['max_epochs'] == 2
    assert [row['epoch'] for row in run['history']] == [1, 2]
    assert run['val_acc'] == round(trainer.history[-1]['val_acc'], 4)
    assert run['stop_reason'] == 'completed' and run['book_figure'] == 0.9
    assert {'cpu', 'torch_threads', 'gpu', 'torch', 'python'} <= set(run['machine'])
    # stable JSON: sorted keys, 2-space indent, final newline
    assert text == json.dumps(content, ensure_ascii=False, indent=2, sort_keys=True) + '\n'
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert line.startswith(f'기록: {path.as_posix()} — Tiny: 검증 정확도 ')
    assert f"훈련 {run['minutes']:.1f}분 ({run['img_per_s']:,} img/s)" in line


def test_second_label_merges_and_same_label_replaces(folder):
    model, data, trainer = trained(epochs=1)
    for label in ('A', 'B', 'A'):
        d2l.record_run('05_tiny', label, model, data, trainer, settings())
    runs = json.loads((folder / 'cpu' / '05_tiny.json').read_text(encoding='utf-8'))['runs']
    assert [run['label'] for run in runs] == ['A', 'B']
    frame = d2l.load_results('cpu')
    assert list(frame.columns) == results.COLUMNS
    assert list(frame[['notebook', 'label']].itertuples(index=False, name=None)) == [
        ('05_tiny', 'A'), ('05_tiny', 'B')]
    assert d2l.load_results('smoke').empty


def test_trainer_train_seconds_is_used_for_throughput(folder):
    model, data, trainer = trained(epochs=1)
    trainer.train_seconds = 2.0
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings())
    run = d2l.load_results('cpu').iloc[0]
    assert run.img_per_s == 96 / 2.0


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
    with pytest.raises((ValueError, TypeError)) as err:
        d2l.record_run(**args)
    text = str(err.value)
    assert message in text and '\n' not in text and any('가' <= ch <= '힣' for ch in text)
    assert not folder.exists()


def test_readme_section_is_rewritten_only_between_markers(folder, tmp_path):
    model, data, trainer = trained(epochs=1)
    d2l.record_run('01_tiny', 'Tiny', model, data, trainer, settings(), book_figure=0.73)
    readme = tmp_path / 'README.md'
    readme.write_text(f'# x\n\nbefore\n{table.README_START}\nold\n{table.README_END}\nafter\n',
                      encoding='utf-8')
    assert not table.update_readme(readme, folder, check=True)
    table.update_readme(readme, folder)
    text = readme.read_text(encoding='utf-8')
    assert text.startswith(f'# x\n\nbefore\n{table.README_START}\n')
    assert text.endswith(f'{table.README_END}\nafter\n') and 'old' not in text
    assert '| [01_tiny](notebooks/01_tiny.ipynb) | Tiny | 8px, 배치 16, lr 0.1, 2에폭 |' in text
    assert text.rstrip().splitlines()[-3].endswith('| 0.73 |')
    assert table.update_readme(readme, folder, check=True)
    readme.write_text('no markers\n', encoding='utf-8')
    with pytest.raises(ValueError, match='표시'):
        table.update_readme(readme, folder)


def test_readme_results_table_matches_the_committed_results():
    if not results.result_files('cpu', COMMITTED):
        pytest.skip('notebooks/results/cpu/ has no recorded runs yet '
                    '(they are written when the notebooks run under the cpu profile)')
    assert table.update_readme(ROOT / 'README.md', COMMITTED, check=True), \
        'README.md results table differs from notebooks/results/cpu/*.json: run `make results`'


def test_book_figure_may_be_a_fraction_or_a_short_text(folder):
    model, data, trainer = trained(epochs=1)
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings(), book_figure=1)
    d2l.record_run('05_tiny', 'B', model, data, trainer, settings(), book_figure='그림 없음')
    assert d2l.load_results('cpu').book_figure.tolist() == [1, '그림 없음']


def test_run_without_a_book_figure_shows_a_dash_in_the_readme_table(folder):
    """A run with no book figure (notebook 10's recipe runs) next to one with a figure."""
    model, data, trainer = trained(epochs=1)
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings(), book_figure=0.9)
    d2l.record_run('05_tiny', 'B', model, data, trainer, settings())
    rows = [line for line in table.readme_section(folder).splitlines() if line.startswith('| [')]
    assert rows[0].endswith('| 0.90 |') and rows[1].endswith('| — |')
    assert 'nan' not in table.readme_section(folder)


def test_the_same_data_made_again_and_a_matching_resize_are_fine(folder):
    model, data, trainer = trained(epochs=1)
    d2l.record_run('05_tiny', 'A', model, TinyData(), trainer, settings(resize=8))
    d2l.record_run('05_tiny', 'B', model, data, trainer, settings(resize=[8, 8]))
    assert d2l.load_results('cpu').resize.tolist() == [8, 8]


def test_writing_leaves_only_the_results_file_and_a_lock_beside_the_profile(folder):
    model, data, trainer = trained(epochs=1)
    d2l.record_run('05_tiny', 'A', model, data, trainer, settings())
    d2l.record_run('05_tiny', 'B', model, data, trainer, settings())
    assert sorted(p.name for p in folder.rglob('*')) == ['.cpu.lock', '05_tiny.json', 'cpu']


def test_sync_reference_copies_byte_for_byte_and_removes_stale_files(tmp_path):
    reference = tmp_path / 'reference'
    (reference / 'cpu').mkdir(parents=True)
    (reference / 'cpu' / '99_old.json').write_text('{}', encoding='utf-8')
    assert not table.sync_reference(COMMITTED, 'cpu', reference, check=True)
    assert table.sync_reference(COMMITTED, 'cpu', reference)
    copied = {p.name: p.read_bytes() for p in (reference / 'cpu').iterdir()}
    assert copied == {p.name: p.read_bytes() for p in (COMMITTED / 'cpu').glob('*.json')}
    assert table.sync_reference(COMMITTED, 'cpu', reference, check=True)
