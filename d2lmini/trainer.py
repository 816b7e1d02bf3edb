"""Trainer: 에폭과 미니배치를 도는 반복문을 맡습니다 (스텝 계산은 모델의 몫).

책의 ``d2l.Trainer``와 같은 모양에 몇 가지를 더했습니다.

* ``fit``은 에폭별 기록(History)을 돌려줍니다.  ``train_seconds``는 마지막 ``fit``에서
  훈련 미니배치에 쓴 시간(검증 제외, 초)입니다.  기록은 모델도 지니므로, 한 모델을 여러 번(다른
  trainer로도) 훈련하면 ``record_run``이 그 모든 fit을 이어 기록합니다.
* 훈련 전에 확인합니다: 모델의 레시피와 데이터의 증강이 같은지(다르면 한 문장), 결과 폴더에
  기록할 수 있는지(없으면 한 줄 알림).
* 손실이 NaN/inf가 되거나 처음보다 1000배 넘게 커지면 어느 스텝인지 알리고 멈춥니다.
  모델 가중치는 손실이 마지막으로 정상이던 그래프 점의 값으로 되돌립니다.
* 셀을 멈추면(KeyboardInterrupt) 조용히 끝내고 모델·기록·그래프를 남깁니다.
* ``seed``를 주면 CPU에서 같은 결과가 다시 나옵니다.
* smoke 프로필에서는 에폭 수를 스스로 줄입니다.
* GPU에서 장치를 기다리지 않습니다: 손실과 지표는 장치 위에 모아 두고, 그래프 점과
  에폭 끝에서만 한 번에 읽습니다(NaN 검사도 그때 합니다).
* ``configure_optimizers``는 PyTorch Lightning처럼 옵티마이저와 함께 학습률 스케줄러를
  돌려줄 수 있습니다(``optimizers_and_schedulers`` 참고).  스케줄러가 있으면 에폭마다의
  학습률을 기록의 ``lr`` 열에 남깁니다.  스텝마다 쓴 학습률은 언제나 ``trainer.learning_rates``에 있습니다.
"""
import math
import numbers
import random
import time

import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau

from .board import ProgressBoard
from .diagnose import (clip_value, explain_step_error, learning_rate, recipe_and_data,
                       whole_number)
from .history import History, Meter, read_together, remember_fit
from .hparams import HyperParameters
from .module import Module
from .notebook import close_bar, notice_once, open_bar
from .optim import check_against_fit, optimizers_and_schedulers
from .profiles import FAST_CPU_ENV, profile, smoke_cap, switch
from .recipe import trained_with
from .runs import place_problem, results_folder
from .torchutil import choose_device, fast_cpu_plan, has_lazy_parameters

# 그래프 점의 평균 손실이 첫 스텝 손실(1보다 작으면 1)의 이 배수를 넘으면 폭주로 봅니다.
DIVERGENCE_FACTOR = 1000


def seed_everything(seed):
    """파이썬·PyTorch(·NumPy) 난수 생성기의 시드를 한 번에 정합니다."""
    seed = whole_number('seed', seed, 0, 'seed=0')
    random.seed(seed)
    torch.manual_seed(seed)
    try:
        import numpy
        numpy.random.seed(seed)
    except ImportError:
        pass


# 이 프로세스에서 기록할 수 있다고 확인한 (프로필, 결과 폴더)
_WRITABLE_PLACES = set()


