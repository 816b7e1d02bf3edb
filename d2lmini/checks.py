"""여러 함수가 함께 쓰는 인자 검사: 잘못된 인자를 고칠 방법과 함께 한 문장으로 알립니다.

함수마다 같은 검사를 따로 쓰지 않고 여기 있는 것을 부릅니다.  각 검사는 올바른 값을
쓰기 좋은 모양으로 돌려주고(예: NumPy 정수 → ``int``), 틀리면 ``TypeError``를 올립니다.
"""
import numbers

import torch
from torch import nn


def is_positive_int(value):
    """양의 정수(파이썬 int, NumPy 정수 등 모든 정수형, bool 제외)이면 True."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and value > 0


def module_argument(function, value, name='model'):
    """``value``가 ``nn.Module`` (d2l 모델이나 층)인지 확인해 그대로 돌려줍니다."""
    if not isinstance(value, nn.Module):
        raise TypeError(f'{function}의 {name} 인자에는 nn.Module(d2l 모델이나 층)을 주어야 '
                        f'하는데 {type(value).__name__} 객체를 받았습니다: 인자의 순서가 바뀌지 '
                        f'않았는지 확인하고 {function}({name}, ...)처럼 모델을 먼저 주세요.')
    return value


def input_shape(function, shape, example='(1, 1, 28, 28)'):
    """입력 모양 ``shape``이 양의 정수들의 튜플(리스트, ``torch.Size``)인지 확인해
    파이썬 ``int``의 튜플로 돌려줍니다."""
    if (not isinstance(shape, (tuple, list, torch.Size)) or not shape
            or not all(is_positive_int(v) for v in shape)):
        raise TypeError(f'{function}에는 입력 모양을 (배치, 채널, 높이, 너비)처럼 양의 정수 '
                        f'튜플로 주어야 합니다: {shape!r} 대신 {example}처럼 쓰세요.')
    return tuple(int(v) for v in shape)
