"""실행 기록: 노트북의 훈련 결과를 작은 JSON 파일로 남깁니다.

노트북의 훈련 절은 ``trainer.fit(...)`` 바로 뒤에 한 줄을 부릅니다::

    d2l.record_run('07_resnet', 'ResNet-18', model, data, trainer, cfg, book_figure=0.90)

그러면 ``results/<프로필>/07_resnet.json`` (작업 디렉터리 기준, 노트북에서는 notebooks/
폴더)에 실행 하나가 ``label`` 이름으로 들어가고(같은 label은 덮어씀), 결과 한 줄이
출력됩니다.  폴더는 환경 변수 ``D2LMINI_RESULTS``로 바꿀 수 있습니다.

이 모듈은 쓰기만 합니다.  결과 파일의 모양과 확인, 기록을 모아 보는 ``load_results``,
``reference_results``, ``results_with_reference``와 비교는 ``d2lmini.runs``에 있습니다.
"""
import json
import math
import numbers
import os
import platform
import re
import tempfile
from pathlib import Path

import torch

from .analysis import count_flops, num_params
from .diagnose import latest_fit, one_setup, record_arguments
from .download import FileLock
from .history import History, fits_of
from .notebook import notice
from .profiles import profile as current_profile
from .profiles import size_limited
from .recipe import BOOK_RECIPE
from .runs import checked_place, place_problem, read_file
from .torchutil import native_bf16

# 기록할 때 반올림하는 자릿수.
METRIC_DIGITS = 4    # 정확도와 손실: 검증 10,000장에서 0.0001이 한 장입니다
TIME_DIGITS = 2      # 분과 초
SETTING_DIGITS = 6   # 설정의 실수(학습률 등): 0.1 * 3 = 0.30000000000000004의 끝자리를 지웁니다


# ---------------------------------------------------------------------------
# 기록하기
# ---------------------------------------------------------------------------

def record_run(notebook, label, model, data, trainer, settings, book_figure=None, folder=None):
    """훈련이 끝난 실행 하나를 ``results/<프로필>/<notebook>.json``에 기록하고 한 줄로 알립니다.

    인자:
        notebook: 노트북 이름, 예: ``'07_resnet'`` (``'07_resnet.ipynb'``도 됩니다).
        label: 이 실행의 이름, 예: ``'ResNet-18'``.  같은 이름으로 다시 부르면 그 기록을 바꿉니다.
        model, data, trainer: 방금 ``trainer.fit(model, data)``에 쓴 것.
        settings: ``d2l.profile_settings(...)``가 돌려준 설정(또는 dict).
        book_figure: 책의 그림에서 읽은 검증 정확도(0과 1 사이의 수) 또는 짧은 글, 예: ``0.90``.
        folder: 결과 폴더(기본은 ``D2LMINI_RESULTS`` 또는 ``results``).

    실행 하나는 모델 하나의 전체 기록입니다: 모델을 여러 번(다른 trainer로도) 훈련했으면 모든 fit의
    에폭과 시간을 이어 적습니다.  설정의 레시피·학습률·배치 크기·에폭 수가 실제 훈련과 다르면 훈련한
    값을 적고 한 줄로 알립니다.  두 커널이 같은 파일에 동시에 기록해도 잠금으로 차례를 정하므로 실행을
    잃지 않습니다.
    """
    settings = _settings_dict(settings)
    notebook = _notebook_name(notebook)
    record_arguments(notebook, label, model, data, trainer, book_figure, settings)
    fits = _stepped_fits(model) or [trainer.history]
    _check_same_run(model, data, trainer, settings, fits)
    profile, root, _ = checked_place('record_run', settings.pop('profile', None)
                                      or current_profile(), folder)
    problem = place_problem(profile, folder, notebook)
    if problem:   # 모델과 trainer는 그대로 있으니 고친 뒤 이 호출만 다시 하면 됩니다
        raise RuntimeError(problem)
    history = History.joined(fits)
    settings = _as_trained(settings, {**one_setup(fits), 'max_epochs': history.max_epochs})
    entry = _entry(notebook, label, model, data, trainer, settings, history)
    entry.update(profile=profile, book_figure=_round(book_figure, METRIC_DIGITS))
    if size_limited():   # 에폭과 데이터를 줄인 실행: 전체 실행을 덮어쓰지 않도록 표시합니다
        entry['size_limited'] = True
    path = root / profile / f'{notebook}.json'
    if _merge_and_write(path, entry):
        print(result_line(path, entry))


