"""훈련 진행 막대: ``tqdm.auto`` 에 한 가지만 더합니다.

노트북의 진행 막대는 위젯이라, 실행을 마친 노트북을 GitHub 처럼 위젯이 없는 곳에서
열면 위젯을 처음 표시할 때 함께 저장된 글자 표현("0%|...")이 대신 보입니다.  그래서
막대를 ``display_id`` 와 함께 표시해 두었다가, 닫을 때 같은 자리를 마지막 상태로
다시 표시합니다.  터미널에서는 보통의 tqdm 막대와 같습니다.
"""
from tqdm.auto import tqdm
from tqdm.notebook import tqdm_notebook


def open_bar(total, enabled=True):
    """``total`` 스텝짜리 진행 막대를 엽니다.  ``close_bar`` 로 닫으세요."""
    widget = enabled and issubclass(tqdm, tqdm_notebook)
    extra = {'display': False} if widget else {}
    bar = tqdm(total=total, unit='batch', disable=not enabled, leave=True, **extra)
    bar.display_handle = None
    if widget:
        from IPython.display import display
        bar.display_handle = display(bar.container, display_id=True)
    return bar


def close_bar(bar):
    """막대를 닫고, 노트북이면 저장될 글자 표현을 마지막 상태로 바꿉니다."""
    bar.close()
    if bar.display_handle is not None:
        bar.display_handle.update(bar.container)
