"""모델의 기본 클래스: 모델이 자신의 손실·훈련 스텝·검증 스텝·옵티마이저를 정합니다.

PyTorch Lightning과 책의 관례를 따릅니다.  **모델은 스텝을, Trainer는 반복문을** 맡습니다.
"""
import torch
from torch import nn
from torch.nn import functional as F

from .diagnose import check_input, explain_forward_error, input_shape, net_of
from .hparams import HyperParameters
from .torchutil import copy_module, device_of, evaluation, has_lazy_parameters


class Module(nn.Module, HyperParameters):
    """책의 ``d2l.Module``.  하위 클래스는 ``self.net``을 만들고 ``loss``를 정합니다.

    ``plot_train_per_epoch`` : 한 에폭에 훈련 손실을 몇 점 그릴지
    ``plot_valid_per_epoch`` : 책의 코드 호환용으로 받기만 합니다.  검증 지표는 언제나 에폭마다
    한 점(검증 데이터 전체의 평균)입니다.
    """

    recipe = None   # 훈련 레시피(d2l.Recipe). recipe.apply(model, data)로 붙입니다.

    def __init__(self, plot_train_per_epoch=2, plot_valid_per_epoch=1):
        super().__init__()
        self.save_hyperparameters()
        self.trainer = None

    def loss(self, y_hat, y):
        raise NotImplementedError(
            f'{type(self).__name__}에 손실 함수(loss)가 없습니다: d2l.Module 대신 d2l.Classifier를 '
            '상속하거나 loss(self, y_hat, y) 메서드를 정의하세요.')

    def forward(self, X):
        if not hasattr(self, 'net'):
            raise AttributeError(
                f'{type(self).__name__} 에 self.net이 없습니다. 생성자에서 self.net을 '
                '만들거나 forward를 직접 정의하세요.')
        return self.net(X)

    def plot(self, key, value, train, n=1):
        """지표 하나를 Trainer에 알립니다.  ``n``은 이 값이 대표하는 예제 수입니다.

        Trainer는 예제 수로 가중 평균을 내므로, 마지막 미니배치가 작아도 평균이
        치우치지 않습니다.  Trainer 없이 부르면 아무 일도 하지 않습니다.
        """
        if self.trainer is not None:
            self.trainer.record(key, value, train=train, n=n)

    def training_step(self, batch):
        loss = self.loss(self(*batch[:-1]), batch[-1])
        self.plot('loss', loss, train=True, n=len(batch[-1]))
        return loss

    def validation_step(self, batch):
        loss = self.loss(self(*batch[:-1]), batch[-1])
        self.plot('loss', loss, train=False, n=len(batch[-1]))

    def configure_optimizers(self):
        if not hasattr(self, 'lr'):
            raise AttributeError(
                f'{type(self).__name__}에 학습률 lr이 없습니다: 생성자에서 lr을 인자로 받고 '
                'super().__init__() 다음에 self.save_hyperparameters()를 부르세요.')
        if self.recipe is not None:
            # Lightning처럼 전체 스텝 수는 Trainer에게 묻고, 레시피에는 그 수만 넘깁니다.
            steps = self.trainer.estimated_stepping_batches if self.trainer is not None else None
            return self.recipe.configure_optimizers(self, steps)
        return torch.optim.SGD(self.parameters(), lr=self.lr)

    def apply_init(self, inputs, init=None):
        """지연 층의 모양을 정하는 순전파를 한 번 한 뒤 ``init``을 적용합니다.

        평가 모드·기울기 없이 순전파하므로 배치 정규화의 이동 평균 같은 버퍼는
        바뀌지 않습니다.  ``inputs``는 ``forward``에 넘길 인자의 리스트입니다
        (``apply_init([X])``).  첫 층에 맞지 않는 입력이면 모델을 바꾸기 전에 알려 줍니다.
        """
        if torch.is_tensor(inputs):
            raise TypeError('apply_init은 forward에 넘길 입력의 리스트를 받습니다: '
                            'apply_init(X) 대신 apply_init([X])처럼 대괄호로 감싸세요.')
        if not isinstance(inputs, (list, tuple)) or not inputs:
            raise TypeError('apply_init에는 입력이 하나 이상 든 리스트를 주어야 합니다: '
                            f'apply_init({inputs!r}) 대신 apply_init([X])처럼 쓰세요.')
        if torch.is_tensor(inputs[0]):
            check_input(self, tuple(inputs[0].shape), 'apply_init')
        lazy = has_lazy_parameters(self)
        try:
            with evaluation(self):
                self.forward(*inputs)
        except Exception as err:
            problem = explain_forward_error(self, inputs[0], err)
            if problem is None:
                raise
            raise RuntimeError(problem) from err
        if lazy and torch.is_tensor(inputs[0]):
            self._d2lmini_input_shape = tuple(inputs[0].shape[1:])
        if init is not None:
            net_of(self, 'apply_init').apply(init)

    def layer_summary(self, X_shape):
        """``self.net``의 자식 층마다 출력 모양을 책과 같은 형식으로 출력합니다.

        모델의 복사본으로 계산하므로 모델은 전혀 바뀌지 않습니다: 지연 층의 모양도 정해지지
        않고, 배치 정규화 통계·훈련/평가 모드·파라미터 값·난수 상태도 그대로입니다.
        평가 모드로 계산하므로 배치 크기 1도 됩니다.  훈련 전에 모양을 정하려면
        ``apply_init``을 쓰세요.
        """
        net = net_of(self, 'layer_summary')
        X_shape = input_shape('layer_summary', X_shape)
        check_input(self, X_shape, 'layer_summary')
        # 복사본만 바뀌도록: Trainer·그래프 같은 모듈 밖의 속성은 복사하지 않습니다.
        with torch.random.fork_rng(devices=[]):
            net = copy_module(net)
            # self.net이 층 하나(nn.Sequential이 아님)여도 됩니다: 그 층의 출력 모양을 보입니다.
            layers = list(net) if isinstance(net, nn.Sequential) else [net]
            X = torch.randn(*X_shape, generator=torch.Generator().manual_seed(0))
            X = X.to(device_of(self))
            with evaluation(net):
                for layer in layers:
                    try:
                        X = layer(X)
                    except Exception as err:
                        problem = explain_forward_error(self, X, err)
                        if problem is None:
                            raise
                        raise RuntimeError(problem) from err
                    print(layer.__class__.__name__, 'output shape:\t', X.shape)