def _entry(notebook, label, model, data, trainer, settings, history):
    """기록할 실행 하나: ``history``는 모델의 전체 기록(fit마다의 기록을 이은 것)입니다."""
    X = _one_validation_batch(data)
    train_size, val_size = _split_sizes(data)
    seconds = sum(row.get('seconds', 0.0) for row in history)
    # Trainer가 잰 순수 훈련 시간(검증 제외). 없으면 에폭 시간의 합으로 어림합니다.
    train_seconds = history.train_seconds or seconds
    examples = history.train_examples or train_size * len(history)
    entry = {
        'notebook': notebook,
        'label': label,
        'model': type(model).__name__,
        # 어떻게 계산했는가(float32, bf16, channels_last): 같은 설정이어도 빠르기가 달라집니다.
        'settings': _plain({**settings, 'computation': _computation(trainer)}),
        'data': {'source': getattr(data, 'source', None), 'train_size': train_size,
                 'val_size': val_size, 'resize': list(_resolution(data)),
                 'batch_size': getattr(data, 'batch_size', None)},
        'params': int(num_params(model)),
        'flops': int(count_flops(model, (1, *X.shape[1:]))),
        'img_per_s': round(examples / train_seconds) if examples and train_seconds > 0 else None,
        'minutes': round(seconds / 60, TIME_DIGITS),
        'epochs': len(history),
        'max_epochs': history.max_epochs or getattr(trainer, 'max_epochs', len(history)),
        'val_acc': _round(history[-1].get('val_acc'), METRIC_DIGITS),
        'history': [{key: _round_metric(key, value) for key, value in row.items()}
                    for row in history],
        'stop_reason': history.stop_reason or 'completed',
        'machine': machine(getattr(trainer, 'device', None)),
    }
    return entry


def _stepped_fits(model):
    """모델을 바꾼 fit들(처음 것부터): 첫 스텝 전에 오류로 멈춘 fit은 가중치를 바꾸지 않았으므로 뺍니다."""
    return [fit for fit in fits_of(model) if fit.train_examples]


def _as_trained(settings, trained):
    """설정에서 실제 훈련과 다른 레시피·학습률·배치 크기·에폭 수를 훈련한 값으로 바꾸고, 바꿨으면 한 줄로
    알립니다(에폭 수는 모든 fit에서 계획한 에폭의 합이고, 크기 제한이 줄인 것도 적습니다).

    설정에 레시피가 없으면 책의 방법이 아닐 때만 더합니다(레시피가 없는 기록은 책의 방법입니다).
    """
    settings, changed = dict(settings), []
    for key, value in trained.items():
        given = settings.get(key, _ABSENT)
        if value is None or _same_setting(key, given, value):
            continue
        if given is _ABSENT and key != 'recipe':
            continue
        settings[key] = value
        changed.append(f'{key} {_setting_text(given)} → {_setting_text(value)}')
    if changed:
        notice(f"설정(settings)과 실제 훈련이 달라 훈련한 값으로 기록합니다: {', '.join(changed)}.")
    return settings


_ABSENT = object()   # 설정에 없는 값


def _same_setting(key, given, value):
    if key != 'recipe':
        return given == value
    if given is _ABSENT:                   # 레시피가 없는 설정은 책의 방법으로 훈련한 기록입니다
        given = BOOK_RECIPE
    if isinstance(given, str):             # 이름만 적은 설정
        return given == value.name
    if hasattr(given, 'ingredients'):      # 이름은 배우는 사람이 고른 것: 재료가 같으면 같은 레시피
        return given.ingredients() == value.ingredients()
    return False


def _setting_text(value):
    if value is _ABSENT:
        return '없음'
    return f'{value:g}' if isinstance(value, float) else str(value)


def result_line(path, entry):
    """``기록: results/cpu/07_resnet.json — ResNet-18: 검증 정확도 0.875, 훈련 4.21분 (1,171 img/s)``"""
    acc = '없음' if entry['val_acc'] is None else f"{entry['val_acc']:.3f}"
    speed = '' if entry['img_per_s'] is None else f" ({entry['img_per_s']:,} img/s)"
    stopped = '' if entry['stop_reason'] == 'completed' else f", 멈춘 이유: {entry['stop_reason']}"
    return (f"기록: {path.as_posix()} — {entry['label']}: 검증 정확도 {acc}, "
            f"훈련 {entry['minutes']:.2f}분{speed}{stopped}")


