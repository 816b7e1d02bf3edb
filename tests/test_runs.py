"""Reading recorded runs (d2lmini.runs): the results-file check, load_results, the reference runs
that travel with the package, and the comparison helpers notebook 10 uses (one definition each
of "the same run", "the same budget" and a run's origin)."""
import json
import math
import re
import sys
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

import d2lmini as d2l
from d2lmini import runs
from conftest import one_korean_sentence, run_settings, trained_run as trained

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / 'notebooks' / 'results'
SERIES = ['01_lenet', '02_alexnet', '03_vgg', '04_nin', '05_googlenet', '06_batch_norm',
          '07_resnet', '08_densenet', '09_cnn_design']


def settings(**kw):
    return run_settings(**{'max_epochs': 1, **kw})



@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv('D2LMINI_RESULTS', str(tmp_path / 'results'))
    return tmp_path / 'results'


def _write_runs(folder, name, runs_, notebook=None, profile='cpu'):
    path = folder / profile / f'{name}.json'
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({'notebook': notebook or name, 'runs': runs_}), encoding='utf-8')
    return path


def _good_run(**change):
    run = {'notebook': '05_tiny', 'label': 'A', 'model': 'TinyCNN', 'profile': 'cpu',
           'params': 10, 'flops': 100, 'img_per_s': 50, 'minutes': 0.5, 'epochs': 1,
           'val_acc': 0.8, 'book_figure': 0.75, 'stop_reason': 'completed', 'settings': {},
           'data': {'resize': [8, 8]}, 'history': [], 'machine': {}}
    run.update(change)
    return {k: v for k, v in run.items() if v != 'DROP'}


def committed_runs():
    """Every run in the committed cpu result files (notebooks 01-09 and the recipe table of 10)."""
    files = sorted((COMMITTED / 'cpu').glob('*.json'))
    return [run for path in files for run in json.loads(path.read_text(encoding='utf-8'))['runs']]


# ---------------------------------------------------------------------------
# load_results and the results-file check
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
    assert frame.empty and list(frame.columns) == runs.COLUMNS
    out = capsys.readouterr().out
    assert 'cpu' in out and '기록' in out


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
# reference runs shipped with the package
# ---------------------------------------------------------------------------

def test_reference_runs_are_there_without_any_results_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv('D2LMINI_RESULTS', raising=False)
    frame = d2l.reference_results()
    assert len(frame) == len(committed_runs()) and frame.notebook.nunique() == 10
    assert set(runs.COLUMNS) <= set(frame.columns)
    assert frame.origin.str.startswith('기준 실행 (cpu, ').all()
    assert (frame.device == 'CPU').all()
    assert not list(tmp_path.iterdir())  # nothing is written


def test_local_runs_and_reference_in_one_frame(folder, monkeypatch):
    model, data, trainer = trained()
    book = settings()
    book.profile = 'book'
    d2l.record_run('01_lenet', 'LeNet', model, data, trainer, book)
    frame = d2l.results_with_reference('book')
    assert len(frame) == len(committed_runs()) + 1
    mine = frame[frame.profile == 'book']
    assert mine.label.tolist() == ['LeNet'] and mine.origin.str.startswith('직접 실행 (book, ').all()
    assert (frame[frame.profile == 'cpu'].origin.str.startswith('기준 실행')).all()


def test_committed_runs_read_locally_are_not_shown_twice(monkeypatch):
    monkeypatch.chdir(ROOT / 'notebooks')
    monkeypatch.delenv('D2LMINI_RESULTS', raising=False)
    frame = d2l.results_with_reference('cpu')
    assert len(frame) == len(committed_runs()) and frame.origin.str.startswith('기준 실행').all()


def test_reference_for_a_profile_that_is_not_shipped_is_one_sentence():
    with pytest.raises(ValueError) as err:
        d2l.reference_results('book')
    assert 'cpu' in one_korean_sentence(err)


# ---------------------------------------------------------------------------
# the same run, the same budget, the origin
# ---------------------------------------------------------------------------

def test_the_same_run_is_a_copy_of_the_whole_record():
    run = committed_runs()[0]
    assert runs.same_run(run, json.loads(json.dumps(run)))
    assert not runs.same_run(run, {**run, 'minutes': run['minutes'] + 0.01})
    assert not runs.same_run(run, {**run, 'machine': {**run['machine'], 'gpu': 'X'}})


