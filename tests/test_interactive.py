"""d2l.interact: the default result is an ordinary output; moving a control updates it in place."""
import ipywidgets as widgets
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from matplotlib.figure import Figure

import d2lmini as d2l


@pytest.fixture(scope='module', autouse=True)
def shell():
    return InteractiveShell.instance()


def square(n):
    print('제곱:', n * n)
    fig = Figure(figsize=(2, 2))
    fig.add_subplot().plot([0, n], [0, n * n])
    return fig


def test_default_result_is_plain_output_and_controls_have_readable_fallback():
    slider = widgets.IntSlider(3, 1, 9, description='n')
    with capture_output() as shown:
        d2l.interact(square, n=slider)
    controls, text, picture = shown.outputs
    assert 'application/vnd.jupyter.widget-view+json' in controls.data
    assert controls.data['text/plain'].startswith('[n=3]')
    assert 'IntSlider' not in controls.data['text/plain']
    assert text.data == {'text/plain': '제곱: 9'}
    assert 'image/png' in picture.data or 'text/plain' in picture.data


def test_moving_a_control_replaces_the_same_outputs():
    slider = widgets.IntSlider(3, 1, 9)
    with capture_output() as shown:
        d2l.interact(square, n=slider)
        slider.value = 4
    first = shown.outputs[1]
    updates = [out for out in shown.outputs if out.update]
    assert len(updates) == 2, 'the text and the figure are updated, nothing new is added'
    assert updates[0].data == {'text/plain': '제곱: 16'}
    assert updates[0].transient['display_id'] == first.transient['display_id']


def test_fixed_values_and_errors_while_moving():
    def divide(a, b):
        print(a / b)
    slider = widgets.IntSlider(2, 0, 4)
    with capture_output() as shown:
        d2l.interact(divide, a=widgets.fixed(8), b=slider)
        slider.value = 0
    assert shown.outputs[1].data['text/plain'] == '4.0'
    assert shown.outputs[-1].update
    assert 'ZeroDivisionError' in shown.outputs[-1].data['text/plain']


def test_pyplot_figures_are_shown_once_and_closed():
    import matplotlib.pyplot as plt

    def draw(k):
        plt.figure()
        plt.plot(range(k))
    with capture_output() as shown:
        d2l.interact(draw, k=widgets.IntSlider(3, 1, 5))
    assert len(shown.outputs) == 2
    assert plt.get_fignums() == []


def test_hangul_tables_stay_aligned_in_text():
    import pandas as pd
    text = repr(pd.DataFrame({'층': ['합성곱', 'ReLU'], '출력': [1, 2]}))
    widths = {len(line.encode('euc-kr', errors='replace')) for line in text.splitlines()}
    assert len(widths) == 1, text
