"""d2l.interact: the default result is an ordinary output; moving a control updates it in place."""
import ipywidgets as widgets
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from matplotlib.figure import Figure

import d2lmini as d2l
from d2lmini import interactive as interactive_module


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


def test_list_tuple_and_bool_shorthands_become_controls_as_in_ipywidgets():
    seen = []

    def show(k, n, flag, name='x'):
        seen.append((k, n, flag, name))
    with capture_output() as shown:
        d2l.interact(show, k=[3, 5, 7], n=(1, 10), flag=True, name='fixed text')
    controls = shown.outputs[0].data['text/plain']
    assert controls.startswith('[k=3, n=5, flag=True]'), controls
    assert seen == [(3, 5, True, 'fixed text')]


def test_named_choices_show_the_name_the_learner_sees_not_the_code_value():
    seen = []
    choice = widgets.Dropdown(options=[('예측한 클래스', -1), ('티셔츠', 0)], value=-1,
                              description='클래스 채널')
    def show(channel):
        seen.append(channel)
    with capture_output() as shown:
        d2l.interact(show, channel=choice)
    controls = shown.outputs[0].data['text/plain']
    assert controls.startswith('[클래스 채널=예측한 클래스]'), controls
    assert seen == [-1]


def test_a_widget_class_instead_of_a_widget_is_explained():
    with pytest.raises(TypeError, match=r'IntSlider\(value=…\)처럼 괄호'):
        d2l.interact(square, n=widgets.IntSlider)


def test_output_that_appears_only_at_some_values_is_shown():
    def only_big(n):
        if n > 5:
            print('큰 값:', n)
    slider = widgets.IntSlider(3, 1, 9)
    with capture_output() as shown:
        d2l.interact(only_big, n=slider)
        slider.value = 7
    updates = [out for out in shown.outputs if out.update]
    assert updates and updates[-1].data['text/plain'] == '큰 값: 7'


def test_more_outputs_than_at_the_default_are_merged_into_the_last_place():
    def grow(n):
        for i in range(n):
            display_text = f'줄 {i}'
            from IPython.display import display
            display({'text/plain': display_text}, raw=True)
    slider = widgets.IntSlider(1, 1, 3)
    with capture_output() as shown:
        d2l.interact(grow, n=slider)
        slider.value = 3
    last = [out for out in shown.outputs if out.update][-1]
    assert last.data['text/plain'] == '줄 0\n줄 1\n줄 2'
    assert '<pre>줄 2</pre>' in last.data['text/html']


def test_controls_display_with_ipywidgets_7(monkeypatch):
    """ipywidgets 7 (Colab) widgets have no _repr_mimebundle_: the same bundle is built by hand."""
    slider = widgets.IntSlider(3, 1, 9, description='n')
    box = widgets.VBox([slider])
    for cls in type(box).__mro__:
        if '_repr_mimebundle_' in vars(cls):
            monkeypatch.delattr(cls, '_repr_mimebundle_')
    assert not hasattr(box, '_repr_mimebundle_')
    bundle = d2l.interactive.widget_bundle(box, 'text form')
    assert bundle['application/vnd.jupyter.widget-view+json']['model_id'] == box.model_id
    assert bundle['text/plain'] == 'text form'


# --- shorthands that used to do something else than the learner meant ----------------------

def test_calling_the_function_instead_of_passing_it_is_one_sentence():
    def show(n=3):
        print(n)
    with pytest.raises(TypeError, match=r'd2l.interact\(show, ...\)'):
        d2l.interact(show(), n=(1, 5))


def test_empty_choice_list_is_refused():
    """n=[] used to call the function with None."""
    with pytest.raises(ValueError, match=r'n=\[\]'):
        d2l.interact(lambda n: print(n), n=[])


@pytest.mark.parametrize('value', [5, 'abc', 0.5])
def test_single_value_becomes_fixed_and_says_so(capsys, value):
    seen = []
    d2l.interact(lambda n: seen.append(n), n=value)
    assert seen == [value]
    out = capsys.readouterr().out
    assert f'[d2lmini] d2l.interact에 준 n={value!r} 값은 바뀌지 않는 고정값' in out
    assert 'widgets.fixed' in out


def test_fixed_widget_and_objects_stay_silent(capsys):
    import ipywidgets as widgets
    d2l.interact(lambda n, model: None, n=widgets.fixed(5), model=object())
    assert '[d2lmini]' not in capsys.readouterr().out


def test_function_that_shows_nothing_leaves_a_hint(monkeypatch):
    shown = []
    monkeypatch.setattr(interactive_module, 'display',
                        lambda data, **kwargs: shown.append(data) or _Handle())
    d2l.interact(lambda n: None, n=(1, 5))
    assert '아무것도 보여 주지 않았습니다' in shown[-1]['text/plain']


class _Handle:
    def update(self, *args, **kwargs):
        pass
