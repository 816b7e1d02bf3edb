"""훈련 기록: 예제 수로 가중한 평균(Meter)과 에폭별 기록(History)."""


class Meter:
    """값의 가중 평균.  미니배치마다 ``add(값, 예제 수)`` 를 부릅니다."""

    def __init__(self):
        self.total = 0.0
        self.count = 0

    def add(self, value, n=1):
        self.total += float(value) * n
        self.count += n

    @property
    def mean(self):
        return self.total / self.count if self.count else float('nan')


class History(list):
    """에폭마다 dict 하나: ``epoch, train_loss, val_loss, val_acc, seconds``.

    ``stop_reason`` 은 끝까지 훈련했으면 None, 아니면 ``'nan'`` 또는 ``'interrupted'``.
    """
    stop_reason = None

    def column(self, key):
        """한 열의 값 리스트, 예: ``history.column('val_acc')``."""
        return [row.get(key) for row in self]

    def __repr__(self):
        if not self:
            return 'History(비어 있음)'
        keys = list(self[0])
        rows = ['  '.join(f'{key:>10}' for key in keys)]
        for row in self:
            rows.append('  '.join(_cell(row.get(key)) for key in keys))
        return '\n'.join(rows)


def _cell(value):
    if isinstance(value, float):
        return f'{value:10.4f}'
    return f'{value!s:>10}'
