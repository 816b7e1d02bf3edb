"""인터랙티브: 기본값의 결과를 보통 출력으로 먼저 보여 주고, 위젯은 그 출력을 바꿉니다.

``ipywidgets.interact``는 결과를 위젯(Output) 안에 그립니다.  그래서 커널이 없는 곳(GitHub,
nbviewer, 막 받은 저장소를 JupyterLab에서 연 때, 실행 전의 Colab)에서는 그림 대신
``interactive(children=(IntSlider(...`` 같은 글자만 보입니다.  ``d2l.interact``는 순서를 바꿉니다.

1. 함수를 기본값으로 한 번 불러, 그 함수가 보여 준 것(출력한 글자, 그림, 표)을 셀의 **보통
   출력**(PNG, 글자, HTML)으로 남깁니다.  커널이 없어도 보입니다.
2. 그 위에 조절 막대를 두고, 막대를 움직이면 함수를 다시 불러 같은 출력 자리를 제자리에서
   바꿉니다(display id 갱신).  커널 없이 보는 곳에서는 막대 대신 기본값을 적은 한 줄이 보입니다.

쓰는 법은 ``widgets.interact``와 같습니다::

    def show(n, k):
        print('출력 크기:', n - k + 1)
    d2l.interact(show, n=widgets.IntSlider(28, 8, 64), k=[3, 5, 7])

ipywidgets 7(Colab)과 8 모두에서 같은 방식으로 표시합니다.
"""
import base64
import html
import inspect
import sys

from IPython.display import display
from IPython.utils.capture import capture_output

from .notebook import notice, widget_bundle

_HINT = '노트북을 실행하면 위젯으로 바꿔 볼 수 있습니다'
# 기본값에서 함수가 아무것도 보이지 않았을 때 그 자리에 남기는 글
_NOTHING_SHOWN = ('(함수가 기본값에서 아무것도 보여 주지 않았습니다: 함수 안에서 print로 출력하거나 '
                  '그림·표를 return하세요.)')


def interact(fn, **controls):
    """``fn``의 기본값 결과를 보통 출력으로 보이고, ``controls``의 위젯이 그 출력을 바꿉니다.

    ``controls``의 값은 ``widgets.interact``처럼 줄 수 있습니다.

    * 위젯(``widgets.IntSlider(...)`` 등): 그대로 씁니다.
    * 목록(``[3, 5, 7]``)이나 사전: 고르는 상자(Dropdown), ``True``/``False``: 체크 상자,
      수 두세 개의 튜플(``(1, 10)``, ``(0.0, 1.0, 0.1)``): 막대(최솟값, 최댓값, 간격).
    * 그 밖의 값(수, 글자, 모델 등)과 ``widgets.fixed(...)``: 바뀌지 않는 고정값.
      (``widgets.interact``와 달리 수 하나는 막대로 만들지 않고, 그렇게 했다고 한 줄 알립니다.)

    ``fn``은 글자를 출력하거나, 그림·표를 돌려주거나 보여 주거나, pyplot으로 그려도 됩니다.
    """
    if not callable(fn):
        raise TypeError(f'd2l.interact의 첫 인자에는 함수를 주어야 하는데 {type(fn).__name__} 값을 '
                        '받았습니다: d2l.interact(show(), ...) 대신 d2l.interact(show, ...)처럼 '
                        '괄호 없이 함수 이름을 주세요.')
    sliders, fixed = _split_controls(fn, controls)

    def arguments():
        return {**fixed, **{name: w.value for name, w in sliders.items()}}

    outputs = _run(fn, arguments())
    if sliders:
        shown = ', '.join(f'{_label(name, w)}={_shown_value(w)}' for name, w in sliders.items())
        display(widget_bundle(_vbox(sliders.values()), f'[{shown}] {_HINT}.'), raw=True)
    # 기본값에서 아무것도 보이지 않아도 자리 하나는 남겨, 다른 값에서 생긴 출력이 보이게 합니다.
    handles = [display(data, metadata=meta, raw=True, display_id=True)
               for data, meta in outputs or [({'text/plain': _NOTHING_SHOWN}, {})]]

    def update(_change=None):
        try:
            new = _run(fn, arguments())
        except Exception as err:  # 막대를 움직이다 난 오류는 출력 자리에 한 줄로 보여 줍니다
            new = [({'text/plain': f'{type(err).__name__}: {err}'}, {})]
        for handle, (data, meta) in zip(handles, _fit(new, len(handles))):
            handle.update(data, metadata=meta, raw=True)

    for widget in sliders.values():
        widget.observe(update, names='value')


