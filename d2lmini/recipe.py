"""훈련 레시피: 모델은 그대로 두고 '어떻게 훈련할지'만 한곳에 모읍니다.

책은 모든 모델을 같은 방법으로 훈련합니다: 확률적 경사 하강법(SGD), 고정 학습률,
가중치 감쇠나 데이터 증강 없음.  이 방법을 ``BOOK_RECIPE``로, 2코어 CPU의 짧은 예산에 맞춘
현대적인 방법을 ``CPU_RECIPE``로 둡니다.  레시피는 재료 네 가지로 이루어집니다(``CPU_RECIPE``는
데이터 증강을 뺀 세 가지를 씁니다).

* **옵티마이저와 학습률 스케줄**: ``'sgd'``(모멘텀 선택) 또는 ``'adamw'``, 그리고
  ``'constant'``(고정) 또는 ``'one-cycle'``(원사이클, Smith 2018).  원사이클은 학습률과 모멘텀을
  함께 바꿉니다.  학습률은 처음 ``warmup`` 비율 동안 올렸다가 코사인으로 내리고, 그동안 AdamW의
  β1은 0.95→0.85→0.95로 거꾸로 내렸다 올립니다.  모멘텀이 있는 SGD는 준 ``momentum``에서 0.1만큼
  내렸다 되돌리고, 모멘텀이 0인 SGD(책의 SGD)에는 모멘텀을 더하지 않습니다.
* **가중치 감쇠(weight decay)**: 합성곱·완전 연결 층의 가중치에만 겁니다(T. He 등 2019).
* **레이블 스무딩(label smoothing)**: 훈련 손실에서만 씁니다.  검증 손실은 보통의 교차 엔트로피.
* **데이터 증강**: 훈련 미니배치에서 이미지마다 가장자리를 채워 무작위로 자르고, 반은 좌우로
  뒤집습니다(``d2lmini.data.augment_batch``).

레시피는 ``recipe.apply(model, data)``로 붙입니다.  모델의 ``configure_optimizers``와 ``loss``,
데이터의 훈련 미니배치가 이 레시피를 따릅니다.  학습률의 크기는 모델의 ``lr``(원사이클이면
최고 학습률), 에폭 수는 ``Trainer``의 ``max_epochs``가 정합니다.  재료 하나만 바꾼 레시피는
``recipe.replace(label_smoothing=0)``처럼 만듭니다.
"""
import dataclasses
from dataclasses import dataclass

import torch
from torch import nn

from .diagnose import (flag, is_integer, is_real, number_between, one_of, out_of_range,
                       recipe_and_data, table_text, wrong_kind)
from .module import Module
from .notebook import notice
from .torchutil import has_lazy_parameters

OPTIMIZERS = ('sgd', 'adamw')
SCHEDULES = ('constant', 'one-cycle')
# 가중치 감쇠를 거는 곳: 합성곱과 완전 연결 층의 가중치(weight)만.
_WEIGHT_LAYERS = (nn.modules.conv._ConvNd, nn.Linear)