class Trainer(HyperParameters):
    """``Trainer(max_epochs, num_gpus=0, gradient_clip_val=0)`` — 책과 같은 인자.

    더한 인자: ``seed`` (재현용 시드), ``plot`` (살아 있는 그래프), ``progress``
    (tqdm 진행 막대).  ``gradient_clip_val``이 0이나 None이면 기울기를 자르지 않습니다.
    """

    def __init__(self, max_epochs, num_gpus=0, gradient_clip_val=0, seed=None,
                 plot=True, progress=True):
        max_epochs = whole_number('max_epochs', max_epochs, 1, 'max_epochs=10')
        num_gpus = whole_number('num_gpus', num_gpus, 0, 'num_gpus=1')
        gradient_clip_val = clip_value(gradient_clip_val)
        if seed is not None:
            seed = whole_number('seed', seed, 0, 'seed=0')
        self.save_hyperparameters()
        self.max_epochs = smoke_cap('max_epochs', max_epochs)
        self.device = choose_device(num_gpus)
        self.gpus = [self.device] if self.device.type == 'cuda' else []   # 책의 코드 호환용
        # CPU에서 빨리 계산할 수 있는가(bf16 명령어, 프로필, D2LMINI_FAST_CPU).  무엇을 쓸지는 fit이 잽니다.
        self.fast_plan = fast_cpu_plan(self.device, profile() == 'cpu', switch(FAST_CPU_ENV))
        self.fast = self.fast_plan
        if seed is not None:
            seed_everything(seed)
        self.history = History()
        self.schedulers = []      # fit이 configure_optimizers에서 받은 학습률 스케줄러들
        self.learning_rates = []  # 스텝마다 쓴 학습률(첫 파라미터 그룹)

    # ----- 준비 -----
    def prepare_data(self, data):
        self._data = data
        data.device = self.device  # 미니배치를 훈련 장치에서 바로 만들게 합니다
        self.train_dataloader = data.train_dataloader()
        self.val_dataloader = data.val_dataloader()
        self.num_train_batches = len(self.train_dataloader)
        self.num_val_batches = len(self.val_dataloader) if self.val_dataloader else 0
        if self.num_train_batches == 0:
            raise ValueError('훈련 데이터 로더가 비어 있습니다: 훈련 예제가 있는지, batch_size가 '
                             '1 이상인지 확인하세요.')

    @property
    def train_seconds(self):
        """마지막 fit에서 훈련 미니배치에 쓴 시간(초, 검증 제외).  그 fit의 기록(History)에 있습니다."""
        return self.history.train_seconds

    @train_seconds.setter
    def train_seconds(self, seconds):
        self.history.train_seconds = seconds

    @property
    def estimated_stepping_batches(self):
        """이 fit에서 옵티마이저가 걸을 전체 스텝 수(Lightning과 같은 이름): 에폭 수 × 에폭당 미니배치 수."""
        if not hasattr(self, 'num_train_batches'):
            raise RuntimeError('estimated_stepping_batches는 데이터의 미니배치 수를 알아야 하므로 '
                               'trainer.fit(model, data)이 시작된 뒤에(예: configure_optimizers 안에서) 읽으세요.')
        return self.max_epochs * self.num_train_batches

    def _choose_computation(self, model):
        """cpu 프로필이면 이 모델에 가장 빠른 계산(float32, channels_last, 그리고 bf16을 직접 계산하는
        CPU면 bf16, bf16 + channels_last)을 스텝 몇 개로 재어 고르고 한 줄로 알립니다(모델 클래스와
        계산마다 한 번).
        D2LMINI_FAST_CPU=1이면 재지 않고 둘 다 씁니다."""
        self.fast = self.fast_plan
        if not self.fast.enabled:
            return
        if self.fast_plan.measured and not has_lazy_parameters(model):
            loader = self.val_dataloader if self.num_val_batches else self.train_dataloader
            batch = [a.to(self.device) for a in next(iter(loader))]   # 검증 데이터: 섞는 난수를 쓰지 않음
            model.to(self.device)
            try:
                self.fast = self.fast_plan.tuned(model, batch)
            except Exception:   # 모델이나 데이터의 실수는 첫 훈련 스텝이 학습자의 말로 알립니다
                return
        # 같은 모델 클래스를 같은 계산으로 다시 훈련하면(풀이의 짧은 실행들) 알림은 처음 한 번만
        notice_once(f'computation:{type(model).__name__}:{self.fast.describe()}',
                    self.fast.notice_text())

    def prepare_model(self, model):
        model.trainer = self
        model.to(self.device)
        # 지연 층이 남아 있으면 메모리 배치는 첫 스텝에서 모양이 정해진 뒤에 바꿉니다.
        self._layout_pending = self.fast.channels_last and not self.fast.model(model)
        self.model = model

    def prepare_batch(self, batch):
        return self.fast.batch([a.to(self.device) for a in batch])

    # ----- 훈련 -----
    def fit(self, model, data):
        """모델을 ``max_epochs`` 만큼 훈련하고 에폭별 기록(History)을 돌려줍니다."""
        if not isinstance(model, Module):
            raise TypeError(f'fit의 첫 인자에는 d2l.Module(또는 Classifier)을 주어야 하는데 '
                            f'{type(model).__name__}을 받았습니다: 모델 클래스가 d2l.Classifier를 '
                            '상속하게 하세요.')
        if not hasattr(data, 'train_dataloader'):
            raise TypeError(f'fit의 둘째 인자에는 d2l.DataModule(예: d2l.FashionMNIST)을 주어야 '
                            f'하는데 {type(data).__name__}을 받았습니다: trainer.fit(model, data) '
                            '순서로 넘기세요.')
        if not any(True for _ in model.parameters()):
            raise ValueError(
                f'{type(model).__name__}에 학습할 파라미터가 없습니다: 생성자에서 net = ... 대신 '
                'self.net = ...처럼 self.를 붙여 층을 모델에 등록하세요.')
        if getattr(model, 'lr', None) is not None:
            learning_rate(model.lr)
        recipe_and_data(model, data)
        self.prepare_data(data)
        self._choose_computation(model)
        self.prepare_model(model)
        self.optim, self.schedulers = optimizers_and_schedulers(model.configure_optimizers(),
                                                                type(model).__name__)
        check_against_fit(self.schedulers, self.estimated_stepping_batches, self.max_epochs,
                          type(model).__name__)
        self.learning_rates = []
        self._check_learning_rates()
        self._new_history(model, data)
        self._warn_if_unrecordable()
        self.board = ProgressBoard(xlim=(0, self.max_epochs)) if self.plot else None
        model.board = self.board   # 책의 코드 호환용(라이브러리는 읽지 않음)
        self.epoch = self.train_batch_idx = self.val_batch_idx = 0   # val_batch_idx: 책의 코드 호환용
        self._lazy_at_start = has_lazy_parameters(model)
        self._first_loss = None
        self._last_good = None
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

    def _new_history(self, model, data):
        """이 fit의 기록을 새로 열고 모델의 fit 목록에도 더합니다(모델 하나의 전체 기록을 잇도록)."""
        self.history = History()
        self.history.max_epochs = self.max_epochs
        self.history.trained = trained_with(model, data)   # 기록이 설정이 아니라 훈련한 것을 적도록
        remember_fit(model, self.history)

    def _warn_if_unrecordable(self):
        """결과 폴더에 기록할 수 없으면 훈련 전에 한 줄로 알립니다: 훈련을 마친 뒤에야 알지 않도록.

        쓸 수 있다고 확인한 폴더는 이 프로세스에서 다시 써 보지 않습니다(짧은 fit을 여러 번 하는
        셀에서도 검사는 한 번).  기록 직전에는 record_run이 언제나 다시 확인합니다.
        """
        place = (profile(), results_folder().resolve())
        if place in _WRITABLE_PLACES:
            return
        problem = place_problem(place[0])
        if problem:   # 한 셀에서 여러 번 훈련해도 같은 알림은 한 번만
            notice_once(f'place:{problem}', f'{problem} (훈련은 그대로 하지만, 고치기 전에는 '
                        'record_run이 기록하지 못합니다.)')
        else:
            _WRITABLE_PLACES.add(place)

    def _check_learning_rates(self):
        for group in self.optim.param_groups:
            learning_rate(group.get('lr'))

    def fit_epoch(self):
        """한 에폭을 훈련·검증하고 기록을 한 줄 더합니다.  NaN/폭주로 멈추면 False."""
        start = time.perf_counter()
        self._epoch_lr = self.optim.param_groups[0]['lr']   # 이 에폭을 시작할 때의 학습률
        self._bar.set_description(f'에폭 {self.epoch + 1}/{self.max_epochs}')
        self._epoch_meters = {True: {}, False: {}}
        self._segment = {}
        self._steps = []          # (장치 위 손실, 전체 스텝 번호, 에폭 안 배치 번호)
        plot_at = self._plot_points()
        self.model.train()
        try:
            if not self._train_batches(plot_at):
                return False
        finally:
            self.train_seconds += time.perf_counter() - start
        self._validate()
        self._append_history(time.perf_counter() - start)
        self._step_schedulers('epoch')
        return True

    def _train_batches(self, plot_at):
        """한 에폭의 훈련 미니배치를 돕니다.  손실이 NaN이거나 폭주해 멈추면 False."""
        for i, batch in enumerate(self.train_dataloader):
            self._train_step(self.prepare_batch(batch), i)
            self.history.train_examples += len(batch[-1])
            self.train_batch_idx += 1
            self._bar.update(1)
            if i + 1 in plot_at and not self._read_point(self.epoch + (i + 1) / self.num_train_batches):
                return False
        return not self._steps or self._read_point(self.epoch + 1)

    def _train_step(self, batch, i):
        try:
            with self.fast.autocast():    # 순전파와 손실만: 역전파는 같은 정밀도를 스스로 따릅니다
                loss = self.model.training_step(batch)
        except KeyboardInterrupt:
            raise
        except Exception as err:
            problem = explain_step_error(self.model, self._data, batch, self.epoch, i,
                                         self.train_batch_idx == 0, err)
            if problem is None:
                raise
            raise problem from err
        if not torch.is_tensor(loss) or loss.numel() != 1:
            raise TypeError(f'{type(self.model).__name__}.training_step은 손실을 원소 하나짜리 '
                            f'텐서로 돌려주어야 하는데 {type(loss).__name__}을 돌려주었습니다: '
                            'return loss를 빠뜨리지 않았는지 확인하세요.')
        loss_value = loss.detach()
        if self._first_loss is None:
            self._first_loss = loss_value
            if self._lazy_at_start and torch.is_tensor(batch[0]):
                self.model._d2lmini_input_shape = tuple(batch[0].shape[1:])
        self._steps.append((loss_value, self.train_batch_idx, i))
        self.optim.zero_grad(set_to_none=True)
        loss.backward()
        if self.gradient_clip_val > 0:
            self.clip_gradients(self.gradient_clip_val, self.model)
        self.learning_rates.append(self.optim.param_groups[0]['lr'])
        self.optim.step()
        if self._layout_pending:
            self._layout_pending = not self.fast.model(self.model)
        if self.schedulers:
            self._step_schedulers('step')

    def _step_schedulers(self, interval):
        """``interval`` ('step' 또는 'epoch')마다 움직이기로 한 스케줄러를 한 걸음 옮깁니다."""
        for scheduled in self.schedulers:
            if scheduled.interval != interval:
                continue
            scheduled.calls += 1
            if scheduled.calls % scheduled.frequency:
                continue
            if isinstance(scheduled.scheduler, ReduceLROnPlateau):
                scheduled.scheduler.step(self._monitored(scheduled.monitor))
            else:
                scheduled.scheduler.step()

    def _monitored(self, key):
        """ReduceLROnPlateau가 볼 지표: 방금 끝난 에폭의 기록에서 읽습니다."""
        row = self.history[-1] if len(self.history) else {}
        if key not in row:
            raise ValueError(
                f'configure_optimizers의 ReduceLROnPlateau가 볼 지표({key!r})가 기록에 없습니다: '
                f"'monitor'에 {[k for k in row if k not in ('epoch', 'seconds', 'lr')]} 중 "
                '하나를 주세요(끝난 에폭의 기록은 trainer.history에, 가중치는 모델에 남아 있습니다).')
        return row[key]

    def clip_gradients(self, grad_clip_val, model):
        """모든 파라미터의 기울기를 하나의 벡터로 보고 그 노름을 ``grad_clip_val``로 자릅니다."""
        torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip_val)

    def _validate(self):
        if not self.num_val_batches:
            return
        self.model.eval()
        with torch.no_grad(), self.fast.autocast():
            for batch in self.val_dataloader:
                self.model.validation_step(self.prepare_batch(batch))
                self.val_batch_idx += 1
        meters = self._epoch_meters[False]
        read_together(list(meters.values()))
        for key, meter in meters.items():
            self._draw(self.epoch + 1, meter.mean, 'val_' + key)

    # ----- 기록과 그래프 -----
    def record(self, key, value, train, n=1):
        """모델의 ``plot``이 부르는 곳: 지표를 예제 수 ``n``으로 가중해 모읍니다.

        텐서 값은 장치 위에 그대로 모아 두고 그래프 점이나 에폭 끝에서 한꺼번에 읽습니다.
        """
        meters = self._segment if train else self._epoch_meters[False]
        meters.setdefault(key, Meter()).add(value, int(n))

    def _plot_points(self):
        """훈련 곡선의 점을 찍을 배치 번호들 (한 에폭에 고르게).

        책은 한 에폭의 배치 수가 점 수보다 적으면 아무것도 그리지 않습니다.  여기서는
        점 수를 배치 수로 줄여, 각 점이 빠짐없이 자기 몫의 배치를 평균하게 합니다.
        """
        points = max(1, min(self.model.plot_train_per_epoch, self.num_train_batches))
        return {round((k + 1) * self.num_train_batches / points) for k in range(points)}

    def _read_point(self, x):
        """그래프 점: 모아 둔 값을 한 번에 읽고, 손실을 검사하고, 점을 그립니다.

        손실이 NaN/inf이거나 폭주했으면 멈추고 False를 돌려줍니다.
        """
        steps, self._steps = self._steps, []
        losses = torch.stack([loss.reshape(()).float() for loss, _, _ in steps])
        finite = torch.isfinite(losses)
        head = torch.stack([finite.all().float(), losses.mean(),
                            self._first_loss.reshape(()).float().to(losses.device)])
        meters = list(self._segment.values())
        values = read_together(meters, extra=head)   # 이 점에서 호스트가 읽는 유일한 곳
        all_finite, mean_loss, first_loss = values
        if not all_finite:
            bad = int(finite.logical_not().nonzero()[0, 0])
            _, step, batch = steps[bad]
            kind = 'NaN' if math.isnan(float(losses[bad])) else 'inf'
            self._stop('nan', f'손실이 훈련 스텝 {step + 1}(에폭 {self.epoch + 1}, 배치 {batch + 1})에서 '
                       f'{kind}{"이" if kind == "NaN" else "가"} 되어, 검사하는 그래프 점까지 '
                       '훈련한 뒤 멈췄습니다')
            return False
        if mean_loss > DIVERGENCE_FACTOR * max(abs(first_loss), 1.0):
            _, step, batch = steps[-1]
            self._stop('diverged', f'손실이 첫 스텝({first_loss:.3g})의 {DIVERGENCE_FACTOR}배를 넘는 '
                       f'{mean_loss:.3g}까지 커져서 훈련 스텝 {step + 1}(에폭 {self.epoch + 1}, '
                       f'배치 {batch + 1})에서 멈췄습니다')
            return False
        self._keep_good_weights()
        epoch_train = self._epoch_meters[True]
        for key, meter in self._segment.items():
            total = epoch_train.setdefault(key, Meter())
            total.total += meter.total
            total.count += meter.count
            self._draw(x, meter.mean, 'train_' + key)
        loss = self._segment.get('loss')
        if loss is not None:
            self._bar.set_postfix(loss=f'{loss.mean:.3f}', refresh=False)
        self._segment = {}
        return True

    def _keep_good_weights(self):
        """손실이 정상인 지금의 가중치를 (장치 위에) 복사해 둡니다.  멈출 때 되돌립니다."""
        state = self.model.state_dict(keep_vars=True)
        if self._last_good is None:
            self._last_good = {k: v.detach().clone() for k, v in state.items()}
        else:
            for k, v in state.items():
                self._last_good[k].copy_(v.detach())

    def _restore_good_weights(self):
        if self._last_good is None:
            return False
        with torch.no_grad():
            for k, v in self.model.state_dict(keep_vars=True).items():
                v.copy_(self._last_good[k])
        return True

    def _draw(self, x, y, label):
        if self.board is not None:
            self.board.draw(x, y, label)

    def _append_history(self, seconds):
        row = {'epoch': self.epoch + 1}
        for train, prefix in ((True, 'train_'), (False, 'val_')):
            for key, meter in self._epoch_meters[train].items():
                row[prefix + key] = meter.mean
        if self.schedulers:   # 학습률이 바뀌는 훈련에서만: 책의 훈련(SGD 하나)은 기록이 그대로
            row['lr'] = self._epoch_lr
        row['seconds'] = seconds
        self.history.append(row)

    def _stop(self, reason, what):
        self.history.stop_reason = reason
        lr = getattr(self.model, 'lr', None)
        if not isinstance(lr, numbers.Real):
            lr = float(self.optim.param_groups[0]['lr'])
        if lr > 0:
            advice = (f'학습률이 너무 클 수 있으니 lr={lr:g} 대신 lr={lr / 10:g}처럼 낮춰 모델을 '
                      '새로 만들고 다시 훈련하세요')
        else:
            advice = '학습률과 상관없는 문제이니 입력 데이터와 손실 계산에 NaN이나 0으로 나누기가 없는지 확인하세요'
        restored = self._restore_good_weights()
        kept = ('모델 가중치는 손실이 마지막으로 정상이던 그래프 점의 값으로 되돌렸고, '
                if restored else '')
        print(f'\n{what}: {advice}. ({kept}끝난 에폭의 기록 {len(self.history)}개는 남아 있습니다. '
              '손실은 그래프 점마다 한 번씩 검사하므로 문제가 생긴 뒤 최대 한 그래프 간격까지 '
              '더 훈련될 수 있습니다.)')
