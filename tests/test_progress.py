"""The notebook progress bar leaves plain HTML/text behind when it closes (no widget)."""
import IPython.display
from tqdm.notebook import tqdm_notebook

from d2lmini import progress


def run_bar(monkeypatch, total, steps):
    shown = []

    class Handle:
        def update(self, obj, raw=False):
            assert raw, 'the final state is shown as a raw mime bundle'
            shown.append(obj)

    def fake_display(obj, display_id=None, raw=False):
        assert raw and display_id, 'the live bar is a raw bundle with a display id (ipywidgets 7 and 8)'
        shown.append(obj)
        return Handle()

    monkeypatch.setattr(progress, 'tqdm', tqdm_notebook)
    monkeypatch.setattr(IPython.display, 'display', fake_display)
    bar = progress.open_bar(total=total)
    bar.set_description('에폭 1/1')
    bar.update(steps)
    progress.close_bar(bar)
    return bar, shown


def test_closed_bar_is_replaced_by_html_and_text(monkeypatch):
    bar, shown = run_bar(monkeypatch, total=8, steps=8)
    live = shown[0]['application/vnd.jupyter.widget-view+json']   # the live widget first
    assert live['model_id'] and live['version_major'] == 2
    bundle = shown[-1]
    assert set(bundle) == {'text/html', 'text/plain'}     # no widget view in the saved output
    assert 'application/vnd.jupyter.widget-view+json' not in bundle
    assert '에폭 1/1' in bundle['text/html'] and '8/8' in bundle['text/html']
    assert 'width:100.0%' in bundle['text/html']
    assert '100%' in bundle['text/plain'] and '8/8' in bundle['text/plain']


def test_stopped_bar_keeps_where_it_stopped(monkeypatch):
    _, shown = run_bar(monkeypatch, total=8, steps=2)
    bundle = shown[-1]
    assert 'width:25.0%' in bundle['text/html']
    assert '2/8' in bundle['text/plain']


def test_widget_models_are_closed(monkeypatch):
    bar, _ = run_bar(monkeypatch, total=3, steps=3)
    assert bar.container.comm is None
    assert all(child.comm is None for child in bar.container.children)


def test_terminal_bar_has_no_display_handle():
    bar = progress.open_bar(total=2, enabled=False)
    progress.close_bar(bar)
    assert bar.display_handle is None