def machine(device=None):
    """실행한 기계: CPU 모델, torch 스레드 수, GPU(있으면), torch·파이썬 버전."""
    gpu = None
    if device is not None and torch.device(device).type == 'cuda':
        gpu = torch.cuda.get_device_name(torch.device(device))
    elif device is not None and torch.device(device).type == 'mps':
        gpu = 'Apple MPS'
    return {'cpu': _cpu_model(), 'cpu_count': os.cpu_count(), 'torch_threads': torch.get_num_threads(),
            'bf16_instructions': native_bf16(), 'gpu': gpu, 'torch': torch.__version__.split('+')[0],
            'python': platform.python_version()}


def _computation(trainer):
    """Trainer가 훈련에 쓴 계산: ``'float32'``, ``'bf16'``, ``'bf16 + channels_last'``."""
    fast = getattr(trainer, 'fast', None)
    return fast.describe() if fast is not None else 'float32'


def _cpu_model():
    try:
        for line in Path('/proc/cpuinfo').read_text(encoding='utf-8').splitlines():
            if line.startswith('model name'):
                return ' '.join(line.split(':', 1)[1].split())
    except OSError:
        pass
    return platform.processor() or platform.machine() or None


def _settings_dict(settings):
    if isinstance(settings, dict):
        return dict(settings)
    if hasattr(settings, '__dict__') and not isinstance(settings, type):
        return dict(vars(settings))
    raise TypeError(f'record_run의 settings에는 d2l.profile_settings(...)가 돌려준 설정이나 dict를 '
                    f'주세요(받은 것: {type(settings).__name__}).')


def _notebook_name(notebook):
    """'01_lenet.ipynb'처럼 파일 이름을 주어도 노트북 이름 '01_lenet'으로 씁니다."""
    if isinstance(notebook, str):
        for suffix in ('.ipynb', '.py'):
            if notebook.endswith(suffix):
                return notebook[:-len(suffix)]
    return notebook


def _check_same_run(model, data, trainer, settings, fits):
    """model, data, settings가 trainer가 방금 훈련한 그 실행의 것인지 확인합니다.

    다른 실행의 model이나 다른 해상도로 다시 만든 data를 넘기면, 한 실행의 훈련 기록 옆에 다른
    모델의 파라미터 수나 다른 해상도의 FLOPs가 조용히 적히기 때문입니다.
    """
    fitted_model = getattr(trainer, 'model', None)  # Trainer.fit이 훈련한 모델을 기억합니다
    if fitted_model is not None and fitted_model is not model:
        given, fitted = type(model).__name__, type(fitted_model).__name__
        fitted += ', 같은 클래스의 다른 객체' if given == fitted else ''
        raise ValueError(f'record_run에 준 model은 이 trainer가 훈련한 모델이 아닙니다(준 것: '
                         f'{given}, 훈련한 것: {fitted}): 한 실행의 model과 trainer, 곧 '
                         'trainer.fit(model, data)에 쓴 둘을 함께 넘기세요.')
    latest_fit(fits, trainer)
    size = _resolution(data)
    fitted_data = getattr(trainer, '_data', None)  # Trainer.fit이 쓴 데이터 모듈
    if fitted_data is not None and fitted_data is not data and _resolution(fitted_data) != size:
        raise ValueError(f'record_run에 준 data의 해상도({_px(size)})가 trainer.fit에 쓴 데이터의 '
                         f'해상도({_px(_resolution(fitted_data))})와 다릅니다: 데이터를 다시 '
                         '만들었다면 fit에 쓴 data를 넘기거나, 새 데이터로 다시 훈련한 뒤 기록하세요.')
    wanted = _pair(settings.get('resize'))
    if wanted is not None and wanted != size:
        raise ValueError(f'settings의 resize({_px(wanted)})와 data의 해상도({_px(size)})가 '
                         '다릅니다: 데이터를 d2l.FashionMNIST(resize=cfg.resize)처럼 설정의 해상도로 '
                         '만들어 훈련한 뒤 기록하세요.')


def _resolution(data):
    """데이터 모듈의 (높이, 너비): ``image_size``가 없으면 검증 미니배치 하나의 모양에서."""
    size = getattr(data, 'image_size', None)
    if size is None:
        size = _one_validation_batch(data).shape[-2:]
    return tuple(int(v) for v in size)