def test_the_same_budget_is_the_cpu_recipe_without_the_ablation_runs():
    shipped = d2l.reference_results('cpu')
    kept = d2l.same_budget(shipped)
    assert len(kept) == 10 and kept.notebook.nunique() == 9
    assert all(d2l.recipe_name(s) == 'cpu' for s in kept.settings)
    assert not kept.label.str.startswith(d2l.ABLATION_PREFIX).any()
    dropped = shipped.drop(kept.index)
    # The six runs of notebook 10's recipe table and 01's book-method run.
    ablation = dropped.label.str.startswith(d2l.ABLATION_PREFIX)
    assert ablation.sum() == 6
    others = dropped[~ablation]
    assert others.notebook.tolist() == ['01_lenet']
    assert [d2l.recipe_name(s) for s in others.settings] == ['book']
    # An ablation run keeps the cpu recipe: only its name takes it out of the budget.
    assert not runs.in_same_budget({'recipe': {'name': 'cpu'}}, d2l.ABLATION_PREFIX + 'x')
    assert runs.in_same_budget({'recipe': {'name': 'cpu'}}, 'ResNet')
    assert not runs.in_same_budget({'recipe': {'name': 'book'}}, 'LeNet')
    assert not runs.in_same_budget({'lr': 0.1}, 'old run without a recipe')


def test_the_ablation_script_names_its_runs_with_the_library_prefix():
    sys.path.insert(0, str(ROOT / 'benchmarks'))
    try:
        import recipe_ablation
    finally:
        sys.path.remove(str(ROOT / 'benchmarks'))
    assert recipe_ablation.LABEL_PREFIX == d2l.ABLATION_PREFIX == '레시피: '


def test_run_tag_and_origin(monkeypatch):
    assert d2l.run_tag('07_resnet', 'ResNet', 'ResNet') == '07 ResNet'
    assert d2l.run_tag('07_resnet', 'ResNet', 'ResNet', 'book') == '07 ResNet [book]'
    monkeypatch.setattr(runs, 'figure_text', lambda korean, english: english)  # no Korean font
    assert d2l.run_tag('06_batch_norm', 'BN-LeNet (간결)', 'BNLeNet') == '06 BNLeNet'
    gpu = {'profile': 'book', 'machine': {'gpu': 'NVIDIA H100', 'cpu': 'AMD EPYC'}}
    cpu = {'profile': 'cpu', 'machine': {'cpu': 'AMD EPYC'}}
    assert runs._with_origin([gpu, cpu, {}], '직접 실행', 'smoke') == [
        {**gpu, 'origin': '직접 실행 (book, NVIDIA H100)', 'device': 'NVIDIA H100'},
        {**cpu, 'origin': '직접 실행 (cpu, AMD EPYC)', 'device': 'CPU'},
        {'origin': '직접 실행 (smoke, CPU)', 'device': 'CPU'}]


# ---------------------------------------------------------------------------
# compare_runs: the table of notebook 10
# ---------------------------------------------------------------------------

def test_compare_runs_without_own_runs_is_the_reference_of_the_same_budget(folder, capsys,
                                                                           monkeypatch):
    monkeypatch.setattr(runs, 'figure_text', lambda korean, english: korean)  # a Korean font
    table = d2l.compare_runs(('cpu', 'book'), SERIES)
    reference = d2l.same_budget(d2l.reference_results('cpu'))
    assert table.label.tolist() == reference.label.tolist()
    assert list(table.columns) == [*reference.columns, 'own', 'tag', 'where', 'gflops_per_s']
    assert not table.own.any() and table.tag.iloc[0] == '01 LeNet (cpu 레시피)'
    assert table.gflops_per_s.tolist() == pytest.approx(
        (3 * reference.flops * reference.img_per_s / 1e9).tolist())
    out = capsys.readouterr().out.splitlines()
    assert out[0] == '기준 실행 (cpu 레시피, 8에폭): 노트북 9개의 실행 10개'
    assert out[1].startswith('  같은 예산이 아니라 비교에서 뺀 기준 실행 1개(01 LeNet: book 레시피)')
    assert out[1].endswith('재료별 실행 6개')
    assert out[2].startswith('  직접 실행 (cpu): 아직 없음 — ')
    assert out[3].startswith('  직접 실행 (book): 아직 없음 — ') and 'GPU' in out[3]


