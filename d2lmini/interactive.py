"""인터랙티브: 기본값의 결과를 보통 출력으로 먼저 보여 주고, 위젯은 그 출력을 바꿉니다.

``ipywidgets.interact`` 는 결과를 위젯(Output) 안에 그립니다.  그래서 커널이 없는 곳(GitHub,
nbviewer, 막 받은 저장소를 JupyterLab 에서 연 때, 실행 전의 Colab)에서는 그림 대신
``interactive(children=(IntSlider(...`` 같은 글자만 보입니다.  ``d2l.interact`` 는 순서를 바꿉니다.

1. 함수를 기본값으로 한 번 불러, 그 함수가 보여 준 것(출력한 글자, 그림, 표)을 셀의 **보통
   출력**(PNG, 글자, HTML)으로 남깁니다.  커널이 없어도 보입니다.
2. 그 위에 조절 막대를 두고, 막대를 움직이면 함수를 다시 불러 같은 출력 자리를 제자리에서
   바꿉니다(display id 갱신).  커널 없이 보는 곳에서는 막대 대신 기본값을 적은 한 줄이 보입니다.

쓰는 법은 ``widgets.interact`` 와 같습니다::

    def show(n, k):
        print('출력 크기:', n - k + 1)
    d2l.interact(show, n=widgets.IntSlider(28, 8, 64), k=widgets.IntSlider(5, 1, 7, 2))
"""
import sys

from IPython.display import display
from IPython.utils.capture import capture_output

_HINT = '커널을 실행하면 막대로 바꿔 볼 수 있습니다'


def interact(fn, **controls):
    """``fn`` 의 기본값 결과를 보통 출력으로 보이고, ``controls`` 의 위젯이 그 출력을 바꿉니다.

    ``controls`` 의 값은 ipywidgets 위젯(``widgets.IntSlider(...)`` 등)이나 고정값(보통 값 또는
    ``widgets.fixed(...)``)입니다.  ``fn`` 은 글자를 출력하거나, 그림·표를 돌려주거나 보여 주거나,
    pyplot 으로 그려도 됩니다.  값이 바뀌어도 보여 주는 것의 개수와 종류는 같게 두세요.
    """
    import ipywidgets

    sliders = {name: c for name, c in controls.items() if isinstance(c, ipywidgets.ValueWidget)}
    fixed = {name: getattr(c, 'value', c) for name, c in controls.items() if name not in sliders}

    def arguments():
        return {**fixed, **{name: w.value for name, w in sliders.items()}}

    outputs = _run(fn, arguments())
    if sliders:
        box = ipywidgets.VBox(list(sliders.values()))
        bundle = box._repr_mimebundle_()
        shown = ', '.join(f'{_label(name, w)}={w.value!r}' for name, w in sliders.items())
        bundle['text/plain'] = f'[{shown}] {_HINT}.'
        display(bundle, raw=True)
    handles = [display(data, metadata=meta, raw=True, display_id=True) for data, meta in outputs]

    def update(_change=None):
        try:
            new = _run(fn, arguments())
        except Exception as err:  # 막대를 움직이다 난 오류는 출력 자리에 한 줄로 보여 줍니다
            new = [({'text/plain': f'{type(err).__name__}: {err}'}, {})]
        new += [({'text/plain': ''}, {})] * (len(handles) - len(new))
        for handle, (data, meta) in zip(handles, new):
            handle.update(data, metadata=meta, raw=True)

    for widget in sliders.values():
        widget.observe(update, names='value')


def _run(fn, kwargs):
    """``fn(**kwargs)`` 가 보여 준 것을 ``[(mime 묶음, 메타데이터), ...]`` 로 모아 돌려줍니다."""
    pyplot = sys.modules.get('matplotlib.pyplot')
    before = set(pyplot.get_fignums()) if pyplot else set()
    with capture_output() as captured:
        result = fn(**kwargs)
        if result is not None:
            display(result)
        pyplot = sys.modules.get('matplotlib.pyplot')
        if pyplot:  # 함수가 pyplot 으로 새로 그린 그림은 여기서 보이고 닫습니다
            for number in sorted(set(pyplot.get_fignums()) - before):
                figure = pyplot.figure(number)
                display(figure)
                pyplot.close(figure)
    outputs = []
    if captured.stdout:
        outputs.append(({'text/plain': captured.stdout.rstrip('\n')}, {}))
    outputs += [(out.data, out.metadata or {}) for out in captured.outputs]
    return outputs


def _label(name, widget):
    return getattr(widget, 'description', '') or name