@dataclass(frozen=True, kw_only=True)
class Recipe:
    """모델을 훈련하는 방법 하나.  기본값은 책의 방법(SGD, 고정 학습률, 다른 재료 없음)입니다.

    바꿀 수 없는 값이고, 재료는 ``Recipe(name='mine', optimizer='adamw')``처럼 이름으로만 줍니다:
    ``Recipe('adamw')``가 옵티마이저가 아니라 이름을 바꾸는 일이 없게 합니다.
    """
    name: str = 'book'
    optimizer: str = 'sgd'
    momentum: float = 0.0          # optimizer='sgd'일 때만
    schedule: str = 'constant'
    warmup: float = 0.25           # schedule='one-cycle'에서 학습률을 올리는 구간의 비율
    weight_decay: float = 0.0
    label_smoothing: float = 0.0
    augment: bool = False

    def __post_init__(self):
        if not isinstance(self.name, str):
            raise wrong_kind('Recipe의 이름은 글자여야 합니다', 'name', self.name, "name='mine'")
        if not self.name.strip():
            raise out_of_range('Recipe의 이름이 비어 있습니다', 'name', self.name, "name='mine'")
        table_text('name', self.name, where='Recipe의 ')   # 이름은 기록과 README 표에 나옵니다
        one_of('optimizer', self.optimizer, OPTIMIZERS, owner='Recipe')
        one_of('schedule', self.schedule, SCHEDULES, owner='Recipe')
        for field in ('momentum', 'warmup', 'label_smoothing'):
            number_between(field, getattr(self, field), 0, 1, f'{field}=0.1', owner='Recipe')
        number_between('weight_decay', self.weight_decay, 0, None, 'weight_decay=0.05',
                       owner='Recipe')
        flag('augment', self.augment, '훈련 이미지를 무작위로 자르고 뒤집음', owner='Recipe')
        if self.optimizer == 'adamw' and self.momentum:
            raise ValueError(f'Recipe의 momentum={self.momentum!r}은 SGD에서만 씁니다(AdamW는 모멘텀을 '
                             "스스로 정함): optimizer='adamw'와 함께라면 momentum을 빼세요.")

    def replace(self, **changes):
        """재료 몇 개만 바꾼 새 레시피.  예: ``CPU_RECIPE.replace(augment=False)``."""
        names = [field.name for field in dataclasses.fields(self)]
        unknown = [key for key in changes if key not in names]
        if unknown:
            raise TypeError(f'Recipe에는 {unknown} 재료가 없습니다: {names} 중에서 고르세요.')
        return dataclasses.replace(self, **changes)

    def as_dict(self):
        return dataclasses.asdict(self)

    def ingredients(self):
        """이름을 뺀 재료들: 이름만 다른 두 레시피는 같은 방법으로 훈련합니다."""
        return {key: value for key, value in self.as_dict().items() if key != 'name'}

    def __str__(self):
        """예: ``cpu(AdamW, 원사이클(학습률·β1), 가중치 감쇠 0.05, 레이블 스무딩 0.1, 증강)``.

        원사이클은 학습률과 함께 AdamW의 β1이나 SGD의 모멘텀도 바꾸므로 무엇이 움직이는지 적습니다.
        """
        parts = ['AdamW' if self.optimizer == 'adamw' else
                 (f'SGD 모멘텀 {self.momentum:g}' if self.momentum else 'SGD'),
                 f'원사이클({self._cycled()})' if self.schedule == 'one-cycle' else '고정 학습률']
        if self.weight_decay:
            parts.append(f'가중치 감쇠 {self.weight_decay:g}')
        if self.label_smoothing:
            parts.append(f'레이블 스무딩 {self.label_smoothing:g}')
        if self.augment:
            parts.append('증강')
        return f"{self.name}({', '.join(parts)})"

    def _cycled(self):
        """원사이클이 움직이는 것: 학습률과 AdamW의 β1 또는 SGD의 모멘텀(모멘텀이 0이면 학습률만)."""
        if self.optimizer == 'adamw':
            return '학습률·β1'
        return '학습률·모멘텀' if self.momentum else '학습률'

    def apply(self, model, data=None):
        """``model``(과 ``data``)이 이 레시피로 훈련되게 합니다.  모델과 데이터를 돌려줍니다."""
        if not hasattr(model, 'configure_optimizers'):
            raise TypeError('recipe.apply의 첫 인자에는 d2l.Classifier 모델을 주세요: '
                            'recipe.apply(model, data) 순서입니다.')
        model.recipe = self
        if not _uses_recipe_optimizer(model):
            notice(f'{type(model).__name__}은 configure_optimizers를 직접 정의했으므로 옵티마이저와 '
                   '학습률 스케줄은 그 정의를 따르고, 레시피에서는 레이블 스무딩과 데이터 증강만 씁니다. '
                   '레시피의 옵티마이저를 쓰려면 그 정의를 지우세요.')
        if data is not None:
            if not hasattr(data, 'train_dataloader'):
                raise TypeError('recipe.apply의 둘째 인자에는 d2l.FashionMNIST 같은 데이터 '
                                f'모듈을 주세요(받은 것: {type(data).__name__}).')
            if hasattr(data, 'augment'):
                data.augment = self.augment
            recipe_and_data(model, data)   # 증강하지 못하는 데이터에 증강 레시피를 붙이면 여기서 알립니다
        return model, data

    # ----- 모델이 부르는 부분 -----
    def configure_optimizers(self, model, total_steps=None):
        """Lightning의 형식으로 옵티마이저(와 스케줄러)를 돌려줍니다.

        ``total_steps``는 이 훈련에서 옵티마이저가 걸을 전체 스텝 수입니다(원사이클에 필요).
        모델의 ``configure_optimizers``가 Trainer에게 물어 넘깁니다.
        """
        groups = parameter_groups(model, self.weight_decay)
        fused = fused_on_cpu(model)
        if self.optimizer == 'sgd':
            optimizer = torch.optim.SGD(groups, lr=model.lr, momentum=self.momentum, **fused)
        else:
            optimizer = torch.optim.AdamW(groups, lr=model.lr, **fused)
        if self.schedule == 'constant':
            return optimizer
        if total_steps is None:
            raise RuntimeError("schedule='one-cycle'(원사이클)은 전체 스텝 수가 필요합니다: "
                               'trainer.fit(model, data)으로 훈련하세요.')
        steps = total_steps
        if steps < 4:      # 올렸다 내릴 만큼의 스텝이 없으면 고정 학습률로
            return optimizer
        # OneCycleLR은 올리는 구간과 내리는 구간이 저마다 두 스텝 이상이어야 합니다(아주 짧은
        # smoke 실행에서만 warmup이 이 범위로 옮겨집니다).
        warmup = min(max(self.warmup, 2 / steps), 1 - 2 / steps)
        scheduler = torch.optim.lr_scheduler.OneCycleLR(
            optimizer, max_lr=model.lr, total_steps=steps, pct_start=warmup,
            anneal_strategy='cos', **self._momentum_cycle())
        return {'optimizer': optimizer,
                'lr_scheduler': {'scheduler': scheduler, 'interval': 'step'}}

    def _momentum_cycle(self):
        """원사이클이 모멘텀을 어떻게 바꿀지: 학습률이 가장 클 때 모멘텀이 0.1만큼 가장 작습니다(Smith 2018).

        AdamW의 β1은 torch의 기본값대로 0.95→0.85→0.95, 모멘텀이 있는 SGD는 준 momentum에서
        시작합니다.  모멘텀이 0인 SGD(책의 SGD)에는 모멘텀을 더하지 않습니다.
        """
        if self.optimizer == 'adamw':
            return {}
        if not self.momentum:
            return {'cycle_momentum': False}
        return {'max_momentum': self.momentum, 'base_momentum': max(self.momentum - 0.1, 0.0)}