def test_compare_runs_adds_new_own_runs_once_and_says_what_it_left_out(folder, capsys):
    shipped = [run for run in committed_runs() if run['notebook'] == '07_resnet']
    again = {**shipped[0], 'label': 'ResNet again', 'minutes': shipped[0]['minutes'] + 0.5,
             'val_acc': 0.93}
    _write_runs(folder, '07_resnet', [shipped[0], again])                  # a copy and a re-run
    book_method = _good_run(notebook='01_lenet', label='LeNet',
                            settings={'recipe': {'name': 'book'}})
    _write_runs(folder, '01_lenet', [book_method])                          # not the same budget
    ablation = _good_run(notebook='10_comparison', label=d2l.ABLATION_PREFIX + 'x',
                         settings={'recipe': {'name': 'cpu'}})
    _write_runs(folder, '10_comparison', [ablation])                        # never compared
    table = d2l.compare_runs(('cpu',), SERIES)
    mine = table[table.own]
    assert mine.val_acc.tolist() == [0.93] and mine.tag.tolist() == ['07 ResNet again [cpu]']
    assert mine.origin.iloc[0].startswith('직접 실행 (cpu, ')
    resnet = table[table.notebook == '07_resnet']
    assert resnet.own.tolist() == [False, True]  # reference first within a notebook
    assert table.index.tolist() == list(range(len(table)))
    out = capsys.readouterr().out
    assert '직접 실행 (cpu) 가운데 1개는 cpu 레시피로 훈련한 기록이 아니라' in out
    assert '직접 실행 (cpu): 실행 2개 가운데 1개는 기준 실행과 똑같아' in out
    assert '기록이 없는 노트북: 01_lenet, 02_alexnet' in out


def test_compare_runs_keeps_every_recipe_of_the_book_profile(folder, capsys):
    book_method = _good_run(notebook='01_lenet', label='LeNet', profile='book',
                            settings={'recipe': {'name': 'book'}})
    _write_runs(folder, '01_lenet', [book_method], profile='book')
    table = d2l.compare_runs(('book',), SERIES)
    assert table[table.own].tag.tolist() == ['01 LeNet [book]']
    assert '레시피로 훈련한 기록이 아니라' not in capsys.readouterr().out


def test_pareto_front_keeps_the_runs_no_other_run_beats():
    frame = pd.DataFrame({'flops': [1, 2, 2, 3, float('nan')],
                          'val_acc': [0.5, 0.6, 0.7, 0.65, 0.99]}, index=list('abcde'))
    assert d2l.pareto_front(frame, 'flops').index.tolist() == ['a', 'c']
    frame.loc['f'] = [4, 0.8]
    assert d2l.pareto_front(frame, 'flops').index.tolist() == ['a', 'c', 'f']


# ---------------------------------------------------------------------------
# text shared with the README table
# ---------------------------------------------------------------------------

@pytest.mark.parametrize('value, expected', [(None, True), (float('nan'), True), (math.nan, True),
                                             (0, False), (0.0, False), ('', False),
                                             ([28, 28], False)])
def test_missing_means_none_or_nan(value, expected):
    assert runs.missing(value) is expected


def test_fraction_text_writes_the_book_figure():
    assert [runs.fraction_text(v) for v in (0.9, 0.865, 1, 0.8)] == ['0.90', '0.865', '1.00', '0.80']


def test_settings_summary_skips_a_missing_resolution():
    assert d2l.settings_summary({'lr': 0.1, 'max_epochs': 4}, float('nan')) == 'lr 0.1, 4에폭'
    assert d2l.settings_summary({'resize': [32, 28], 'batch_size': 8}) == '32×28px, 배치 8'
    assert d2l.settings_summary({'arch': [[1, 64]], 'recipe': {'name': 'cpu'}}, 28) == \
        '28px, arch=((1, 64),), recipe=cpu'


# ---------------------------------------------------------------------------
# labels next to points, and the public face notebooks use
# ---------------------------------------------------------------------------

def test_label_points_puts_crowded_names_apart_inside_the_axes():
    fig, ax = plt.subplots(figsize=(4, 3))
    xs, ys = [1.0, 1.0, 1.0, 2.0], [1.0, 1.0, 1.0, 2.0]
    ax.scatter(xs, ys)
    ax.set_xlim(0, 3)
    ax.set_ylim(0, 3)
    d2l.label_points(ax, xs, ys, ['first', 'second', 'third', 'far'])
    renderer = fig.canvas.get_renderer()
    boxes = [text.get_window_extent(renderer) for text in ax.texts]
    assert [text.get_text() for text in ax.texts] == ['first', 'second', 'third', 'far']
    for i, box in enumerate(boxes):
        assert ax.bbox.x0 <= box.x0 and box.x1 <= ax.bbox.x1
        assert ax.bbox.y0 <= box.y0 and box.y1 <= ax.bbox.y1
        assert all(not box.overlaps(other) for other in boxes[i + 1:])
    plt.close(fig)


