"""The ``book`` profile, run where no GPU is: every notebook at the book's resolution and widths.

Colab gives learners a GPU, so ``book`` is the profile they get.  ``make book-check`` executes
each notebook on a fresh copy with ``D2LMINI_PROFILE=book`` and ``D2LMINI_TINY=1`` (one epoch on
256 training and 128 validation images): every cell runs, so the book's models are built at
224/96 px with the book's widths, a forward and backward pass and ``layer_summary`` run, and the
run is recorded under ``results/book/`` of the copy (never in the repository).
"""
import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / 'notebooks').glob('[0-9][0-9]_*.ipynb'))


@pytest.fixture(scope='module')
def workdir(tmp_path_factory):
    folder = tmp_path_factory.mktemp('book') / 'notebooks'
    folder.mkdir()
    return folder


def outputs_text(notebook):
    parts = []
    for cell in notebook.cells:
        for out in cell.get('outputs', []):
            parts.append(''.join(out.get('text', '')))
            parts.append(''.join(out.get('data', {}).get('text/plain', '')))
    return '\n'.join(parts)


@pytest.mark.parametrize('path', NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_under_the_book_profile(path, workdir, monkeypatch):
    from nbclient import NotebookClient
    monkeypatch.setenv('D2LMINI_PROFILE', 'book')
    monkeypatch.setenv('D2LMINI_TINY', '1')
    monkeypatch.setenv('MPLBACKEND', 'Agg')
    monkeypatch.delenv('D2LMINI_RESULTS', raising=False)
    copy = workdir / path.name
    shutil.copy2(path, copy)
    notebook = nbformat.read(copy, as_version=4)
    NotebookClient(notebook, kernel_name='python3', timeout=900,
                   resources={'metadata': {'path': str(workdir)}}).execute()
    text = outputs_text(notebook)
    assert '실행 프로필: book' in text
    if any('record_run(' in cell.source for cell in notebook.cells if cell.cell_type == 'code'):
        recorded = workdir / 'results' / 'book' / f'{path.stem}.json'
        assert recorded.exists(), 'the training cell records its run under results/book/'
        run = json.loads(recorded.read_text(encoding='utf-8'))['runs'][0]
        assert run['profile'] == 'book' and run['epochs'] == 1
        book = run['settings']
        assert list(run['data']['resize']) == list(
            book['resize'] if isinstance(book['resize'], list) else [book['resize']] * 2)
