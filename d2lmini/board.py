"""훈련 중 손실과 정확도를 그리는 살아 있는 그래프(책의 ProgressBoard 역할).

책의 보드는 점이 생길 때마다 그림을 지우고 새로 그려서 깜빡이고, 그림이 셀 출력에
쌓이기도 합니다.  여기서는 그림(figure) 하나를 만들어 두고 선의 데이터만 바꾼 뒤
(``Line2D.set_data``) 같은 출력 자리(display handle)를 갱신합니다.

* 주피터 커널 안이면 훈련 중에 그림을 갱신합니다.  다시 그리는 일은 비싸므로
  ``min_interval`` 초에 한 번까지만 하고, 끝날 때 마지막으로 한 번 더 그립니다.
* 스크립트처럼 커널이 없으면 훈련 중에는 그리지 않고, 마지막 그림만 ``board.fig`` 에
  남깁니다(``board.fig.savefig(...)`` 로 저장할 수 있음).
"""
import time

from matplotlib.figure import Figure

# 책과 같은 모양: 훈련 손실은 실선, 검증 손실은 파선, 검증 정확도는 1점 쇄선
_STYLES = {'train_loss': '-', 'val_loss': '--', 'val_acc': '-.'}


def in_notebook():
    """주피터 커널(JupyterLab, Colab, VS Code, nbval) 안에서 실행 중이면 True."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and 'IPKernelApp' in shell.config


class ProgressBoard:
    """훈련 곡선을 그리는 그림 하나.  ``draw(x, y, label)`` 로 점을 더합니다."""

    def __init__(self, xlabel='epoch', xlim=None, figsize=(5, 3.2), live=None,
                 min_interval=2.0):
        self.live = in_notebook() if live is None else live
        self.min_interval = min_interval
        # pyplot 을 거치지 않은 Figure 는 셀이 끝날 때 자동으로 한 번 더 표시되지 않습니다.
        self.fig = Figure(figsize=figsize, layout='constrained')
        self.ax = self.fig.add_subplot()
        self.ax.set_xlabel(xlabel)
        if xlim is not None:
            self.ax.set_xlim(*xlim)
        self.ax.grid(True, alpha=0.3)
        self.lines = {}
        self._handle = None
        self._last_render = 0.0
        self._dirty = False

    def draw(self, x, y, label):
        """``label`` 곡선에 점 ``(x, y)`` 를 더하고, 필요하면 화면을 갱신합니다."""
        line = self.lines.get(label)
        if line is None:
            line, = self.ax.plot([], [], _STYLES.get(label, '-'), label=label)
            self.lines[label] = line
            self.ax.legend(loc='best')
        xs, ys = line.get_data()
        line.set_data([*xs, x], [*ys, y])
        self._dirty = True
        if self.live and time.perf_counter() - self._last_render >= self.min_interval:
            self.render()

    def render(self):
        """축 범위를 맞추고 그림을 (같은 출력 자리에) 다시 보여 줍니다."""
        self.ax.relim()
        self.ax.autoscale_view()
        self._dirty = False
        self._last_render = time.perf_counter()
        if not in_notebook():
            return
        from IPython.display import display
        if self._handle is None:
            self._handle = display(self.fig, display_id=True)
        else:
            self._handle.update(self.fig)

    def finish(self):
        """훈련이 끝나면(중단되어도) 마지막 상태를 한 번 그립니다."""
        if self._dirty or (self.lines and self._handle is None):
            self.render()