NOTEBOOKS = sorted((ROOT / 'notebooks').glob('*.py'))


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_use_only_what_d2l_exports(notebook):
    """A learner reads `import d2lmini as d2l` as the whole contract."""
    text = notebook.read_text(encoding='utf-8')
    private = re.findall(r'^\s*(?:from d2lmini[. ]|import d2lmini\.).*$', text, re.MULTILINE)
    assert not private, private
    used = set(re.findall(r'\bd2l\.([A-Za-z_]\w*)', text))
    assert {name for name in used if not hasattr(d2l, name)} == set()


def test_settings_summary_names_a_computation_other_than_float32():
    base = {'resize': 28, 'batch_size': 128, 'lr': 0.002, 'max_epochs': 8}
    assert runs.settings_summary({**base, 'computation': 'float32'}) == '28px, 배치 128, lr 0.002, 8에폭'
    assert runs.settings_summary({**base, 'computation': 'bf16 + channels_last'}) == (
        '28px, 배치 128, lr 0.002, 8에폭, bf16 + channels_last')


# --- files in the results folder that are not (clean) results files ------------------------

def test_a_stray_json_does_not_block_reading_and_names_no_notebook(folder, capsys):
    """A notes.json used to stop every load and to ask for a 'notes' notebook to be run again."""
    _write_runs(folder, '05_tiny', [_good_run()])
    (folder / 'cpu' / 'notes.json').write_text('{"todo": ["read the paper"]}', encoding='utf-8')
    assert d2l.load_results('cpu').label.tolist() == ['A']
    assert [p.name for p in runs.result_files('cpu')] == ['05_tiny.json']
    out = capsys.readouterr().out
    assert 'notes.json' in out and '건너뜁니다' in out and 'notes 노트북' not in out


def test_a_folder_named_like_a_results_file_is_skipped_when_reading(folder, capsys):
    _write_runs(folder, '05_tiny', [_good_run()])
    (folder / 'cpu' / '01_lenet.json').mkdir()
    assert d2l.load_results('cpu').label.tolist() == ['A']
    assert '01_lenet.json' in capsys.readouterr().out


def test_a_broken_results_file_still_stops_reading_without_naming_a_missing_notebook(folder):
    path = folder / 'cpu' / 'scratch.json'
    path.parent.mkdir(parents=True)
    path.write_text('{"runs": [', encoding='utf-8')
    with pytest.raises(ValueError) as err:
        d2l.load_results('cpu')
    text = one_korean_sentence(err)
    assert 'scratch.json' in text and 'scratch 노트북' not in text


def test_a_results_file_with_a_bom_is_read(folder):
    path = _write_runs(folder, '05_tiny', [_good_run()])
    path.write_bytes(b'\xef\xbb\xbf' + path.read_bytes())
    assert d2l.load_results('cpu').label.tolist() == ['A']


def test_a_label_recorded_twice_in_one_file_loads_once_the_latest(folder, capsys):
    _write_runs(folder, '05_tiny', [_good_run(val_acc=0.5), _good_run(label='B'),
                                    _good_run(val_acc=0.9)])
    frame = d2l.load_results('cpu')
    assert frame.label.tolist() == ['B', 'A'] and frame.val_acc.tolist() == [0.8, 0.9]
    out = capsys.readouterr().out
    assert "같은 label('A')" in out and '05_tiny.json' in out
    capsys.readouterr()
    d2l.load_results('cpu')
    assert capsys.readouterr().out == ''            # said once


def test_a_file_where_the_profile_folder_belongs_is_one_sentence(folder):
    """load_results used to say 'no runs recorded yet' when results/cpu was a file."""
    folder.mkdir(parents=True)
    (folder / 'cpu').write_text('', encoding='utf-8')
    with pytest.raises(NotADirectoryError) as err:
        d2l.load_results('cpu')
    assert 'cpu' in one_korean_sentence(err) and '옮기거나' in str(err.value)
