"""학습자의 실수를 알리는 곳: 인자 검사와, 알 수 없는 오류를 학습자의 말로 옮기는 함수.

라이브러리의 다른 파일은 검사를 따로 쓰지 않고 여기 있는 것을 부릅니다.  규칙은 하나입니다.

* **예외의 종류**: 값의 종류가 틀리면 ``TypeError``(정수 자리에 글자), 종류는 맞는데 범위를
  벗어나면 ``ValueError``(음수 에폭), 값은 맞는데 지금 상태에서 할 수 없으면 ``RuntimeError``
  (훈련 전에 부른 기록).
* **문장의 모양**: 무엇이 틀렸는지, 그리고 고칠 방법을 코드로 — ``무엇이 틀렸나: 이름=받은 값
  대신 예처럼 쓰세요.``  (``instead``가 뒤쪽을 만듭니다.)
* 검사는 올바른 값을 쓰기 좋은 모양으로 돌려줍니다(예: NumPy 정수 → ``int``).

오류를 옮기는 함수(``explain_*``, ``*_problem``)는 원인을 짐작할 수 있을 때만 문장을 돌려주고,
모르면 None을 돌려줍니다: 그때는 PyTorch의 원래 오류가 그대로 보입니다.
"""
import math
import numbers
import re

import torch
from torch import nn

from .torchutil import evaluation, has_lazy_parameters


# ---------------------------------------------------------------------------
# 문장의 틀
# ---------------------------------------------------------------------------

def instead(name, value, example):
    """고칠 방법: ``name=받은 값 대신 example처럼 쓰세요``."""
    return f'{name}={value!r} 대신 {example}처럼 쓰세요'


def wrong_kind(problem, name, value, example):
    """값의 종류가 틀렸을 때의 ``TypeError``."""
    return TypeError(f'{problem}: {instead(name, value, example)}.')


def out_of_range(problem, name, value, example):
    """종류는 맞지만 범위를 벗어났을 때의 ``ValueError``."""
    return ValueError(f'{problem}: {instead(name, value, example)}.')


# ---------------------------------------------------------------------------
# 인자 검사
# ---------------------------------------------------------------------------

def is_integer(value):
    """정수(파이썬 int, NumPy 정수 등 모든 정수형)이면 True.  True/False는 정수로 보지 않습니다."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def is_real(value):
    """수(정수나 실수, 텐서가 아닌 것)이면 True.  True/False는 수로 보지 않습니다."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def is_positive_int(value):
    """양의 정수이면 True."""
    return is_integer(value) and value > 0


def whole_number(name, value, minimum, example):
    """``minimum`` 이상의 정수 인자를 확인해 파이썬 ``int``로 돌려줍니다."""
    problem = f'{name}에는 {minimum} 이상의 정수를 주어야 합니다'
    if not is_integer(value):
        raise wrong_kind(problem, name, value, example)
    if value < minimum:
        raise out_of_range(problem, name, value, example)
    return int(value)


def number_between(name, value, low, high, example, owner=''):
    """``low`` 이상 ``high`` 미만의 유한한 수를 확인해 돌려줍니다 (``high``가 None이면 위쪽 제한 없음)."""
    where = f'{owner}의 ' if owner else ''
    bounds = f'{low} 이상의' if high is None else f'{low} 이상 {high} 미만의'
    problem = f'{where}{name}에는 {bounds} 유한한 수를 주어야 합니다'
    if not is_real(value):
        raise wrong_kind(problem, name, value, example)
    if not (math.isfinite(value) and low <= value and (high is None or value < high)):
        raise out_of_range(problem, name, value, example)
    return value


def one_of(name, value, choices, owner=''):
    """``value``가 ``choices`` 가운데 하나인지 확인해 돌려줍니다."""
    if value not in choices:
        where = f'{owner}의 ' if owner else ''
        raise out_of_range(f"{where}{name}에는 {' 또는 '.join(map(repr, choices))} 중 하나를 주어야 "
                           '합니다', name, value, f'{name}={choices[0]!r}')
    return value


