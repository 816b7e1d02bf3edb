"""Trainer: 에폭과 미니배치를 도는 반복문을 맡습니다 (스텝 계산은 모델의 몫).

책의 ``d2l.Trainer`` 와 같은 모양에 몇 가지를 더했습니다.

* ``fit`` 은 에폭별 기록(History)을 돌려줍니다.
* 손실이 NaN/inf 가 되면 어느 스텝인지 알리고 멈춥니다 (모델과 기록은 남습니다).
* 셀을 멈추면(KeyboardInterrupt) 조용히 끝내고 모델·기록·그래프를 남깁니다.
* ``seed`` 를 주면 CPU에서 같은 결과가 다시 나옵니다.
* smoke 프로필에서는 에폭 수를 스스로 줄입니다.
"""
import math
import random
import time

import torch

from .board import ProgressBoard
from .devices import choose_device
from .history import History, Meter
from .hparams import HyperParameters
from .module import Module
from .progress import close_bar, open_bar
from .profiles import SMOKE_LIMITS, profile


def seed_everything(seed):
    """파이썬·PyTorch(·NumPy) 난수 생성기의 시드를 한 번에 정합니다."""
    random.seed(seed)
    torch.manual_seed(seed)
    try:
        import numpy
        numpy.random.seed(seed)
    except ImportError:
        pass


