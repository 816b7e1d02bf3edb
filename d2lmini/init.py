"""가중치 초기화: 지연 초기화(lazy initialization) 층에도 확실히 적용되는 ``init_cnn``.

책은 생성자 안에서 ``self.net.apply(d2l.init_cnn)``을 부릅니다.  그런데 그때
``nn.LazyConv2d`` / ``nn.LazyLinear``는 아직 가중치 모양을 모르는 상태라서, 책의
``init_cnn``은 아무 일도 하지 않고 지나갑니다.  d2lmini의 ``init_cnn``은 그런 층을
만나면 "첫 순전파에서 모양이 정해지는 순간" 초기화하도록 예약해 둡니다.

``init_he``는 책에는 없는 덧붙임입니다.  배치 정규화 없이 ReLU 층을 깊게 쌓은 망
(NiN, GoogLeNet)은 Xavier 초기화에서 신호가 층마다 줄어 훈련 초반이 매우 느립니다.
He 초기화는 ReLU를 지나도 분산이 유지되도록 가중치의 크기를 고릅니다.
"""
import sys

from torch import nn
from torch.nn.modules.lazy import LazyModuleMixin


def init_cnn(module):
    """합성곱 층과 완전 연결 층의 가중치를 Xavier 균등 분포로 초기화합니다.

    ``model.net.apply(init_cnn)``처럼 ``apply``와 함께 씁니다.  아직 지연 초기화
    상태인 층은 첫 순전파 직후(가중치가 만들어진 직후) 초기화됩니다.
    """
    _initialize_or_defer(module, _xavier)


def init_he(module):
    """He 초기화: 가중치 분산 2 / n_in (n_in = 입력 채널 × 커널 크기), 편향은 0.

    ReLU가 신호의 절반을 0으로 만드는 것을 분산 2배로 메워, 층을 지나도 출력의
    분산이 그대로 유지됩니다.  ``init_cnn``과 똑같이 ``apply``와 함께 쓰고, 지연 층에도
    적용됩니다.
    """
    _initialize_or_defer(module, _he)


def _xavier(layer):
    nn.init.xavier_uniform_(layer.weight)


def _he(layer):
    nn.init.kaiming_uniform_(layer.weight, nonlinearity='relu')
    if layer.bias is not None:
        nn.init.zeros_(layer.bias)  # 편향이 작은 신호를 덮지 않도록


def _initialize_or_defer(module, initialize):
    if not isinstance(module, (nn.Linear, nn.Conv2d)):
        _check_called_through_apply(module, initialize)
        return
    if isinstance(module, LazyModuleMixin) and module.has_uninitialized_params():
        _after_materialization(module, initialize)
    else:
        initialize(module)


def _check_called_through_apply(module, initialize):
    """층을 품은 모듈(모델, Sequential)을 ``apply`` 없이 직접 넘겨도 그 안의 층을 초기화합니다.

    ``model.apply(init_cnn)``은 모든 하위 모듈과 모델 자신에 이 함수를 부르므로 컨테이너도
    여기에 옵니다.  그때는 바로 위 호출자가 ``nn.Module.apply``이고 할 일이 없습니다.
    ``d2l.init_cnn(model)``처럼 직접 부른 경우에만 ``model.apply``와 같게 처리합니다
    (책의 ``init_cnn``은 이때 조용히 아무것도 하지 않습니다).
    """
    if not isinstance(module, nn.Module) or next(module.children(), None) is None:
        return
    caller = sys._getframe(3).f_code   # _check… ← _initialize_or_defer ← init_* ← 호출자
    if caller is not nn.Module.apply.__code__:
        for layer in module.modules():
            if isinstance(layer, (nn.Linear, nn.Conv2d)):
                _initialize_or_defer(layer, initialize)


def _after_materialization(module, initialize):
    """지연 층이 가중치를 만든 바로 다음에 ``initialize``를 한 번 실행하도록 예약합니다.

    이미 예약된 초기화가 있으면 새것으로 바꿉니다(나중에 부른 초기화가 이깁니다).
    """
    pending = getattr(module, '_d2lmini_pending_init', None)
    if pending is not None:
        pending.remove()

    # 지연 층은 자신의 forward pre-hook에서 가중치를 만듭니다.  이 hook은 그보다
    # 나중에 등록되므로, 가중치가 만들어진 뒤·실제 계산 전에 실행됩니다.
    def run_once(layer, args):
        initialize(layer)
        layer._d2lmini_pending_init.remove()
        layer._d2lmini_pending_init = None

    module._d2lmini_pending_init = module.register_forward_pre_hook(run_once)


_BY_NAME = {'xavier': init_cnn, 'he': init_he, 'default': None}


def initializer(name):
    """설정의 이름으로 초기화 함수를: ``'xavier'`` → ``init_cnn``, ``'he'`` → ``init_he``,
    ``'default'`` → ``None`` (PyTorch의 기본 초기화를 그대로 둠).

    ``model.apply_init([X], d2l.initializer(cfg.init))``처럼 씁니다.  책의 생성자 안
    ``self.net.apply(d2l.init_cnn)``은 지연 층에서 아무 일도 하지 않으므로, 책이 훈련 전에
    ``apply_init``을 부르지 않는 모델의 ``book`` 설정은 ``'default'``입니다.
    """
    try:
        return _BY_NAME[name]
    except (KeyError, TypeError):
        raise ValueError(f"초기화 이름 {name!r} 는 없습니다: 'xavier', 'he', 'default' 중 하나를 "
                         "쓰세요.") from None
