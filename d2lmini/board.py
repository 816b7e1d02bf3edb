"""훈련 중 손실과 정확도를 그리는 살아 있는 그래프(책의 ProgressBoard 역할).

책의 보드는 점이 생길 때마다 그림을 지우고 새로 그려서 깜빡이고, 그림이 셀 출력에
쌓이기도 합니다.  여기서는 그림(figure) 하나를 만들어 두고 선의 데이터만 바꾼 뒤
(``Line2D.set_data``) 같은 출력 자리(display handle)를 갱신합니다.

* 에폭마다 한 점씩 생기는 검증 곡선(``val_*``)에는 표식(marker)을 찍어, 점이 하나뿐일
  때도 보입니다.  x축은 처음부터 훈련 전체(0 ~ 에폭 수)로 잡고, y축은 값이 모두 0 이상이면
  0부터 그립니다.
* 주피터 커널 안이면 훈련 중에 그림을 갱신합니다.  어느 곡선이든 점이 둘 이상 생긴 뒤부터
  그리고(점 하나짜리 첫 그림은 축 범위가 엉뚱해 보이므로), 새 점이 오면 다시 그립니다.
  같은 x에 잇달아 오는 ``val_loss``·``val_acc`` 같은 점은 모두 온 뒤 한 번 그립니다.
  다만 ``min_interval`` 초(기본 0.5)보다 자주 그리지는 않고, 그림 한 장을 PNG로 만드는 데
  0.1초쯤 걸리므로 지금까지 그리는 데 쓴 시간이 훈련 시간의 ``budget`` (기본 1.5%)을 넘을
  것 같으면 그 점은 다음 갱신으로 미룹니다.  끝날 때 마지막으로 한 번 더 그립니다.
* 스크립트처럼 커널이 없으면 훈련 중에는 그리지 않고, 마지막 그림만 ``board.fig``에
  남깁니다(``board.fig.savefig(...)``로 저장할 수 있음).
"""
import time

from matplotlib.figure import Figure

from .fonts import label as _text
from .notebook import in_notebook

# 책과 같은 모양: 훈련 손실은 실선, 검증 손실은 파선, 검증 정확도는 1점 쇄선
_STYLES = {'train_loss': '-', 'val_loss': '--', 'val_acc': '-.'}
# 범례에 보일 이름 (한글 글꼴이 없으면 영어)
_NAMES = {'train_loss': ('훈련 손실', 'train loss'), 'val_loss': ('검증 손실', 'val loss'),
          'val_acc': ('검증 정확도', 'val acc')}


class ProgressBoard:
    """훈련 곡선을 그리는 그림 하나.  ``draw(x, y, label)``로 점을 더합니다."""

    def __init__(self, xlabel=None, xlim=None, figsize=(5, 3.2), live=None,
                 min_interval=0.5, budget=0.015):
        self.live = in_notebook() if live is None else live
        self.min_interval, self.budget = min_interval, budget
        # pyplot을 거치지 않은 Figure는 셀이 끝날 때 자동으로 한 번 더 표시되지 않습니다.
        # 여백은 고정합니다: 자동 배치(constrained layout)는 그릴 때마다 비용이 듭니다.
        self.fig = Figure(figsize=figsize)
        self.fig.subplots_adjust(left=0.12, right=0.97, bottom=0.15, top=0.96)
        self.ax = self.fig.add_subplot()
        self.ax.set_xlabel(_text('에폭', 'epoch') if xlabel is None else xlabel)
        if xlim is not None:
            self.ax.set_xlim(*xlim)
        self.ax.grid(True, alpha=0.3)
        self.lines = {}
        self._handle = None
        self._dirty = False
        self._start = time.perf_counter()
        self._last_render = -float('inf')
        self._spent = 0.0      # 지금까지 그리는 데 쓴 시간(초)
        self._cost = 0.1       # 한 번 그리는 데 드는 시간의 추정(처음엔 어림값)

    def draw(self, x, y, label):
        """``label`` 곡선에 점 ``(x, y)``를 더하고, 필요하면 화면을 갱신합니다."""
        line = self.lines.get(label)
        if line is None:
            per_epoch = label.startswith('val_')
            # 표식은 축 테두리에서 잘리지 않게 그립니다(한 에폭짜리 실행의 점은 x축 끝에 놓임).
            shown = _text(*_NAMES[label]) if label in _NAMES else label
            line, = self.ax.plot([], [], _STYLES.get(label, '-'), label=shown,
                                 marker='o' if per_epoch else '', markersize=4,
                                 clip_on=not per_epoch)
            self.lines[label] = line
            self.ax.legend(loc='best')
        xs, ys = line.get_data()
        line.set_data([*xs, x], [*ys, y])
        self._dirty = True
        if self.live and self._due(label, x):
            self.render()

    def _due(self, label, x):
        """지금 다시 그려도 되는지: 점이 둘 이상인 곡선이 있고, 같은 무리의 점이 다 왔고,
        시간 예산 안이면.

        같은 무리(이름의 앞부분이 같은 곡선, 예: ``val_loss``와 ``val_acc``)는 같은 x에
        잇달아 점을 더하므로, 무리의 마지막 점이 올 때 한 번만 그립니다.
        """
        if not any(len(line.get_xdata()) >= 2 for line in self.lines.values()):
            return False
        group = label.split('_', 1)[0] + '_'
        if any(other.startswith(group) and (len(line.get_xdata()) == 0
                                            or line.get_xdata()[-1] < x)
               for other, line in self.lines.items()):
            return False
        now = time.perf_counter()
        return (now - self._last_render >= self.min_interval
                and self._spent + self._cost <= self.budget * (now - self._start))

    def render(self):
        """축 범위를 맞추고 그림을 (같은 출력 자리에) 다시 보여 줍니다."""
        start = time.perf_counter()
        self.ax.relim()
        self.ax.autoscale_view()
        values = [y for line in self.lines.values() for y in line.get_ydata()]
        if values and min(values) >= 0:
            self.ax.set_ylim(0, max(self.ax.get_ylim()[1], 1e-3), auto=True)
        self._dirty = False
        self.show()
        end = time.perf_counter()
        self._cost = end - start
        self._spent += self._cost
        self._last_render = end

    def show(self):
        """노트북이면 그림을 처음엔 표시하고, 그다음부터는 같은 자리를 갱신합니다."""
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
