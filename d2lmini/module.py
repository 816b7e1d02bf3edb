"""모델의 기본 클래스: 모델이 자신의 손실·훈련 스텝·검증 스텝·옵티마이저를 정합니다.

PyTorch Lightning과 책의 관례를 따릅니다.  **모델은 스텝을, Trainer는 반복문을** 맡습니다.
"""
import copy

import torch
from torch import nn
from torch.nn import functional as F

from .checks import input_shape
from .hparams import HyperParameters


class Module(nn.Module, HyperParameters):
    """책의 ``d2l.Module``.  하위 클래스는 ``self.net``을 만들고 ``loss``를 정합니다.

    ``plot_train_per_epoch`` : 한 에폭에 훈련 손실을 몇 점 그릴지
    ``plot_valid_per_epoch`` : 한 에폭에 검증 지표를 몇 점 그릴지 (책과 같이 1)
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
            return self.recipe.configure_optimizers(self)
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
            with _evaluation(self):
                self.forward(*inputs)
        except Exception as err:
            problem = explain_forward_error(self, inputs[0], err)
            if problem is None:
                raise
            raise RuntimeError(problem) from err
        if lazy and torch.is_tensor(inputs[0]):
            self._d2lmini_input_shape = tuple(inputs[0].shape[1:])
        if init is not None:
            _net_of(self, 'apply_init').apply(init)

    def layer_summary(self, X_shape):
        """``self.net``의 자식 층마다 출력 모양을 책과 같은 형식으로 출력합니다.

        모델의 복사본으로 계산하므로 모델은 전혀 바뀌지 않습니다: 지연 층의 모양도 정해지지
        않고, 배치 정규화 통계·훈련/평가 모드·파라미터 값·난수 상태도 그대로입니다.
        평가 모드로 계산하므로 배치 크기 1도 됩니다.  훈련 전에 모양을 정하려면
        ``apply_init``을 쓰세요.
        """
        net = _net_of(self, 'layer_summary')
        X_shape = input_shape('layer_summary', X_shape)
        check_input(self, X_shape, 'layer_summary')
        # 복사본만 바뀌도록: Trainer·그래프 같은 모듈 밖의 속성은 복사하지 않습니다.
        with torch.random.fork_rng(devices=[]):
            net = _copy(net)
            # self.net이 층 하나(nn.Sequential이 아님)여도 됩니다: 그 층의 출력 모양을 보입니다.
            layers = list(net) if isinstance(net, nn.Sequential) else [net]
            X = torch.randn(*X_shape, generator=torch.Generator().manual_seed(0))
            X = X.to(_device_of(self))
            with _evaluation(net):
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
    """모델의 파라미터가 있는 장치(만들어진 파라미터를 먼저 봅니다).  파라미터가 없으면 CPU.

    아직 모양이 없는 지연 층의 파라미터도 자기 장치는 압니다: ``model.to('cuda')`` 한 지연
    모델에 넣을 입력도 GPU에 만들어야 합니다.
    """
    params = list(model.parameters())
    for p in params:
        if not isinstance(p, nn.parameter.UninitializedParameter):
            return p.device
    return params[0].device if params else torch.device('cpu')


# ---------------------------------------------------------------------------
# 학습자의 흔한 실수를 한 문장으로 알려 주는 도우미
# ---------------------------------------------------------------------------

def has_lazy_parameters(model):
    """아직 모양이 정해지지 않은 지연 층 파라미터가 있으면 True."""
    return any(isinstance(p, nn.parameter.UninitializedParameter) for p in model.parameters())


def _net_of(model, method):
    net = getattr(model, 'net', None)
    if not isinstance(net, nn.Module):
        raise AttributeError(
            f'{type(model).__name__}에 self.net이 없어 {method}을 쓸 수 없습니다: 생성자에서 '
            'net = ... 대신 self.net = nn.Sequential(...)처럼 self.를 붙여 층을 만드세요.')
    return net


def _first_layer(model):
    """입력을 처음 받는 층(자식이 없는 첫 모듈).  ``self.net``이 없으면 None."""
    net = getattr(model, 'net', None)
    if not isinstance(net, nn.Module):
        return None
    for layer in net.modules():
        if next(layer.children(), None) is None:
            return layer
    return None


def _shape_text(shape):
    """모양을 파이썬 튜플처럼: (16, 10), 축이 하나면 (16,)."""
    return str(tuple(int(v) for v in shape))


def input_problem(model, shape, after_error=False):
    """입력 모양 ``shape``이 모델의 첫 층에 맞지 않으면 그 이유(한 문장), 맞으면 None.

    ``after_error`` 면 순전파가 이미 실패한 뒤이므로, 지연 층이 다른 모양으로 먼저 정해진
    것도 원인으로 봅니다(적응형 풀링이 있는 모델은 다른 해상도도 받으므로 미리 막지 않음).
    """
    layer = _first_layer(model)
    shape = tuple(shape)
    if isinstance(layer, (nn.Conv2d, nn.BatchNorm2d)):
        if len(shape) == 3:
            return (f'입력 모양 {_shape_text(shape)}에 배치 축이 없습니다: '
                    f'{_shape_text((1,) + shape)}처럼 맨 앞에 배치 크기를 붙이세요.')
        if len(shape) != 4:
            return (f'첫 층({type(layer).__name__})에는 (배치, 채널, 높이, 너비) 4차원 입력이 '
                    f'필요한데 입력 모양은 {_shape_text(shape)}입니다: '
                    '(1, 1, 28, 28)처럼 4개 값으로 주세요.')
        expected = (layer.in_channels if isinstance(layer, nn.Conv2d) else layer.num_features)
        if not has_lazy_parameters(layer) and expected != shape[1]:
            return (f'첫 층({type(layer).__name__})은 입력 채널 {expected}개를 받는데 입력 모양 '
                    f'{_shape_text(shape)}의 채널은 {shape[1]}개입니다: 데이터와 채널 수가 같은 '
                    '입력을 주거나, 모델을 새로 만들어 첫 층이 이 채널 수를 받게 하세요.')
    locked = getattr(model, '_d2lmini_input_shape', None) if after_error else None
    if locked is not None and len(shape) >= 2 and tuple(shape[1:]) != tuple(locked):
        return (f'지연 층의 모양이 이미 예제 모양 {_shape_text(locked)}에 맞춰 정해진 모델에 '
                f'모양 {_shape_text(shape[1:])}의 예제를 넣었습니다: 모델을 새로 만들고 '
                '훈련에 쓸 데이터와 같은 모양으로 apply_init을 부르세요.')
    return None


def check_input(model, shape, method):
    """``input_problem``이 있으면 모델을 건드리기 전에 ValueError로 알립니다."""
    problem = input_problem(model, shape)
    if problem is not None:
        raise ValueError(f'{method}: {problem}')


def explain_forward_error(model, X, err):
    """순전파 오류 ``err``의 원인을 입력 모양으로 짐작해 한 문장으로. 모르면 None."""
    if not torch.is_tensor(X):
        return None
    problem = input_problem(model, tuple(X.shape), after_error=True)
    if problem is not None:
        return f'{problem}\n원래 오류: {err}'
    return None


def output_problem(Y_hat, y):
    """분류 모델의 출력 ``Y_hat``이 레이블 ``y`` (배치,)에 맞지 않는 흔한 실수를
    (예외 종류, 한 문장)으로 돌려줍니다.  그런 실수가 아니면 None."""
    if isinstance(Y_hat, (tuple, list)):
        return TypeError, (
            f'forward가 텐서 하나가 아니라 {type(Y_hat).__name__}(원소 {len(Y_hat)}개)를 '
            '돌려주었습니다: 손실 함수는 (배치, 클래스 수) 모양의 로짓 텐서 하나를 받으므로 '
            'forward에서 return self.net(X)처럼 텐서 하나만 돌려주세요.')
    if not (torch.is_tensor(Y_hat) and torch.is_tensor(y) and y.dim() == 1):
        return None
    shape, batch = _shape_text(Y_hat.shape), len(y)
    if not Y_hat.is_floating_point():
        return TypeError, (
            f'모델이 로짓(실수) 대신 정수 텐서(모양 {shape})를 돌려주었습니다: 손실 함수는 '
            '클래스마다의 점수인 로짓을 받으므로 forward에서 argmax를 빼고 마지막 층의 출력 '
            '(배치, 클래스 수)를 그대로 돌려주세요(예측한 클래스는 훈련 뒤에 argmax로 구합니다).')
    if Y_hat.dim() > 2 and Y_hat.shape[0] == batch:
        return ValueError, (
            f'모델의 출력(모양 {shape})에 (배치, 클래스 수) 말고도 축이 더 있습니다: 마지막 '
            '선형 층 앞에(선형 층이 없으면 맨 끝에) nn.Flatten()을 넣어 출력을 2차원으로 만드세요.')
    if Y_hat.dim() == 2 and Y_hat.shape[0] != batch and Y_hat.shape[1] == batch:
        return ValueError, (
            f'모델의 출력(모양 {shape})은 (클래스 수, 배치)로 축이 뒤바뀌었습니다: 출력이 '
            f'{_shape_text((batch, Y_hat.shape[0]))} 모양이 되도록 forward에서 .T나 transpose를 '
            '빼세요.')
    if Y_hat.dim() == 1 and Y_hat.shape[0] == batch:
        return ValueError, (
            f'모델의 출력(모양 {shape})에 클래스 축이 없습니다: 마지막 층이 (배치, 클래스 수)를 '
            '출력하게 하고 forward의 squeeze를 빼세요.')
    return None


def single_example_batch_norm(err):
    """배치 정규화가 예제 하나짜리 훈련 미니배치를 받아 난 오류이면 True."""
    return isinstance(err, ValueError) and 'Expected more than 1 value per channel' in str(err)


def _copy(net):
    """``net``의 깊은 복사본.  아직 모양이 없는 지연 층(예: ``LazyBatchNorm2d``의 버퍼)은
    ``copy.deepcopy``가 복사하지 못하므로, 같은 종류의 빈 파라미터·버퍼를 새로 만들어 넣습니다."""
    memo = {}
    # Trainer·그래프처럼 모듈 밖의 것은 복사하지 않고 복사본과 함께 씁니다(복사본은 순전파에만 씀).
    for module in net.modules():
        for name in ('trainer', 'board'):
            outside = getattr(module, name, None)
            if outside is not None:
                memo[id(outside)] = outside
    for tensor in [*net.parameters(), *net.buffers()]:
        if isinstance(tensor, nn.parameter.UninitializedParameter):
            memo[id(tensor)] = nn.parameter.UninitializedParameter(
                requires_grad=tensor.requires_grad, device=tensor.device, dtype=tensor.dtype)
        elif isinstance(tensor, nn.parameter.UninitializedBuffer):
            memo[id(tensor)] = nn.parameter.UninitializedBuffer(
                device=tensor.device, dtype=tensor.dtype)
    return copy.deepcopy(net, memo)
