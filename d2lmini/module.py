"""모델의 기본 클래스: 모델이 자신의 손실·훈련 스텝·검증 스텝·옵티마이저를 정합니다.

PyTorch Lightning과 책의 관례를 따릅니다.  **모델은 스텝을, Trainer는 반복문을** 맡습니다.
"""
import torch
from torch import nn
from torch.nn import functional as F

from .hparams import HyperParameters


class Module(nn.Module, HyperParameters):
    """책의 ``d2l.Module``.  하위 클래스는 ``self.net`` 을 만들고 ``loss`` 를 정합니다.

    ``plot_train_per_epoch`` : 한 에폭에 훈련 손실을 몇 점 그릴지
    ``plot_valid_per_epoch`` : 한 에폭에 검증 지표를 몇 점 그릴지 (책과 같이 1)
    """

    def __init__(self, plot_train_per_epoch=2, plot_valid_per_epoch=1):
        super().__init__()
        self.save_hyperparameters()
        self.trainer = None

    def loss(self, y_hat, y):
        raise NotImplementedError

    def forward(self, X):
        if not hasattr(self, 'net'):
            raise AttributeError(
                f'{type(self).__name__} 에 self.net 이 없습니다. 생성자에서 self.net 을 '
                '만들거나 forward 를 직접 정의하세요.')
        return self.net(X)

    def plot(self, key, value, train, n=1):
        """지표 하나를 Trainer에 알립니다.  ``n`` 은 이 값이 대표하는 예제 수입니다.

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
        return torch.optim.SGD(self.parameters(), lr=self.lr)

    def apply_init(self, inputs, init=None):
        """지연 층의 모양을 정하는 순전파를 한 번 한 뒤 ``init`` 을 적용합니다.

        평가 모드·기울기 없이 순전파하므로 배치 정규화의 이동 평균 같은 버퍼는
        바뀌지 않습니다.  ``inputs`` 는 ``forward`` 에 넘길 인자의 리스트입니다.
        """
        with _evaluation(self):
            self.forward(*inputs)
        if init is not None:
            self.net.apply(init)

    def layer_summary(self, X_shape):
        """``self.net`` 의 자식 층마다 출력 모양을 책과 같은 형식으로 출력합니다.

        평가 모드·기울기 없이 계산하고 원래 모드로 되돌리므로 모델의 상태(배치 정규화
        통계, 훈련/평가 모드, 파라미터 값)는 바뀌지 않고, 배치 크기 1도 됩니다.
        """
        X = torch.randn(*X_shape, generator=torch.Generator().manual_seed(0))
        X = X.to(_device_of(self))
        with _evaluation(self):
            for layer in self.net:
                X = layer(X)
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
        return F.cross_entropy(Y_hat, Y.reshape(-1),
                               reduction='mean' if averaged else 'none')


class _evaluation:
    """``with _evaluation(model):`` 안에서는 평가 모드·기울기 없음, 나오면 모드 복원."""

    def __init__(self, model):
        self.model = model

    def __enter__(self):
        self.modes = {m: m.training for m in self.model.modules()}
        self.no_grad = torch.no_grad()
        self.no_grad.__enter__()
        self.model.eval()

    def __exit__(self, *exc):
        self.no_grad.__exit__(*exc)
        for m, training in self.modes.items():
            m.training = training
        return False


def _device_of(model):
    """모델의 (이미 만들어진) 파라미터가 있는 장치.  없으면 CPU."""
    for p in model.parameters():
        if not isinstance(p, nn.parameter.UninitializedParameter):
            return p.device
    return torch.device('cpu')
