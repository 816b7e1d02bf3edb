"""Every notebook has its jupytext pair in sync and the series' common shape.

(Executing the notebooks is nbval's job: ``make test`` runs it after these tests.)
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / 'notebooks').glob('*.ipynb'))
SECTIONS = ['학습 목표', '개념', '구현', '모양 확인', '인터랙티브', '훈련', '결과', '요약과 연습문제']
# The closing notebook compares the runs the other notebooks recorded: it builds and trains no model.
RECORDED_RUNS_ONLY = {'10_comparison'}


def cells(notebook):
    return json.loads(notebook.read_text(encoding='utf-8'))['cells']


def source(cell):
    return ''.join(cell['source'])


def test_there_are_notebooks():
    assert NOTEBOOKS, 'notebooks/*.ipynb not found'


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_pair_is_in_sync(notebook):
    paired = notebook.with_suffix('.py')
    assert paired.exists(), f'{paired.name} is missing: run `make sync`'
    converted = subprocess.run(
        [sys.executable, '-m', 'jupytext', '--to', 'py:percent', '-o', '-', str(notebook)],
        capture_output=True, text=True, check=True).stdout
    assert converted == paired.read_text(encoding='utf-8'), \
        f'{notebook.name} and {paired.name} differ: run `make sync`'


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_sections_come_in_the_series_order(notebook):
    headings = [line[3:].strip() for cell in cells(notebook) if cell['cell_type'] == 'markdown'
                for line in source(cell).splitlines() if line.startswith('## ')]
    assert [h for h in headings if h in SECTIONS] == SECTIONS


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_has_colab_setup_checked_shapes_widgets_and_training(notebook):
    code = [source(c) for c in cells(notebook) if c['cell_type'] == 'code']
    text = '\n'.join(source(c) for c in cells(notebook))
    assert 'colab.research.google.com' in text
    assert "find_spec('d2lmini')" in code[0]
    assert sum(c.count('widgets.') for c in code) >= 2
    assert any('profile_settings(' in c for c in code)
    if notebook.stem in RECORDED_RUNS_ONLY:
        assert any(c.startswith('# NBVAL_CHECK_OUTPUT') for c in code)
        # Reads the recorded runs; may train a small demo, but records nothing (reading changes no file).
        assert any('compare_runs(' in c for c in code) and not any('record_run(' in c for c in code)
    else:
        assert any(c.startswith('# NBVAL_CHECK_OUTPUT') and 'layer_summary' in c for c in code)
        assert any('.fit(' in c for c in code)


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_outputs_come_from_a_cpu_run(notebook):
    outputs = '\n'.join(''.join(o.get('text', '')) for c in cells(notebook)
                        if c['cell_type'] == 'code' for o in c.get('outputs', []))
    assert '실행 프로필: cpu' in outputs, 'execute the notebook with `make execute` (cpu profile)'
    assert all(c.get('outputs') is not None for c in cells(notebook) if c['cell_type'] == 'code')


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_kernelspec_is_what_ipykernel_writes(notebook):
    """JupyterLab rewrites any other kernelspec on open, leaving the notebook unsaved."""
    kernelspec = json.loads(notebook.read_text(encoding='utf-8'))['metadata'].get('kernelspec')
    assert kernelspec == {'display_name': 'Python 3 (ipykernel)', 'language': 'python',
                          'name': 'python3'}


def test_committed_notebooks_hold_no_widget_state():
    """Widget state in the file makes JupyterLab mark a notebook unsaved as soon as it is opened
    (the widget manager restores it), and autosave then rewrites the file the learner only read."""
    script = Path(__file__).resolve().parents[1] / 'scripts' / 'strip_widget_state.py'
    result = subprocess.run([sys.executable, str(script), '--check', *map(str, NOTEBOOKS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_strip_widget_state_keeps_the_text_form(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'scripts'))
    from strip_widget_state import strip
    notebook = {'metadata': {'widgets': {'state': {}}}, 'cells': [{'cell_type': 'code', 'outputs': [
        {'output_type': 'display_data', 'data': {
            'application/vnd.jupyter.widget-view+json': {'model_id': 'x'}, 'text/plain': '[n=3]'}},
        {'output_type': 'display_data', 'data': {
            'application/vnd.jupyter.widget-view+json': {'model_id': 'y'}}}]}]}
    assert strip(notebook)
    assert notebook['metadata'] == {}
    assert notebook['cells'][0]['outputs'] == [
        {'output_type': 'display_data', 'data': {'text/plain': '[n=3]'}}]
    assert not strip(notebook)