def flag(name, value, meaning, owner=''):
    """``True``나 ``False``만 받습니다 ('no'나 0처럼 뜻이 갈릴 수 있는 값은 받지 않음)."""
    if not isinstance(value, bool):
        where = f'{owner}의 ' if owner else ''
        raise wrong_kind(f'{where}{name}에는 True({meaning}) 또는 False를 주어야 합니다',
                         name, value, f'{name}=False')
    return value


def nonnegative(name, value, problem, example):
    """0 이상의 유한한 수(원소 하나짜리 텐서도 됨)인지 확인해 그대로 돌려줍니다."""
    number = float(value) if torch.is_tensor(value) and value.numel() == 1 else value
    if not is_real(number):
        raise wrong_kind(problem, name, value, example)
    if not (math.isfinite(number) and number >= 0):
        raise out_of_range(problem, name, value, example)
    return value


def learning_rate(lr):
    """학습률이 0 이상의 유한한 수인지 확인합니다."""
    return nonnegative('lr', lr, '학습률 lr에는 0 이상의 유한한 수를 주어야 합니다', 'lr=0.1')


def clip_value(value):
    """``gradient_clip_val``: None은 0(자르지 않음)으로, 그 밖에는 0 이상의 유한한 수만 받습니다."""
    if value is None:
        return 0
    return nonnegative('gradient_clip_val', value,
                       'gradient_clip_val에는 0(자르지 않음) 이상의 유한한 수를 주어야 합니다',
                       'gradient_clip_val=1')


def data_arguments(batch_size, resize, fraction, limit, source, sources, num_workers, augment):
    """``d2l.FashionMNIST``의 인자를 데이터를 읽기 전에 확인합니다."""
    batch_size_value(batch_size)
    resize_value(resize)
    if fraction is not None:
        problem = 'fraction에는 0보다 크고 1 이하인 수(쓸 비율)나 None(전부)을 주어야 합니다'
        if not is_real(fraction):
            raise wrong_kind(problem, 'fraction', fraction, 'fraction=0.1')
        if not 0 < fraction <= 1:
            raise out_of_range(problem, 'fraction', fraction, 'fraction=0.1')
    if limit is not None and not (is_positive_int(limit) or _positive_pair(limit, allow_none=True)):
        raise _kind_or_range(limit)('limit에는 양의 정수(훈련·검증 각각의 최대 예제 수)나 (훈련, 검증) '
                                    '두 값(제한 없음은 None)을 주어야 합니다', 'limit', limit,
                                    'limit=1000 또는 limit=(5000, 1000)')
    one_of('source', source, sources)
    whole_number('num_workers', num_workers, 0, 'num_workers=0')
    augment_value(augment)


def batch_size_value(batch_size):
    """배치 크기: 1 이상의 정수를 파이썬 ``int``로 돌려줍니다."""
    if not is_positive_int(batch_size):
        error = out_of_range if is_integer(batch_size) else wrong_kind
        raise error('batch_size(배치 크기)에는 1 이상의 정수를 주어야 합니다', 'batch_size',
                    batch_size, 'batch_size=128')
    return int(batch_size)


def resize_value(resize):
    """해상도: 양의 정수 하나나 (높이, 너비) 두 개를 ``(높이, 너비)``로 돌려줍니다."""
    if not (is_positive_int(resize) or _positive_pair(resize, allow_none=False)):
        raise _kind_or_range(resize)('resize(해상도)에는 양의 정수 하나나 (높이, 너비) 두 개를 주어야 '
                                     '합니다', 'resize', resize, 'resize=224 또는 resize=(224, 224)')
    return (int(resize),) * 2 if is_positive_int(resize) else tuple(int(v) for v in resize)


def augment_value(augment):
    """데이터 증강 스위치: ``True``나 ``False``만 받습니다('no'는 글자라서 참으로 읽히기 때문입니다)."""
    return flag('augment', augment, '훈련 미니배치를 무작위로 자르고 뒤집음')


def fixed_after_creation(owner, name, value):
    """데이터를 만든 뒤에 바꿔도 아무 일도 하지 않는 속성을 바꾸려 할 때의 ``RuntimeError``."""
    return RuntimeError(f'd2l.{owner}를 만든 뒤에는 {name} 값을 바꿔도 쓰는 예제가 바뀌지 않습니다: '
                        f'd2l.{owner}(..., {name}={value!r})로 데이터를 다시 만드세요.')


