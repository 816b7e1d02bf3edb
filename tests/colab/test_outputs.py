"""What a Colab learner sees: notebook 01 run on the Colab-pinned kernel (``make colab``).

nbval (also in ``make colab``) checks that every notebook runs and that shapes and parameter
counts match.  This checks the displays on that kernel: the interactive's controls are a widget
with a readable text form and its result an ordinary picture; the training cell ends with one
closed progress bar (plain HTML, no widget) and one figure; tables are HTML tables.
"""
import os
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
KERNEL = 'd2lmini-colab'
WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json'


@pytest.fixture(scope='module')
def executed():
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    from nbclient import NotebookClient
    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        pytest.fail(f'no {KERNEL} kernel: run `make colab` (it builds .venv-colab first)')
    notebook = nbformat.read(ROOT / 'notebooks' / '01_lenet.ipynb', as_version=4)
    os.environ['D2LMINI_PROFILE'] = 'smoke'
    NotebookClient(notebook, kernel_name=KERNEL, timeout=600,
                   resources={'metadata': {'path': str(ROOT / 'notebooks')}}).execute()
    return notebook


def code_cells(notebook):
    return [c for c in notebook.cells if c.cell_type == 'code']


def test_kernel_is_the_colab_one(executed):
    from jupyter_client.kernelspec import KernelSpecManager
    python = KernelSpecManager().get_kernel_spec(KERNEL).argv[0]
    assert '.venv-colab' in python
    import subprocess
    version = subprocess.run([python, '-c', 'import platform; print(platform.python_version())'],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert executed.metadata['language_info']['version'] == version


def test_interactive_controls_are_a_widget_with_a_text_form(executed):
    cells = [c for c in code_cells(executed) if 'd2l.interact(' in c.source]
    assert cells
    for cell in cells:
        controls = cell.outputs[0]['data']
        assert WIDGET_VIEW in controls, 'the sliders are shown as a live widget on the kernel'
        assert controls['text/plain'].startswith('[') and '노트북을 실행하면' in controls['text/plain']
        assert any('image/png' in o.get('data', {}) or 'text/plain' in o.get('data', {})
                   for o in cell.outputs[1:]), 'the default result is an ordinary output'


def test_training_cell_ends_with_one_closed_bar_and_one_figure(executed):
    cell = next(c for c in code_cells(executed) if '.fit(' in c.source)
    datas = [o.get('data', {}) for o in cell.outputs]
    bars = [d for d in datas if 'd2lmini-progress' in d.get('text/html', '')]
    figures = [d for d in datas if 'image/png' in d]
    assert len(bars) == 1 and len(figures) == 1, [sorted(d) for d in datas]
    assert not any(WIDGET_VIEW in d for d in datas), 'the bar was replaced by plain HTML'


def test_tables_are_html(executed):
    cell = next(c for c in code_cells(executed) if 'history.to_frame()' in c.source)
    assert '<table' in cell.outputs[-1]['data']['text/html']