class Trainer(HyperParameters):
    """``Trainer(max_epochs, num_gpus=0, gradient_clip_val=0)`` — 책과 같은 인자.

    더한 인자: ``seed`` (재현용 시드), ``plot`` (살아 있는 그래프), ``progress``
    (tqdm 진행 막대).
    """

    def __init__(self, max_epochs, num_gpus=0, gradient_clip_val=0, seed=None,
                 plot=True, progress=True):
        if not isinstance(max_epochs, int) or max_epochs < 1:
            raise ValueError(f'max_epochs 는 1 이상의 정수여야 합니다 (받은 값: {max_epochs!r}).')
        if gradient_clip_val < 0:
            raise ValueError('gradient_clip_val 은 0(자르지 않음) 이상이어야 합니다 '
                             f'(받은 값: {gradient_clip_val!r}).')
        self.save_hyperparameters()
        if profile() == 'smoke' and max_epochs > SMOKE_LIMITS['max_epochs']:
            self.max_epochs = SMOKE_LIMITS['max_epochs']
            print(f'smoke 프로필: 에폭 수를 {max_epochs} → {self.max_epochs} 로 줄였습니다.')
        self.device = choose_device(num_gpus)
        self.gpus = [self.device] if self.device.type == 'cuda' else []
        if seed is not None:
            seed_everything(seed)
        self.history = History()

    # ----- 준비 -----
    def prepare_data(self, data):
        data.device = self.device  # 미니배치를 훈련 장치에서 바로 만들게 합니다
        self.train_dataloader = data.train_dataloader()
        self.val_dataloader = data.val_dataloader()
        self.num_train_batches = len(self.train_dataloader)
        self.num_val_batches = len(self.val_dataloader) if self.val_dataloader else 0
        if self.num_train_batches == 0:
            raise ValueError('훈련 데이터 로더가 비어 있습니다. 데이터 크기와 배치 크기를 확인하세요.')

    def prepare_model(self, model):
        model.trainer = self
        model.to(self.device)
        self.model = model

    def prepare_batch(self, batch):
        return [a.to(self.device) for a in batch]

    # ----- 훈련 -----
    def fit(self, model, data):
        """모델을 ``max_epochs`` 만큼 훈련하고 에폭별 기록(History)을 돌려줍니다."""
        if not isinstance(model, Module):
            raise TypeError(f'fit 의 첫 인자는 d2l.Module(또는 Classifier) 이어야 합니다 '
                            f'(받은 것: {type(model).__name__}).')
        if not hasattr(data, 'train_dataloader'):
            raise TypeError(f'fit 의 둘째 인자는 d2l.DataModule(예: d2l.FashionMNIST) 이어야 합니다 '
                            f'(받은 것: {type(data).__name__}).')
        self.prepare_data(data)
        self.prepare_model(model)
        self.optim = model.configure_optimizers()
        self.history = History()
        self.board = ProgressBoard(xlim=(0, self.max_epochs)) if self.plot else None
        model.board = self.board
        self.epoch = self.train_batch_idx = self.val_batch_idx = 0
        self._bar = open_bar(self.max_epochs * self.num_train_batches, self.progress)
        try:
            for self.epoch in range(self.max_epochs):
                if not self.fit_epoch():
                    break
        except KeyboardInterrupt:
            self.history.stop_reason = 'interrupted'
            print(f'\n훈련을 멈췄습니다 (에폭 {self.epoch + 1}). 모델 가중치와 끝난 에폭의 '
                  f'기록({len(self.history)}개)은 그대로 남아 있습니다.')
        finally:
            close_bar(self._bar)
            if self.board is not None:
                self.board.finish()
        return self.history

    def fit_epoch(self):
        """한 에폭을 훈련·검증하고 기록을 한 줄 더합니다.  NaN으로 멈추면 False."""
        start = time.perf_counter()
        self._bar.set_description(f'에폭 {self.epoch + 1}/{self.max_epochs}')
        self._epoch_meters = {True: {}, False: {}}
        self._segment = {}
        plot_at = self._plot_points()
        self.model.train()
        for i, batch in enumerate(self.train_dataloader):
            if not self._train_step(self.prepare_batch(batch), i):
                return False
            self.train_batch_idx += 1
            self._bar.update(1)
            if i + 1 in plot_at:
                self._draw_segment(self.epoch + (i + 1) / self.num_train_batches)
        self._validate()
        self._append_history(time.perf_counter() - start)
        return True

    def _train_step(self, batch, i):
        try:
            loss = self.model.training_step(batch)
        except RuntimeError as err:
            if self.train_batch_idx > 0:
                raise
            shapes = ', '.join(str(tuple(t.shape)) for t in batch)
            raise RuntimeError(
                f'첫 미니배치(모양 {shapes})로 순전파하다가 오류가 났습니다. 데이터의 resize '
                f'설정이 모델이 기대하는 입력 크기와 맞는지 확인하세요.\n원래 오류: {err}') from err
        if not torch.isfinite(loss):
            self._stop_on_nan(loss, i)
            return False
        self.optim.zero_grad(set_to_none=True)
        loss.backward()
        if self.gradient_clip_val > 0:
            self.clip_gradients(self.gradient_clip_val, self.model)
        self.optim.step()
        return True

    def clip_gradients(self, grad_clip_val, model):
        """모든 파라미터의 기울기를 하나의 벡터로 보고 그 노름을 ``grad_clip_val`` 로 자릅니다."""
        torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip_val)

    def _validate(self):
        if not self.num_val_batches:
            return
        self.model.eval()
        with torch.no_grad():
            for batch in self.val_dataloader:
                self.model.validation_step(self.prepare_batch(batch))
                self.val_batch_idx += 1
        for key, meter in self._epoch_meters[False].items():
            self._draw(self.epoch + 1, meter.mean, 'val_' + key)

    # ----- 기록과 그래프 -----
    def record(self, key, value, train, n=1):
        """모델의 ``plot`` 이 부르는 곳: 지표를 예제 수 ``n`` 으로 가중해 모읍니다."""
        if torch.is_tensor(value):
            value = value.detach()
        value = float(value)
        self._epoch_meters[train].setdefault(key, Meter()).add(value, n)
        if train:
            self._segment.setdefault(key, Meter()).add(value, n)

    def _plot_points(self):
        """훈련 곡선의 점을 찍을 배치 번호들 (한 에폭에 고르게).

        책은 한 에폭의 배치 수가 점 수보다 적으면 아무것도 그리지 않습니다.  여기서는
        점 수를 배치 수로 줄여, 각 점이 빠짐없이 자기 몫의 배치를 평균하게 합니다.
        """
        points = max(1, min(self.model.plot_train_per_epoch, self.num_train_batches))
        return {round((k + 1) * self.num_train_batches / points) for k in range(points)}

    def _draw_segment(self, x):
        for key, meter in self._segment.items():
            self._draw(x, meter.mean, 'train_' + key)
        loss = self._segment.get('loss')
        if loss is not None:
            self._bar.set_postfix(loss=f'{loss.mean:.3f}', refresh=False)
        self._segment = {}

    def _draw(self, x, y, label):
        if self.board is not None:
            self.board.draw(x, y, label)

    def _append_history(self, seconds):
        row = {'epoch': self.epoch + 1}
        for train, prefix in ((True, 'train_'), (False, 'val_')):
            for key, meter in self._epoch_meters[train].items():
                row[prefix + key] = meter.mean
        row['seconds'] = seconds
        self.history.append(row)

    def _stop_on_nan(self, loss, i):
        self.history.stop_reason = 'nan'
        lr = getattr(self.model, 'lr', None)
        if lr is None:
            lr = self.optim.param_groups[0]['lr']
        kind = 'NaN' if math.isnan(loss.item()) else 'inf'
        print(f'\n훈련 스텝 {self.train_batch_idx + 1} (에폭 {self.epoch + 1}, 배치 {i + 1})에서 '
              f'손실이 {kind} 가 되어 훈련을 멈췄습니다. 학습률이 너무 클 수 있습니다: '
              f'lr={lr:g} 대신 lr={lr / 10:g} 처럼 낮춰 보세요. 모델과 끝난 에폭의 '
              f'기록({len(self.history)}개)은 남아 있습니다.')