def recipe_in_use(model, data):
    """``model``을 ``data``로 훈련할 때 실제로 쓰는 레시피.  모델이 옵티마이저를 직접 정했으면 None.

    레시피를 붙이지 않은 d2l 모델은 책의 방법(SGD, 고정 학습률)으로 훈련하므로 ``BOOK_RECIPE``이고,
    데이터 증강은 레시피가 아니라 데이터가 하므로 데이터의 ``augment``를 따릅니다.
    """
    if not _uses_recipe_optimizer(model):
        return None
    recipe = model.recipe or BOOK_RECIPE
    augment = getattr(data, 'augment', False) is True
    return recipe if recipe.augment == augment else recipe.replace(augment=augment)


def trained_with(model, data):
    """fit 한 번이 실제로 쓰는 설정: 레시피, 학습률(모델의 ``lr``), 배치 크기(데이터의 ``batch_size``).

    알 수 없는 값은 None입니다(옵티마이저를 직접 정한 모델의 레시피와 학습률 등).  record_run이 이
    값으로 기록의 설정을 맞춥니다: 기록은 설정에 적은 것이 아니라 훈련한 것을 적습니다.
    """
    recipe = recipe_in_use(model, data)
    lr = getattr(model, 'lr', None)
    batch_size = getattr(data, 'batch_size', None)
    return {'recipe': recipe,
            'lr': lr if recipe is not None and is_real(lr) else None,
            'batch_size': batch_size if is_integer(batch_size) else None}


def _uses_recipe_optimizer(model):
    """모델의 configure_optimizers가 d2l.Module의 것(레시피를 따르는 것)이면 True."""
    method = getattr(type(model), 'configure_optimizers', None)
    return method is Module.configure_optimizers


def fused_on_cpu(model):
    """모든 파라미터가 CPU에 있고 모양이 정해졌으면 ``{'fused': True}``: 옵티마이저 스텝을 파라미터마다
    작은 연산 여러 개 대신 커널 하나로 계산합니다(같은 식, 반올림만 다름).

    작은 모델에서는 파라미터마다의 작은 연산이 스텝 시간의 10% 안팎이라, 스텝이 그만큼까지 빨라집니다
    (GPU에서는 torch가 이미 묶어서 계산함).  지연 층이 남아 있으면 쓰지 않습니다: Trainer가 첫 스텝
    뒤에 channels_last로 바꾸면 fused 커널은 배치가 다른 옵티마이저 상태를 그대로 읽어 틀린 값을 씁니다.
    """
    if has_lazy_parameters(model):
        return {}
    on_cpu = all(p.device.type == 'cpu' and p.is_floating_point() for p in model.parameters())
    return {'fused': True} if on_cpu else {}


def parameter_groups(model, weight_decay):
    """가중치 감쇠를 걸 파라미터(합성곱·완전 연결 층의 가중치)와 걸지 않을 파라미터(그 밖의 모두)로 나눕니다.

    편향, 배치 정규화의 γ·β(PyTorch 층이든 직접 만든 층이든)는 값의 위치와 크기를 정하는 것이라
    0으로 당기지 않습니다(T. He 등 2019, "no bias decay").
    """
    decay, no_decay = [], []
    for module in model.modules():
        for name, param in module.named_parameters(recurse=False):
            if not param.requires_grad:
                continue
            weight = name == 'weight' and isinstance(module, _WEIGHT_LAYERS)
            (decay if weight else no_decay).append(param)
    groups = [{'params': decay, 'weight_decay': weight_decay}]
    if no_decay:
        groups.append({'params': no_decay, 'weight_decay': 0.0})
    return groups


# 책의 방법: SGD, 고정 학습률, 다른 재료 없음.
BOOK_RECIPE = Recipe()

# 2코어 CPU에서 모든 모델에 같은 예산(8에폭)으로 쓰는 방법.  학습률은 AdamW의 최고 학습률이고,
# 원사이클이 학습률과 함께 AdamW의 β1도 0.95→0.85→0.95로 바꿉니다.
# 데이터 증강은 뺐습니다: 이 예산에서는 07의 ResNet이 증강 없이 더 정확했습니다(10 노트북의
# 「훈련 레시피」 절, benchmarks/recipe_ablation.py).  더 길게 훈련할 때는 replace(augment=True).
CPU_RECIPE = Recipe(name='cpu', optimizer='adamw', schedule='one-cycle', warmup=0.25,
                    weight_decay=0.05, label_smoothing=0.1, augment=False)
