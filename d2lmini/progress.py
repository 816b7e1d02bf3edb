"""훈련 진행 막대: ``tqdm.auto``에 한 가지만 더합니다.

노트북의 진행 막대는 위젯입니다.  위젯은 커널이 살아 있을 때만 그려지므로, 저장한
노트북을 다시 열거나 GitHub처럼 위젯이 없는 곳에서 열면 "Error displaying widget" 이나
"0%|..." 같은 글자가 대신 보입니다.  그래서 막대를 ``display_id``와 함께 표시해 두었다가,
닫을 때 같은 자리를 위젯이 아닌 보통의 HTML(과 글자) 출력으로 바꿔 마지막 상태를
남깁니다.  터미널에서는 보통의 tqdm 막대와 같습니다.
"""
import html

from tqdm.auto import tqdm
from tqdm.notebook import tqdm_notebook

# 막대 색: 끝까지 갔으면 초록, 중간에 멈췄으면 주황
_COLORS = {True: '#5cb85c', False: '#f0ad4e'}


def open_bar(total, enabled=True):
    """``total`` 스텝짜리 진행 막대를 엽니다.  ``close_bar``로 닫으세요."""
    widget = enabled and issubclass(tqdm, tqdm_notebook)
    extra = {'display': False} if widget else {}
    bar = tqdm(total=total, unit='batch', disable=not enabled, leave=True, **extra)
    bar.display_handle = None
    if widget:
        from IPython.display import display

        from .interactive import widget_bundle
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
    color = _COLORS[bool(total) and n >= total]
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
