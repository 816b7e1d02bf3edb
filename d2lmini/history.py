"""훈련 기록: 예제 수로 가중한 평균(Meter)과 에폭별 기록(History)."""
import torch


class Meter:
    """값의 가중 평균.  미니배치마다 ``add(값, 예제 수)``를 부릅니다.

    텐서 값은 장치에 그대로 모아 두고(호스트로 읽지 않음), ``mean``을 읽을 때 한 번에
    더합니다.  GPU에서 훈련해도 미니배치마다 장치를 기다리지 않습니다.
    """

    def __init__(self):
        self.total = 0.0      # 파이썬 수로 받은 값의 가중 합
        self.count = 0
        self.tensors = []     # (값 텐서, 예제 수): 아직 읽지 않은 값

    def add(self, value, n=1):
        if torch.is_tensor(value):
            self.tensors.append((value.detach(), n))
        else:
            self.total += float(value) * n
        self.count += n

    def pending_sum(self):
        """아직 읽지 않은 텐서 값의 가중 합(장치 위 0차원 텐서).  없으면 None."""
        if not self.tensors:
            return None
        values = torch.stack([v.reshape(()).float() for v, _ in self.tensors])
        weights = torch.tensor([float(n) for _, n in self.tensors], device=values.device)
        return (values * weights).sum()

    def settle(self, pending_value):
        """``pending_sum``을 호스트로 읽은 값을 합에 더하고 텐서 목록을 비웁니다."""
        self.total += pending_value
        self.tensors = []

    @property
    def mean(self):
        if self.tensors:
            pending = self.pending_sum()
            self.settle(pending.item())
        return self.total / self.count if self.count else float('nan')


class History(list):
    """에폭마다 dict 하나: ``epoch, train_loss, val_loss, val_acc, seconds``.

    ``stop_reason``은 끝까지 훈련했으면 None, 아니면 ``'nan'`` (손실이 NaN/inf가 됨),
    ``'diverged'`` (손실이 유한하지만 폭주함) 또는 ``'interrupted'``.  노트북에서는 표(pandas DataFrame)로 보입니다.

    ``fit`` 한 번의 기록이 ``max_epochs``(계획한 에폭 수), ``train_seconds``(훈련 미니배치에 쓴 초),
    ``train_examples``(훈련한 예제 수), ``trained``(실제로 쓴 레시피·학습률·배치 크기)도 함께 지닙니다.
    모델을 여러 번 훈련했으면 ``History.joined``가 그 기록들을 모델의 전체 기록 하나로 잇습니다.
    """
    stop_reason = None
    max_epochs = None
    train_seconds = 0.0
    train_examples = 0
    trained = None

    @classmethod
    def joined(cls, parts):
        """``fit``마다의 기록들을 차례로 이은 전체 기록: 에폭 번호는 이어서 세고 시간과 예제 수는 더합니다."""
        whole = cls()
        for part in parts:
            for row in part:
                whole.append({**row, 'epoch': len(whole) + 1} if 'epoch' in row else dict(row))
        whole.stop_reason = parts[-1].stop_reason
        whole.max_epochs = sum(part.max_epochs or len(part) for part in parts)
        whole.train_seconds = sum(part.train_seconds for part in parts)
        whole.train_examples = sum(part.train_examples for part in parts)
        return whole

    def keys(self):
        """기록에 있는 열 이름들 (처음 나온 순서)."""
        names = []
        for row in self:
            names.extend(key for key in row if key not in names)
        return names

    def column(self, key):
        """한 열의 값 리스트, 예: ``history.column('val_acc')``."""
        if self and key not in self.keys():
            raise KeyError(f'기록에 {key!r} 열이 없습니다: {", ".join(self.keys())} 중 하나를 '
                           '쓰세요.')
        return [row.get(key) for row in self]

    def to_frame(self):
        """에폭별 기록을 pandas DataFrame으로 돌려줍니다 (행: 에폭)."""
        import pandas as pd
        frame = pd.DataFrame(list(self), columns=self.keys() or None)
        if 'epoch' in frame.columns:
            frame = frame.set_index('epoch')
        return frame

    def _repr_html_(self):
        if not self:
            return None
        return self.to_frame()._repr_html_()

    def __repr__(self):
        if not self:
            return 'History(비어 있음)'
        keys = self.keys()
        rows = ['  '.join(f'{key:>10}' for key in keys)]
        for row in self:
            rows.append('  '.join(_cell(row.get(key)) for key in keys))
        return '\n'.join(rows)


def _cell(value):
    if isinstance(value, float):
        return f'{value:10.4f}'
    return f'{value!s:>10}'


def read_together(meters, extra=None):
    """여러 Meter의 밀린 텐서 합(과 ``extra``)을 호스트로 한 번에 읽어 정산합니다.

    ``extra``의 값들을 파이썬 수 리스트로 돌려줍니다.
    """
    pending = [(meter, meter.pending_sum()) for meter in meters]
    pending = [(meter, total) for meter, total in pending if total is not None]
    parts = [] if extra is None else [extra.reshape(-1)]
    if parts:
        device = parts[0].device
    elif pending:
        device = pending[0][1].device
    else:
        return []
    parts += [total.reshape(1).to(device) for _, total in pending]
    values = torch.cat(parts).tolist()
    n_extra = 0 if extra is None else extra.numel()
    for (meter, _), value in zip(pending, values[n_extra:]):
        meter.settle(value)
    return values[:n_extra]


# 모델이 지니는 fit마다의 기록(History) 목록: 모델 하나의 전체 기록을 잇는 데 씁니다.
_FITS = '_d2lmini_fits'


def remember_fit(model, history):
    """``model``을 훈련하는 fit의 기록 ``history``를 모델의 fit 목록 끝에 더합니다.

    기록은 trainer가 아니라 모델을 따라갑니다: 다른 trainer로 이어 훈련해도 모델 하나의 기록이 모입니다.
    """
    setattr(model, _FITS, [*fits_of(model), history])


def fits_of(model):
    """``model``이 거친 fit마다의 기록(처음 것부터).  Trainer로 훈련한 적이 없으면 빈 리스트."""
    return list(getattr(model, _FITS, None) or [])