def _pair(size):
    """28 → (28, 28), [56, 56] → (56, 56); 그 밖의 모양은 None (비교하지 않음)."""
    if isinstance(size, numbers.Integral) and not isinstance(size, bool):
        return (int(size), int(size))
    if isinstance(size, (list, tuple)) and len(size) == 2:
        return tuple(int(v) for v in size)
    return None


def _px(size):
    return f'{size[0]}×{size[1]}'


def _one_validation_batch(data):
    for X, _ in data.val_dataloader():
        return X
    raise ValueError('record_run이 FLOPs를 세려면 검증 미니배치가 하나 이상 있어야 합니다.')


def _split_sizes(data):
    sizes = []
    for split, loader in (('train', data.train_dataloader), ('val', data.val_dataloader)):
        part = getattr(data, split, None)
        if part is not None and hasattr(part, '__len__'):
            sizes.append(len(part))
        else:
            sizes.append(sum(len(y) for _, y in loader()))
    return tuple(sizes)


def _round(value, digits):
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else round(value, digits)
    return value


def _round_metric(key, value):
    return _round(value, TIME_DIGITS if key == 'seconds' else METRIC_DIGITS)


def _plain(value):
    """JSON으로 쓸 수 있는 값으로 (튜플 → 리스트, 텐서·넘파이 수 → 파이썬 수, 그 밖은 글자)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, 'as_dict'):          # 훈련 레시피: 재료를 모두 적습니다
        return _plain(value.as_dict())
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return _round(value, SETTING_DIGITS)
    if hasattr(value, 'item'):
        try:
            return _plain(value.item())
        except (ValueError, RuntimeError):
            pass
    return repr(value)


def _dump(obj):
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + '\n'


def _merge_and_write(path, entry):
    """같은 label은 그 자리에서 바꾸고 새 label은 끝에 더해 씁니다.

    읽기-합치기-쓰기를 잠금 안에서 하므로, 두 커널이 같은 노트북의 파일에 동시에 기록해도
    한쪽의 실행이 사라지지 않습니다.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # 잠금 파일은 프로필 폴더 옆(results/.cpu.lock)에 둡니다: 커밋하는 cpu 폴더에 섞이지 않게.
    with FileLock(path.parent.with_name(f'.{path.parent.name}.lock')):
        runs = read_file(path, entry['profile'])['runs'] if path.exists() else []
        labels = [run['label'] for run in runs]
        if entry['label'] in labels:
            kept = runs[len(labels) - 1 - labels[::-1].index(entry['label'])]   # 읽을 때 쓰는 마지막 것
            kept_full = not kept.get('size_limited') and kept.get('profile') != 'smoke'
            if entry.get('size_limited') and kept_full:
                notice(f"크기를 줄인 실행(smoke 프로필이나 D2LMINI_TINY)이라 {path.as_posix()}에 있는 전체 "
                       f"실행 {entry['label']!r}을 바꾸지 않았습니다: 크기 제한을 끄고(D2LMINI_TINY=0) "
                       '다시 훈련하면 기록됩니다.')
                return False
            # 첫 자리에서 바꾸고, 손으로 합치다 생긴 같은 label의 다른 사본은 지웁니다(모두 이 기록이 대신함)
            first = labels.index(entry['label'])
            runs = [run for i, run in enumerate(runs) if i == first or run['label'] != entry['label']]
            runs[first] = entry
        else:
            runs.append(entry)
        _replace_file(path, _dump({'notebook': entry['notebook'], 'runs': runs}))
        return True


def _replace_file(path, text):
    """같은 폴더의 겹치지 않는 임시 파일에 다 쓴 뒤 이름을 바꿉니다: 멈춰도 반쪽 파일이 남지 않습니다."""
    tmp = tempfile.NamedTemporaryFile('w', encoding='utf-8', newline='\n', dir=path.parent,
                                      prefix=f'.{path.stem}.', suffix='.tmp', delete=False)
    try:
        with tmp:
            tmp.write(text)
        os.chmod(tmp.name, 0o644)  # 임시 파일은 주인만 읽게 만들어지므로 보통 파일처럼 바꿉니다
        os.replace(tmp.name, path)
    except BaseException:
        Path(tmp.name).unlink(missing_ok=True)
        raise
