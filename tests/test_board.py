"""The live plot: markers on per-epoch curves, a sane first picture, a small drawing budget."""
import time

from d2lmini.board import ProgressBoard


class CountingBoard(ProgressBoard):
    """A live board that counts refreshes instead of talking to a notebook."""

    def __init__(self, **kwargs):
        kwargs.setdefault('live', True)
        super().__init__(**kwargs)
        self.shown = []

    def show(self):
        self.shown.append({label: len(line.get_xdata()) for label, line in self.lines.items()})


def test_per_epoch_curves_have_markers_and_train_curves_do_not():
    board = CountingBoard(xlim=(0, 3))
    board.draw(0.5, 2.0, 'train_loss')
    board.draw(1, 1.5, 'val_loss')
    board.draw(1, 0.4, 'val_acc')
    assert board.lines['val_loss'].get_marker() == 'o'
    assert board.lines['val_acc'].get_marker() == 'o'
    assert board.lines['train_loss'].get_marker() in ('', 'None', None)
    assert not board.lines['val_acc'].get_clip_on()   # a point on the axes' edge stays whole


def test_no_live_picture_until_a_curve_has_two_points():
    board = CountingBoard(xlim=(0, 2), budget=1.0, min_interval=0)
    board._start -= 100                       # plenty of budget
    board.draw(0.5, 2.0, 'train_loss')
    assert board.shown == []                  # one lonely point: not yet
    board.draw(1.0, 1.0, 'train_loss')
    assert board.shown == [{'train_loss': 2}]


def test_one_epoch_run_still_shows_the_single_validation_point():
    board = CountingBoard(xlim=(0, 1))
    board.draw(1, 0.7, 'val_acc')
    board.finish()
    assert board.shown == [{'val_acc': 1}]


def test_axes_start_at_full_x_range_and_zero():
    board = CountingBoard(xlim=(0, 10), budget=1.0, min_interval=0)
    board._start -= 100
    board.draw(0.5, 2.30, 'train_loss')
    board.draw(1.0, 2.28, 'train_loss')
    assert board.ax.get_xlim() == (0, 10)
    bottom, top = board.ax.get_ylim()
    assert bottom == 0 and top >= 2.30


def test_every_point_is_shown_when_the_budget_allows():
    board = CountingBoard(xlim=(0, 4), min_interval=0)
    board._start -= 1000                      # a long run: drawing is cheap next to it
    for epoch in range(2):
        board.draw(epoch + 0.5, 1.0, 'train_loss')
        board.draw(epoch + 1.0, 0.9, 'train_loss')
        board.draw(epoch + 1, 0.8, 'val_loss')
    assert board.shown[-1] == {'train_loss': 4, 'val_loss': 2}   # nothing waits for finish()
    assert not board._dirty


def test_drawing_stays_within_its_budget():
    board = ProgressBoard(xlim=(0, 50), live=True, min_interval=0, budget=0.02)
    board.show = lambda: time.sleep(0.01)     # each refresh costs 10 ms
    start = time.perf_counter()
    for i in range(400):
        board.draw(i / 8, 1.0 / (i + 1), 'train_loss')
        time.sleep(0.002)                     # "training"
    board.finish()
    elapsed = time.perf_counter() - start
    assert board._spent <= 0.02 * elapsed + 0.02   # budget, plus the one final picture


def test_points_of_one_epoch_are_drawn_together():
    board = CountingBoard(xlim=(0, 3), min_interval=0)
    board._start -= 1000
    board.draw(0.5, 1.0, 'train_loss')
    board.draw(1.0, 0.9, 'train_loss')
    board.draw(1, 0.8, 'val_loss')
    board.draw(1, 0.6, 'val_acc')
    board.draw(1.5, 0.7, 'train_loss')
    board.draw(2.0, 0.6, 'train_loss')
    board.draw(2, 0.7, 'val_loss')            # val_acc of epoch 2 is still to come: wait
    assert board.shown[-1] == {'train_loss': 4, 'val_loss': 1, 'val_acc': 1}
    board.draw(2, 0.7, 'val_acc')
    assert board.shown[-1] == {'train_loss': 4, 'val_loss': 2, 'val_acc': 2}