def _positive_pair(value, allow_none):
    """(높이, 너비)나 (훈련, 검증)처럼 양의 정수 두 개(``allow_none``이면 None도)이면 True."""
    return (isinstance(value, (tuple, list)) and len(value) == 2
            and all(is_positive_int(v) or (allow_none and v is None) for v in value))


def _kind_or_range(value):
    """정수나 정수의 묶음이면 범위가 틀린 것(``out_of_range``), 그 밖의 값은 종류가 틀린 것."""
    parts = value if isinstance(value, (tuple, list)) else [value]
    return out_of_range if all(v is None or is_integer(v) for v in parts) else wrong_kind


# record_run의 노트북 이름: 결과 파일 이름이 되므로 영문·숫자·밑줄·하이픈만
_NOTEBOOK_NAME = re.compile(r'^[A-Za-z0-9][A-Za-z0-9_-]*$')


def record_arguments(notebook, label, model, data, trainer, book_figure, settings=None):
    """``d2l.record_run``의 인자: 아무것도 쓰기 전에 확인합니다."""
    if not isinstance(notebook, str):
        raise wrong_kind("record_run의 notebook에는 노트북 이름을 글자로 주어야 합니다", 'notebook',
                         notebook, "notebook='07_resnet'")
    if not _NOTEBOOK_NAME.match(notebook):
        raise out_of_range("record_run의 notebook은 영문·숫자·밑줄로 된 노트북 이름이어야 합니다",
                           'notebook', notebook, "notebook='07_resnet'")
    if not isinstance(label, str):
        raise wrong_kind('record_run의 label에는 실행의 이름을 글자로 주어야 합니다', 'label', label,
                         "label='ResNet-18'")
    if not label.strip():
        raise out_of_range('record_run의 label은 비어 있지 않아야 합니다', 'label', label,
                           "label='ResNet-18'")
    table_text('label', label)
    module_argument('record_run', model)
    if not hasattr(data, 'val_dataloader'):
        raise TypeError('record_run의 data에는 d2l.DataModule(예: d2l.FashionMNIST)을 주어야 하는데 '
                        f'{type(data).__name__} 객체를 받았습니다: trainer.fit(model, data)에 쓴 data를 주세요.')
    history = getattr(trainer, 'history', None)
    if not history or 'val_acc' not in history[-1]:
        raise RuntimeError('record_run은 검증 정확도가 있는 훈련 기록이 필요합니다: '
                           'trainer.fit(model, data)로 한 에폭 이상 훈련한 뒤에 부르세요.')
    book_figure_value(book_figure)
    for key, value in (settings or {}).items():
        table_text(key, value, where='record_run에 준 settings의 ')


def latest_fit(fits, trainer):
    """``trainer``가 모델을 마지막으로 훈련한 fit의 것인지 확인합니다(``fits``: 모델의 fit마다의 기록).

    한 모델을 다른 trainer로 다시 훈련한 뒤 처음 trainer로 기록하면, 옛 기록이 새 가중치 옆에
    적히기 때문입니다.
    """
    if fits and fits[-1] is not getattr(trainer, 'history', None):
        raise RuntimeError('record_run에 준 trainer로 훈련한 뒤에 이 모델을 다른 trainer로 다시 '
                           '훈련했습니다: 모델을 마지막으로 훈련한 trainer를 주세요(모델이 거친 모든 '
                           'fit의 에폭과 시간은 그 trainer와 함께 기록됩니다).')