class Classifier(Module):
    """분류 모델: 교차 엔트로피 손실과 정확도를 더합니다."""

    def validation_step(self, batch):
        Y_hat = self(*batch[:-1])
        n = len(batch[-1])
        self.plot('loss', self.loss(Y_hat, batch[-1]), train=False, n=n)
        self.plot('acc', self.accuracy(Y_hat, batch[-1]), train=False, n=n)

    def accuracy(self, Y_hat, Y, averaged=True):
        """예측 중 맞은 비율(``averaged=False`` 면 예제마다 0/1)."""
        preds = Y_hat.reshape(-1, Y_hat.shape[-1]).argmax(dim=1).type(Y.dtype)
        correct = (preds == Y.reshape(-1)).float()
        return correct.mean() if averaged else correct

    def loss(self, Y_hat, Y, averaged=True):
        Y_hat = Y_hat.reshape(-1, Y_hat.shape[-1])
        # 레시피의 레이블 스무딩은 훈련에서만: 검증 손실은 언제나 보통의 교차 엔트로피입니다.
        smoothing = self.recipe.label_smoothing if self.recipe is not None and self.training else 0.0
        return F.cross_entropy(Y_hat, Y.reshape(-1), label_smoothing=smoothing,
                               reduction='mean' if averaged else 'none')
