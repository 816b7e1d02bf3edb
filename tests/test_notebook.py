"""Jupyter plumbing: the progress bar leaves plain HTML/text behind when it closes (no widget),
and library notices carry one prefix and are shown once per kind."""
import IPython.display
from tqdm.notebook import tqdm_notebook

from d2lmini import notebook


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

    monkeypatch.setattr(notebook, 'tqdm', tqdm_notebook)
    monkeypatch.setattr(IPython.display, 'display', fake_display)
    bar = notebook.open_bar(total=total)
    bar.set_description('에폭 1/1')
    bar.update(steps)
    notebook.close_bar(bar)
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
    bar = notebook.open_bar(total=2, enabled=False)
    notebook.close_bar(bar)
    assert bar.display_handle is None


def test_notices_carry_one_prefix_and_show_once(capsys):
    notebook.notice_once('test-kind', '처음 한 번만 알립니다.')
    notebook.notice_once('test-kind', '처음 한 번만 알립니다.')
    notebook.notice('늘 알립니다.')
    assert capsys.readouterr().out.splitlines() == [
        '[d2lmini] 처음 한 번만 알립니다.', '[d2lmini] 늘 알립니다.']


def test_device_fallback_is_a_prefixed_notice(monkeypatch, capsys):
    monkeypatch.setattr(notebook, '_NOTICES_SHOWN', set())
    import d2lmini as d2l
    monkeypatch.setattr(d2l.torchutil, 'num_gpus', lambda: 0)
    monkeypatch.setattr(d2l.torchutil, '_mps_available', lambda: False)
    d2l.choose_device(1)
    assert capsys.readouterr().out.startswith('[d2lmini] GPU 1개를 요청했지만')