def one_setup(fits):
    """모델의 fit들이 같은 레시피·학습률·배치 크기로 훈련했는지 확인하고 그 값들(dict)을 돌려줍니다.

    실행 기록 하나에는 설정이 하나뿐이므로, 설정을 바꿔 가며 이어 훈련한 모델은 한 실행으로 적을 수 없습니다.
    """
    setups = [fit.trained for fit in fits if fit.trained]
    for key in (setups[0] if setups else {}):
        values = [setup[key] for setup in setups]
        # 레시피는 재료로 견줍니다: 이름만 다른 두 레시피는 같은 방법입니다
        same = [getattr(value, 'ingredients', lambda v=value: v)() for value in values]
        if any(value != same[0] for value in same):
            raise RuntimeError(f'이 모델은 fit마다 다른 {key}({", ".join(map(str, values))})로 '
                               '훈련해 실행 하나로 기록할 수 없습니다: 모델을 새로 만들어 한 설정으로 '
                               '훈련한 뒤 기록하세요.')
    return dict(setups[-1]) if setups else {}


def recipe_and_data(model, data):
    """모델에 붙인 레시피의 데이터 증강과 fit에 준 데이터의 증강이 같은지 훈련 전에 확인합니다.

    레시피를 모델에만 붙이거나(``recipe.apply(model)``) 다른 데이터 객체에 붙이면, 레시피와 기록은
    증강한다고 하는데 데이터는 증강하지 않기(또는 그 반대) 때문입니다.
    """
    recipe = getattr(model, 'recipe', None)
    if recipe is None:
        return
    if not hasattr(data, 'augment'):
        if recipe.augment:
            raise TypeError(f'모델에 붙인 레시피({recipe.name})는 데이터 증강을 쓰는데 '
                            f'{type(data).__name__}에는 증강이 없습니다: d2l.FashionMNIST로 훈련하거나 '
                            'recipe.replace(augment=False)로 증강을 뺀 레시피를 붙이세요.')
        return
    if data.augment != recipe.augment:
        raise RuntimeError(f'모델에 붙인 레시피({recipe.name})는 augment={recipe.augment}인데 fit에 '
                           f'준 데이터는 augment={data.augment}입니다: 데이터대로 하려면 model.recipe.'
                           f'replace(augment={data.augment}).apply(model, data)처럼, 레시피대로 하려면 '
                           'model.recipe.apply(model, data)처럼 레시피를 모델과 이 데이터에 함께 붙이세요.')


# README의 결과 표(마크다운)에서 칸을 나누거나(|) 줄을 끊는 글자(줄바꿈 같은 제어 문자)
_TABLE_BREAKERS = re.compile('[|\x00-\x1f\x7f\u2028\u2029]')


def table_text(name, value, where='record_run의 '):
    """기록에 들어가 README의 결과 표 한 칸이 될 글자(리스트·dict 속, 레시피 이름까지)에 ``|``나
    줄바꿈이 없는지 확인합니다: 표의 칸이 나뉘거나 줄이 끊기기 때문입니다."""
    if hasattr(value, 'as_dict'):                     # 레시피: 이름이 표에 나옵니다
        value = value.as_dict().get('name')
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        for item in value:
            table_text(name, item, where)
        return
    if isinstance(value, str) and _TABLE_BREAKERS.search(value):
        fixed = _TABLE_BREAKERS.sub(lambda m: '/' if m.group() == '|' else ' ', value)
        raise out_of_range(f'{where}{name}에 README 결과 표의 칸을 나누거나 줄을 끊는 '
                           '글자(| 또는 줄바꿈)가 있습니다', name, value, f'{name}={fixed!r}')


def fraction_text(value):
    """책의 값을 적는 방식: 0.9 → '0.90', 0.865 → '0.865'."""
    text = f'{value:.3f}'
    return text[:-1] if text.endswith('0') else text


