"""책의 프레임워크 별칭: ``d2l.randn``, ``d2l.zeros``, ``d2l.reshape`` 같은 짧은 이름.

책은 MXNet·PyTorch·TensorFlow·JAX 네 가지 코드를 한 원고로 쓰기 때문에, 텐서를 만들고
다루는 함수를 프레임워크와 무관한 이름으로 부릅니다.  예를 들어 ResNet 절의 모양 확인은
``X = d2l.randn(4, 3, 6, 6)``이고, LeNet 절이 ``Classifier``에 붙이는 ``layer_summary``도
``d2l.randn``으로 입력을 만듭니다.  PyTorch 판에서 이 이름들은 PyTorch 함수를 가리킬
뿐이므로, 여기서도 똑같이 PyTorch의 것을 그대로 가리키게 합니다.

두 종류가 있습니다.

* ``torch``의 함수·자료형을 그대로 가리키는 이름: ``d2l.randn(2, 3)``은 ``torch.randn(2, 3)``.
  이름이 다른 것은 ``concat`` (``torch.cat``)과 ``batch_matmul`` (``torch.bmm``) 둘입니다.
* 텐서의 메서드를 함수 모양으로 부르는 이름: ``d2l.reshape(X, (2, -1))``은
  ``X.reshape((2, -1))``, ``d2l.reduce_sum(X, dim=0)``은 ``X.sum(dim=0)``.  첫 인자가 텐서이고
  나머지 인자는 메서드에 그대로 넘어갑니다.
"""
import torch
from torch import nn

# ----- torch의 함수·자료형을 그대로 가리키는 이름 -----
nn_Module = nn.Module

ones = torch.ones
ones_like = torch.ones_like
zeros = torch.zeros
zeros_like = torch.zeros_like
tensor = torch.tensor
arange = torch.arange
linspace = torch.linspace
meshgrid = torch.meshgrid
eye = torch.eye

rand = torch.rand
randn = torch.randn
normal = torch.normal

sin, sinh = torch.sin, torch.sinh
cos, cosh = torch.cos, torch.cosh
tanh = torch.tanh
exp, log = torch.exp, torch.log
abs = torch.abs
sigmoid = torch.sigmoid

matmul = torch.matmul
batch_matmul = torch.bmm   # 배치마다 행렬 곱: (b, n, m) @ (b, m, p) → (b, n, p)
concat = torch.cat         # 주어진 축을 따라 이어 붙이기
stack = torch.stack        # 새 축을 만들어 쌓기

int32, int64, float32 = torch.int32, torch.int64, torch.float32


# ----- 텐서의 메서드를 함수 모양으로 부르는 이름 -----
def reshape(x, *args, **kwargs):
    """``x.reshape(...)``: 원소는 그대로 두고 모양만 바꿉니다."""
    return x.reshape(*args, **kwargs)


def size(x, *args, **kwargs):
    """``x.numel()``: 원소의 개수."""
    return x.numel(*args, **kwargs)


def numpy(x, *args, **kwargs):
    """``x.detach().numpy()``: 기울기 기록을 떼고 NumPy 배열로 (CPU 텐서만)."""
    return x.detach().numpy(*args, **kwargs)


def to(x, *args, **kwargs):
    """``x.to(...)``: 장치나 자료형을 바꿉니다."""
    return x.to(*args, **kwargs)


def astype(x, *args, **kwargs):
    """``x.type(...)``: 자료형을 바꿉니다 (예: ``d2l.astype(X, d2l.float32)``)."""
    return x.type(*args, **kwargs)


def reduce_sum(x, *args, **kwargs):
    """``x.sum(...)``: 합. 축을 주지 않으면 전체 합."""
    return x.sum(*args, **kwargs)


def reduce_mean(x, *args, **kwargs):
    """``x.mean(...)``: 평균. 축을 주지 않으면 전체 평균."""
    return x.mean(*args, **kwargs)


def argmax(x, *args, **kwargs):
    """``x.argmax(...)``: 가장 큰 값의 위치."""
    return x.argmax(*args, **kwargs)


def transpose(x, *args, **kwargs):
    """``x.t()``: 2차원 이하 텐서의 전치."""
    return x.t(*args, **kwargs)


def swapaxes(x, *args, **kwargs):
    """``x.swapaxes(a, b)``: 두 축의 자리를 바꿉니다."""
    return x.swapaxes(*args, **kwargs)


def expand_dims(x, *args, **kwargs):
    """``x.unsqueeze(dim)``: 길이 1인 축을 끼워 넣습니다."""
    return x.unsqueeze(*args, **kwargs)


def repeat(x, *args, **kwargs):
    """``x.repeat(...)``: 축마다 주어진 횟수만큼 반복해 이어 붙입니다."""
    return x.repeat(*args, **kwargs)


# 책의 PyTorch 패키지가 내보내는 별칭 전체 (``from .book import *``로 d2lmini에 들어갑니다).
TORCH_ALIASES = (
    'ones', 'ones_like', 'zeros', 'zeros_like', 'tensor', 'arange', 'linspace', 'meshgrid',
    'eye', 'rand', 'randn', 'normal', 'sin', 'sinh', 'cos', 'cosh', 'tanh', 'exp', 'log',
    'abs', 'sigmoid', 'matmul', 'batch_matmul', 'concat', 'stack', 'int32', 'int64',
    'float32')
METHOD_ALIASES = (
    'reshape', 'size', 'numpy', 'to', 'astype', 'reduce_sum', 'reduce_mean', 'argmax',
    'transpose', 'swapaxes', 'expand_dims', 'repeat')
__all__ = ['nn_Module', *TORCH_ALIASES, *METHOD_ALIASES]
