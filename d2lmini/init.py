"""가중치 초기화: 지연 초기화(lazy initialization) 층에도 확실히 적용되는 ``init_cnn``.

책은 생성자 안에서 ``self.net.apply(d2l.init_cnn)`` 을 부릅니다.  그런데 그때
``nn.LazyConv2d`` / ``nn.LazyLinear`` 는 아직 가중치 모양을 모르는 상태라서, 책의
``init_cnn`` 은 아무 일도 하지 않고 지나갑니다.  d2lmini의 ``init_cnn`` 은 그런 층을
만나면 "첫 순전파에서 모양이 정해지는 순간" 초기화하도록 예약해 둡니다.
"""
from torch import nn
from torch.nn.modules.lazy import LazyModuleMixin


def init_cnn(module):
    """합성곱 층과 완전 연결 층의 가중치를 Xavier 균등 분포로 초기화합니다.

    ``model.net.apply(init_cnn)`` 처럼 ``apply`` 와 함께 씁니다.  아직 지연 초기화
    상태인 층은 첫 순전파 직후(가중치가 만들어진 직후) 초기화됩니다.
    """
    if not isinstance(module, (nn.Linear, nn.Conv2d)):
        return
    if isinstance(module, LazyModuleMixin) and module.has_uninitialized_params():
        _xavier_after_materialization(module)
    else:
        nn.init.xavier_uniform_(module.weight)


def _xavier_after_materialization(module):
    """지연 층이 가중치를 만든 바로 다음에 Xavier 초기화를 한 번 실행하도록 예약합니다."""
    if getattr(module, '_d2lmini_pending_init', None) is not None:
        return  # 이미 예약됨

    # 지연 층은 자신의 forward pre-hook 에서 가중치를 만듭니다.  이 hook 은 그보다
    # 나중에 등록되므로, 가중치가 만들어진 뒤·실제 계산 전에 실행됩니다.
    def initialize(layer, args):
        nn.init.xavier_uniform_(layer.weight)
        layer._d2lmini_pending_init.remove()
        layer._d2lmini_pending_init = None

    module._d2lmini_pending_init = module.register_forward_pre_hook(initialize)