def book_figure_value(value):
    """책의 값은 정확도(0~1)나 짧은 글입니다.  90처럼 백분율로 적은 값은 0.90으로 고치라고 알립니다."""
    if value is None:
        return value
    if isinstance(value, str):
        table_text('book_figure', value)
        return value
    problem = 'record_run의 book_figure에는 책의 그림에서 읽은 0과 1 사이의 정확도나 짧은 글을 주어야 합니다'
    if not is_real(value):
        raise wrong_kind(problem, 'book_figure', value, 'book_figure=0.90')
    if 1 < value <= 100:
        raise out_of_range(f'record_run의 book_figure에 백분율({value:g})을 준 것 같습니다: 정확도는 '
                           '0과 1 사이입니다', 'book_figure', value,
                           f'book_figure={fraction_text(value / 100)}')
    if not 0 <= value <= 1:
        raise out_of_range(problem, 'book_figure', value, 'book_figure=0.90')
    return value


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
    problem = f'{function}에는 입력 모양을 (배치, 채널, 높이, 너비)처럼 양의 정수 튜플로 주어야 합니다'
    if (not isinstance(shape, (tuple, list, torch.Size)) or not shape
            or not all(is_integer(v) for v in shape)):
        raise wrong_kind(problem, 'X_shape', shape, example)
    if not all(v > 0 for v in shape):
        raise out_of_range(problem, 'X_shape', shape, example)
    return tuple(int(v) for v in shape)


# ---------------------------------------------------------------------------
# 모델과 입력
# ---------------------------------------------------------------------------

def net_of(model, method):
    """모델의 ``self.net``.  없으면 ``self.``를 빠뜨린 흔한 실수로 알립니다."""
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


def explain_step_error(model, data, batch, epoch, batch_index, first_step, err):
    """훈련 스텝의 오류 ``err``를 학습자의 말로 한 문장에 담은 예외로 바꿉니다.  모르는 오류면 None.

    ``epoch``와 ``batch_index``는 0부터 센 번호, ``first_step``은 이 fit의 첫 스텝인가입니다.
    모양이 틀린 실수는 첫 스텝에서 드러나므로 그때만 모델에 다시 넣어 원인을 찾습니다.
    """
    if single_example_batch_norm(err):
        return RuntimeError(
            f'에폭 {epoch + 1}의 배치 {batch_index + 1}에 예제가 {len(batch[-1])}개뿐이라 배치 '
            '정규화가 미니배치 통계를 낼 수 없습니다: 훈련 예제 수를 batch_size로 나눈 '
            '나머지가 1이 되지 않도록 batch_size를 바꾸거나 데이터 로더에서 마지막 작은 '
            f'배치를 버리세요(drop_last=True).\n원래 오류: {err}')
    if not first_step:
        return None
    X, y = batch[0], batch[-1]
    shapes = ', '.join(str(tuple(t.shape)) for t in batch if torch.is_tensor(t))
    where = f'첫 미니배치(모양 {shapes})에서: '
    problem = explain_forward_error(model, X, err)
    if problem is not None:
        return RuntimeError(where + problem)
    try:
        with evaluation(model):  # 예측 모드로 한 번: 끝나면(오류가 나도) 모드를 되돌립니다
            Y_hat = model(*batch[:-1])
    except Exception:
        if isinstance(err, NotImplementedError):   # 빠진 메서드(loss, forward)는 그 메시지대로
            return None
        return RuntimeError(
            f'첫 미니배치(모양 {shapes})를 모델에 넣다가 오류가 났습니다: 층의 크기가 입력 '
            '해상도에 맞는지 확인하고, 데이터의 resize를 모델이 기대하는 크기로 맞추세요.'
            f'\n원래 오류: {err}')
    wrong_output = output_problem(Y_hat, y)
    if wrong_output is not None:
        error_type, sentence = wrong_output
        return error_type(f'{where}{sentence}\n원래 오류: {err}')
    return _too_few_classes(Y_hat, y, data, err)


def _too_few_classes(Y_hat, y, data, err):
    """레이블에 모델의 출력보다 큰 클래스 번호가 있으면 그 문장의 예외, 아니면 None."""
    if not (torch.is_tensor(Y_hat) and torch.is_tensor(y) and not y.is_floating_point()
            and y.numel() and Y_hat.dim() >= 1):
        return None
    classes, top = Y_hat.shape[-1], int(y.max())
    needed = max(top + 1, getattr(data, 'num_classes', 0) or 0)
    if top < classes:
        return None
    return RuntimeError(
        f'모델의 출력은 클래스 {classes}개인데 레이블에는 {top}번 클래스가 있습니다: '
        f'마지막 층을 nn.LazyLinear({needed})처럼 데이터의 클래스 수만큼 '
        f'출력하게 만드세요.\n원래 오류: {err}')
