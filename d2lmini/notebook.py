"""주피터와 이야기하는 곳: 커널 안인지 알기, 그림·위젯 보이기, 진행 막대, 한 번만 하는 알림.

라이브러리의 다른 파일은 주피터를 직접 다루지 않고 여기 있는 함수를 부릅니다.

* ``in_notebook``, ``enable_figure_display``: 커널 안인지, pyplot 없이 만든 그림을 어떻게 보일지.
* ``widget_bundle``: 위젯을 ipywidgets 7(Colab)과 8에서 똑같이 보이는 mime 묶음으로.
* ``open_bar``/``close_bar``: ``tqdm.auto`` 진행 막대.  닫으면 위젯 대신 보통 HTML을 남깁니다.
* ``notice``/``notice_once``: 라이브러리의 알림.  모두 ``[d2lmini]``로 시작합니다.
"""
import functools
import html

from tqdm.auto import tqdm
from tqdm.notebook import tqdm_notebook

# 라이브러리가 출력하는 알림의 머리말: 노트북의 출력에서 라이브러리의 말을 알아보게 합니다.
NOTICE_PREFIX = '[d2lmini]'

# 이미 출력한 알림의 종류. 한 프로세스(노트북 커널)에서 같은 종류는 한 번만 알립니다.
_NOTICES_SHOWN = set()

_WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json'
# 진행 막대 색: 끝까지 갔으면 초록, 중간에 멈췄으면 주황
_BAR_COLORS = {True: '#5cb85c', False: '#f0ad4e'}


# ---------------------------------------------------------------------------
# 알림
# ---------------------------------------------------------------------------

def notice(message):
    """라이브러리의 알림 한 줄을 머리말과 함께 출력합니다."""
    print(f'{NOTICE_PREFIX} {message}')


def notice_once(kind, message):
    """``kind`` 종류의 알림을 이 프로세스에서 처음일 때만 출력합니다.

    셀 하나에서 Trainer나 데이터 모듈을 여러 개 만들어도 같은 알림이 반복되지 않습니다.
    """
    if kind in _NOTICES_SHOWN:
        return False
    _NOTICES_SHOWN.add(kind)
    notice(message)
    return True


# ---------------------------------------------------------------------------
# 커널과 그림
# ---------------------------------------------------------------------------

def in_notebook():
    """주피터 커널(JupyterLab, Colab, VS Code, nbval) 안에서 실행 중이면 True."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and 'IPKernelApp' in shell.config


def enable_figure_display():
    """노트북에서 pyplot 없이 만든 ``Figure``도 그림(PNG)으로 보이게 합니다.

    d2lmini의 그림은 pyplot에 등록하지 않으므로(그래야 셀 끝에 한 번 더 나오지 않음)
    주피터에 "Figure는 PNG로 보여 주라"고 직접 알려 둡니다.  변환은 pyplot의 inline
    백엔드가 쓰는 IPython 함수(``print_figure``)에 맡기고, 이미 그 설정이 있으면 건드리지
    않습니다.  여백은 그림이 정해 두었으므로 매번 다시 재지(bbox 'tight') 않습니다.
    """
    if not in_notebook():
        return
    from IPython import get_ipython
    from IPython.core.pylabtools import print_figure
    from matplotlib.figure import Figure
    png = get_ipython().display_formatter.formatters['image/png']
    if Figure not in png.type_printers:
        png.for_type(Figure, functools.partial(print_figure, fmt='png', bbox_inches=None))


def widget_bundle(widget, text):
    """위젯을 ``display(bundle, raw=True)``로 보일 mime 묶음.  ``text``는 커널이 없을 때 보일 글.

    ipywidgets 8의 위젯은 ``_repr_mimebundle_``로, 7(Colab)의 위젯은 ``_ipython_display_``로
    자신을 보입니다.  두 판 모두 같은 묶음(위젯 모델 id)을 쓰므로 여기서 직접 만듭니다.
    묶음으로 보여야 ``display_id``를 붙여 나중에 같은 자리를 보통 출력으로 바꿀 수 있습니다.
    """
    if hasattr(widget, '_repr_mimebundle_'):
        bundle = widget._repr_mimebundle_()
    else:
        displayed = getattr(widget, '_handle_displayed', None)   # 7: 표시될 때 부르는 갈고리
        if displayed:
            displayed()
        bundle = {_WIDGET_VIEW: {'version_major': 2, 'version_minor': 0,
                                 'model_id': widget.model_id}}
    bundle['text/plain'] = text
    return bundle


# ---------------------------------------------------------------------------
# 진행 막대: tqdm.auto에 한 가지만 더합니다
# ---------------------------------------------------------------------------
# 노트북의 진행 막대는 위젯입니다.  위젯은 커널이 살아 있을 때만 그려지므로, 저장한 노트북을
# 다시 열거나 GitHub처럼 위젯이 없는 곳에서 열면 "Error displaying widget"이나 "0%|..." 같은
# 글자가 대신 보입니다.  그래서 막대를 ``display_id``와 함께 표시해 두었다가, 닫을 때 같은
# 자리를 위젯이 아닌 보통의 HTML(과 글자) 출력으로 바꿔 마지막 상태를 남깁니다.  터미널에서는
# 보통의 tqdm 막대와 같습니다.

def open_bar(total, enabled=True):
    """``total`` 스텝짜리 진행 막대를 엽니다.  ``close_bar``로 닫으세요."""
    widget = enabled and issubclass(tqdm, tqdm_notebook)
    extra = {'display': False} if widget else {}
    bar = tqdm(total=total, unit='batch', disable=not enabled, leave=True, **extra)
    bar.display_handle = None
    if widget:
        from IPython.display import display
        # 위젯을 mime 묶음으로 보여야 ipywidgets 7(Colab)에서도 display_id가 그 자리에 붙습니다.
        bundle = widget_bundle(bar.container, bar.format_meter(**bar.format_dict))
        bar.display_handle = display(bundle, raw=True, display_id=True)
    return bar


def final_state(bar):
    """닫힌 막대의 마지막 모습을 ``{'text/html': ..., 'text/plain': ...}``로 만듭니다."""
    fmt = dict(bar.format_dict)
    fmt['bar_format'] = '{l_bar}\x00{r_bar}'
    left, _, right = bar.format_meter(**fmt).partition('\x00')
    left, right = left.rstrip('|'), right.lstrip('|')
    total, n = bar.total or 0, bar.n
    share = min(1.0, n / total) if total else 1.0
    color = _BAR_COLORS[bool(total) and n >= total]
    box = ('display:inline-block;vertical-align:middle;width:16em;height:0.9em;'
           'border:1px solid #bbb;border-radius:2px;background:#eee;margin:0 0.5em')
    fill = f'display:block;height:100%;width:{share * 100:.1f}%;background:{color}'
    markup = (f'<div class="d2lmini-progress" style="font-family:monospace;white-space:pre">'
              f'{html.escape(left)}<span style="{box}"><span style="{fill}"></span></span>'
              f'{html.escape(right)}</div>')
    plain = bar.format_meter(**bar.format_dict)
    return {'text/html': markup, 'text/plain': plain}


def close_bar(bar):
    """막대를 닫고, 노트북이면 그 자리를 위젯 없는 마지막 상태로 바꿉니다."""
    bar.close()
    if bar.display_handle is not None:
        bar.display_handle.update(final_state(bar), raw=True)
        # 위젯 모델도 닫아, 노트북에 저장되는 위젯 상태에 쓸모없는 막대가 남지 않게 합니다.
        for widget in (*bar.container.children, bar.container):
            widget.close()