def _split_controls(fn, controls):
    """``controls``를 (이름 → 위젯)과 (이름 → 고정값)으로 나눕니다."""
    import ipywidgets
    from ipywidgets.widgets.interaction import interactive

    defaults = _defaults(fn)
    sliders, fixed = {}, {}
    for name, control in controls.items():
        if isinstance(control, type) and issubclass(control, ipywidgets.Widget):
            raise TypeError(
                f'd2l.interact의 {name}={control.__name__} 는 위젯의 종류(클래스)입니다. '
                f'{name}=widgets.{control.__name__}(value=…)처럼 괄호를 붙여 위젯을 만들어 넘기세요.')
        if isinstance(control, ipywidgets.fixed):
            fixed[name] = control.value
        elif isinstance(control, ipywidgets.ValueWidget):
            sliders[name] = control
        elif isinstance(control, (bool, list, tuple, dict)):
            if not isinstance(control, bool) and len(control) == 0:
                raise ValueError(f'd2l.interact의 {name}={control!r}에는 고를 값이 없습니다: '
                                 f'{name}=[3, 5, 7]처럼 값을 하나 이상 주세요.')
            sliders[name] = _widget_from_shorthand(interactive, name, control, defaults)
        else:
            if isinstance(control, (int, float, str)):
                notice(f'd2l.interact에 준 {name}={control!r} 값은 바뀌지 않는 고정값으로 씁니다: 막대로 바꿔 '
                       f'보려면 {name}=(1, 10)처럼 (최솟값, 최댓값)을, 고르려면 {name}=[1, 2, 3]처럼 '
                       f'목록을 주세요(고정값이 맞다면 {name}=widgets.fixed(...)로 이 알림이 사라집니다).')
            fixed[name] = control
    return sliders, fixed


def _widget_from_shorthand(interactive, name, control, defaults):
    try:
        widget = interactive.widget_from_abbrev(control, defaults.get(name, inspect.Parameter.empty))
    except (ValueError, TypeError) as err:
        raise ValueError(
            f'd2l.interact의 {name}={control!r} 로는 위젯을 만들 수 없습니다 ({err}). '
            '목록은 [3, 5, 7], 막대는 (최솟값, 최댓값) 또는 (최솟값, 최댓값, 간격)처럼 주세요.') from err
    if widget is None:
        raise ValueError(f'd2l.interact의 {name}={control!r} 로는 위젯을 만들 수 없습니다. '
                         '목록은 [3, 5, 7], 막대는 (최솟값, 최댓값)처럼 주세요.')
    if not widget.description:
        widget.description = name
    return widget


def _defaults(fn):
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return {}
    return {p.name: p.default for p in parameters if p.default is not inspect.Parameter.empty}


def _vbox(widgets):
    import ipywidgets
    return ipywidgets.VBox(list(widgets))


def _run(fn, kwargs):
    """``fn(**kwargs)``가 보여 준 것을 ``[(mime 묶음, 메타데이터), ...]``로 모아 돌려줍니다."""
    pyplot = sys.modules.get('matplotlib.pyplot')
    before = set(pyplot.get_fignums()) if pyplot else set()
    with capture_output() as captured:
        result = fn(**kwargs)
        if result is not None:
            display(result)
        pyplot = sys.modules.get('matplotlib.pyplot')
        if pyplot:  # 함수가 pyplot으로 새로 그린 그림은 여기서 보이고 닫습니다
            for number in sorted(set(pyplot.get_fignums()) - before):
                figure = pyplot.figure(number)
                display(figure)
                pyplot.close(figure)
    outputs = []
    if captured.stdout:
        outputs.append(({'text/plain': captured.stdout.rstrip('\n')}, {}))
    outputs += [(out.data, out.metadata or {}) for out in captured.outputs]
    return outputs


def _fit(outputs, slots):
    """출력 목록을 자리 수에 맞춥니다: 모자라면 빈 출력, 넘치면 마지막 자리에 합쳐 보입니다."""
    if len(outputs) <= slots:
        return outputs + [({'text/plain': ''}, {})] * (slots - len(outputs))
    return outputs[:slots - 1] + [(_merge(outputs[slots - 1:]), {})]


def _merge(outputs):
    """여러 출력을 HTML 하나(와 글자 하나)로 합칩니다."""
    markup, plain = [], []
    for data, _ in outputs:
        text = data.get('text/plain', '')
        plain.append(text)
        if 'text/html' in data:
            markup.append(data['text/html'])
        elif 'image/png' in data:
            png = data['image/png']
            if isinstance(png, bytes):
                png = base64.b64encode(png).decode('ascii')
            markup.append(f'<img src="data:image/png;base64,{png}"/>')
        else:
            markup.append(f'<pre>{html.escape(text)}</pre>')
    return {'text/html': '\n'.join(markup), 'text/plain': '\n'.join(plain)}


def _label(name, widget):
    return getattr(widget, 'description', '') or name


def _shown_value(widget):
    """요약 줄에 쓸 값: 고르는 위젯은 코드 속 값(예: -1) 대신 학습자가 보는 이름을 씁니다."""
    options = getattr(widget, 'options', None)
    if isinstance(options, (list, tuple)) and options and isinstance(options[0], tuple):
        return getattr(widget, 'label', widget.value)   # (이름, 값) 쌍으로 준 선택지
    return repr(widget.value)
