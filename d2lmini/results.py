"""실행 기록: 노트북의 훈련 결과를 작은 JSON 파일로 남기고 다시 모아 봅니다.

노트북의 훈련 절은 ``trainer.fit(...)`` 바로 뒤에 한 줄을 부릅니다::

    d2l.record_run('07_resnet', 'ResNet-18', model, data, trainer, cfg, book_figure=0.90)

그러면 ``results/<프로필>/07_resnet.json`` (작업 디렉터리 기준, 노트북에서는 notebooks/
폴더)에 실행 하나가 ``label`` 이름으로 들어가고(같은 label은 덮어씀), 결과 한 줄이
출력됩니다.  폴더는 환경 변수 ``D2LMINI_RESULTS``로 바꿀 수 있습니다.

모아 보는 함수는 셋입니다.

* ``load_results(profile)``: 직접 기록한 실행(결과 폴더)을 DataFrame 하나로.
* ``reference_results()``: 패키지와 함께 오는 기준 실행(저장소에 커밋된 ``cpu`` 실행).
  저장소 없이 노트북 하나만 연 Colab에서도 있습니다.
* ``results_with_reference(profile)``: 둘을 한 표로. ``origin`` 열이 어디서 온 행인지,
  ``device`` 열이 어떤 장치에서 훈련했는지 알려 줍니다.

README의 결과 표는 라이브러리가 아니라 ``scripts/results_table.py`` (``make results``)가
이 기록으로 만듭니다.
"""
import json
import math
import numbers
import os
import platform
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

import torch

from .analysis import count_flops, num_params
from .profiles import PROFILES
from .profiles import profile as current_profile

try:  # 리눅스·macOS의 파일 잠금
    import fcntl
except ImportError:
    fcntl = None
try:  # 윈도우의 파일 잠금
    import msvcrt
except ImportError:
    msvcrt = None

ENV_VAR = 'D2LMINI_RESULTS'
DEFAULT_FOLDER = 'results'
# 패키지와 함께 오는 기준 실행: notebooks/results/cpu/*.json의 복사본 (make results가 맞춤).
REFERENCE_FOLDER = Path(__file__).with_name('reference')
_NAME = re.compile(r'^[A-Za-z0-9][A-Za-z0-9_-]*$')

# load_results의 열 순서 (한 행 = 노트북 하나의 실행 하나).
COLUMNS = ['notebook', 'label', 'model', 'profile', 'source', 'train_size', 'val_size',
           'resize', 'params', 'flops', 'img_per_s', 'minutes', 'epochs', 'val_acc',
           'book_figure', 'stop_reason', 'settings', 'history', 'machine']
# reference_results와 results_with_reference가 더하는 열: 어디서 온 행인가, 어느 장치였나.
ORIGIN_COLUMNS = ['origin', 'device']


# ---------------------------------------------------------------------------
# 여러 함수가 함께 쓰는 인자: profile과 folder
# ---------------------------------------------------------------------------

def results_folder(folder=None):
    """결과 폴더: 인자 → 환경 변수 ``D2LMINI_RESULTS`` → ``results`` (작업 디렉터리 기준)."""
    return Path(folder or os.environ.get(ENV_VAR) or DEFAULT_FOLDER)


def _checked_place(caller, profile, folder=None):
    """``profile``과 ``folder``를 한곳에서 확인해 ``(프로필, 결과 폴더, 폴더를 정한 곳)``을 돌려줍니다.

    프로필은 대소문자를 가리지 않습니다('CPU' → 'cpu'): 프로필 이름이 모두 소문자라 헷갈릴 일이
    없기 때문입니다.  폴더를 정한 곳은 인자나 환경 변수면 그 이름, 기본 폴더면 None입니다.
    """
    name = profile.strip().lower() if isinstance(profile, str) else None
    if name not in PROFILES:
        raise ValueError(f"{caller}의 profile은 {', '.join(map(repr, PROFILES))} 중 하나여야 "
                         f'합니다(받은 값: {profile!r}).')
    chosen_by = 'folder 인자' if folder else (ENV_VAR if os.environ.get(ENV_VAR) else None)
    root = results_folder(folder)
    if root.exists() and not root.is_dir():
        fix = (f'{chosen_by}에는 폴더를 주세요' if chosen_by
               else f'그 파일을 옮기거나 {ENV_VAR}로 다른 폴더를 정하세요')
        raise NotADirectoryError(f'결과 폴더 자리에 파일이 있습니다({root.as_posix()}): {fix}.')
    return name, root, chosen_by


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

    두 커널이 같은 파일에 동시에 기록해도 잠금으로 차례를 정하므로 실행을 잃지 않습니다.
    """
    settings = _settings_dict(settings)
    notebook = _notebook_name(notebook)
    _check_inputs(notebook, label, model, data, trainer, book_figure)
    _check_same_run(model, data, trainer, settings)
    profile, root, _ = _checked_place('record_run', settings.pop('profile', None)
                                      or current_profile(), folder)
    history = trainer.history
    X = _one_validation_batch(data)
    train_size, val_size = _split_sizes(data)
    seconds = sum(row.get('seconds', 0.0) for row in history)
    # Trainer가 잰 순수 훈련 시간(검증 제외). 없으면 에폭 시간의 합으로 어림합니다.
    train_seconds = getattr(trainer, 'train_seconds', 0) or seconds
    epochs = len(history)
    entry = {
        'notebook': notebook,
        'label': label,
        'model': type(model).__name__,
        'profile': profile,
        'settings': _plain(settings),
        'data': {'source': getattr(data, 'source', None), 'train_size': train_size,
                 'val_size': val_size, 'resize': list(_resolution(data)),
                 'batch_size': getattr(data, 'batch_size', None)},
        'params': int(num_params(model)),
        'flops': int(count_flops(model, (1, *X.shape[1:]))),
        'img_per_s': (round(train_size * epochs / train_seconds)
                      if train_size and train_seconds > 0 else None),
        'minutes': round(seconds / 60, 2),
        'epochs': epochs,
        'max_epochs': getattr(trainer, 'max_epochs', epochs),
        'val_acc': _round(history[-1].get('val_acc'), 4),
        'history': [{key: _round_metric(key, value) for key, value in row.items()}
                    for row in history],
        'stop_reason': history.stop_reason or 'completed',
        'book_figure': _round(book_figure, 4),
        'machine': machine(getattr(trainer, 'device', None)),
    }
    path = root / profile / f'{notebook}.json'
    _merge_and_write(path, entry)
    print(result_line(path, entry))


def result_line(path, entry):
    """``기록: results/cpu/07_resnet.json — ResNet-18: 검증 정확도 0.875, 훈련 4.2분 (1,171 img/s)``"""
    acc = '없음' if entry['val_acc'] is None else f"{entry['val_acc']:.3f}"
    speed = '' if entry['img_per_s'] is None else f" ({entry['img_per_s']:,} img/s)"
    stopped = '' if entry['stop_reason'] == 'completed' else f", 멈춘 이유: {entry['stop_reason']}"
    return (f"기록: {path.as_posix()} — {entry['label']}: 검증 정확도 {acc}, "
            f"훈련 {entry['minutes']:.1f}분{speed}{stopped}")


def machine(device=None):
    """실행한 기계: CPU 모델, torch 스레드 수, GPU(있으면), torch·파이썬 버전."""
    gpu = None
    if device is not None and torch.device(device).type == 'cuda':
        gpu = torch.cuda.get_device_name(torch.device(device))
    elif device is not None and torch.device(device).type == 'mps':
        gpu = 'Apple MPS'
    return {'cpu': _cpu_model(), 'cpu_count': os.cpu_count(), 'torch_threads': torch.get_num_threads(),
            'gpu': gpu, 'torch': torch.__version__.split('+')[0],
            'python': platform.python_version()}


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


def _check_inputs(notebook, label, model, data, trainer, book_figure):
    if not (isinstance(notebook, str) and _NAME.match(notebook)):
        raise ValueError("record_run의 notebook은 '07_resnet'처럼 영문·숫자·밑줄로 된 노트북 "
                         f'이름이어야 합니다(받은 값: {notebook!r}).')
    if not (isinstance(label, str) and label.strip()):
        raise ValueError("record_run의 label은 'ResNet-18'처럼 비어 있지 않은 글자열이어야 "
                         f'합니다(받은 값: {label!r}).')
    if not isinstance(model, torch.nn.Module):
        raise TypeError('record_run의 model은 훈련한 모델(nn.Module)이어야 합니다'
                        f'(받은 것: {type(model).__name__}).')
    if not hasattr(data, 'val_dataloader'):
        raise TypeError('record_run의 data는 d2l.DataModule(예: d2l.FashionMNIST)이어야 합니다'
                        f'(받은 것: {type(data).__name__}).')
    history = getattr(trainer, 'history', None)
    if not history or 'val_acc' not in history[-1]:
        raise ValueError('record_run은 검증 정확도가 있는 훈련 기록이 필요합니다: '
                         'trainer.fit(model, data)로 한 에폭 이상 훈련한 뒤에 부르세요.')
    _check_book_figure(book_figure)


def _check_book_figure(value):
    """책의 값은 정확도(0~1)나 짧은 글입니다. 90처럼 백분율로 적은 값은 0.90으로 고치라고 알립니다."""
    if value is None or isinstance(value, str):
        return
    is_number = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if is_number and 0 <= value <= 1:
        return
    if is_number and 1 < value <= 100:
        raise ValueError(f'record_run의 book_figure에 백분율({value:g})을 준 것 같습니다: 정확도는 '
                         f'0과 1 사이이므로 book_figure={_fraction_text(value / 100)}처럼 쓰세요.')
    raise ValueError('record_run의 book_figure는 책의 그림에서 읽은 0과 1 사이의 정확도(예: 0.90)나 '
                     f'짧은 글이어야 합니다(받은 값: {value!r}).')


def _fraction_text(value):
    """0.9 → '0.90', 0.865 → '0.865' (책의 값을 적는 방식)."""
    text = f'{value:.3f}'
    return text[:-1] if text.endswith('0') else text


def _check_same_run(model, data, trainer, settings):
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
    return _round(value, 2 if key == 'seconds' else 4)


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
        return _round(value, 6)
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
    with _locked(path.parent.with_name(f'.{path.parent.name}.lock')):
        runs = _read(path, entry['profile'])['runs'] if path.exists() else []
        labels = [run['label'] for run in runs]
        if entry['label'] in labels:
            runs[labels.index(entry['label'])] = entry
        else:
            runs.append(entry)
        _replace_file(path, _dump({'notebook': entry['notebook'], 'runs': runs}))


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


@contextmanager
def _locked(lock_path):
    """한 번에 한 프로세스만 들어오게 합니다(fcntl 또는 msvcrt; 둘 다 없으면 잠그지 않음)."""
    with open(lock_path, 'a+b') as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        elif msvcrt is not None:
            _windows_lock(handle)
        yield  # 파일을 닫으면 잠금도 풀립니다


def _windows_lock(handle):
    handle.seek(0)
    while True:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            return
        except OSError:
            continue  # LK_LOCK은 10초 동안만 기다리므로 풀릴 때까지 다시 기다립니다


# ---------------------------------------------------------------------------
# 결과 파일 읽기와 확인
# ---------------------------------------------------------------------------

def _is_text(value):
    return isinstance(value, str) and bool(value.strip())


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_count(value):
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_amount(value):
    return _is_number(value) and value >= 0


def _is_fraction(value):
    return _is_number(value) and 0 <= value <= 1


# 결과 파일의 실행 하나가 지킬 조건: 필드 → (확인 함수, 설명, 꼭 있어야 하나).
# 꼭 있어야 하지 않은 필드는 빠지거나 null이어도 됩니다(img/s를 잴 수 없던 실행 등).
RUN_FIELDS = {
    'notebook': (_is_text, '비어 있지 않은 글자', True),
    'label': (_is_text, '비어 있지 않은 글자', True),
    'params': (_is_count, '0 이상의 정수', True),
    'epochs': (_is_count, '0 이상의 정수', True),
    'minutes': (_is_amount, '0 이상의 수', True),
    'val_acc': (_is_fraction, '0과 1 사이의 수', True),
    'flops': (_is_count, '0 이상의 정수', False),
    'img_per_s': (_is_amount, '0 이상의 수', False),
    'book_figure': (lambda v: _is_fraction(v) or _is_text(v), '0과 1 사이의 수나 짧은 글자', False),
    'settings': (lambda v: isinstance(v, dict), '{...} 모양의 설정', False),
    'data': (lambda v: isinstance(v, dict), '{...} 모양의 데이터 정보', False),
    'machine': (lambda v: isinstance(v, dict), '{...} 모양의 기계 정보', False),
    'history': (lambda v: isinstance(v, list), '[...] 모양의 에폭별 기록', False),
}


def _read(path, profile=None):
    """결과 파일을 읽고 확인합니다: 틀린 곳이 있으면 파일, 실행, 필드를 짚는 문장 하나로 알립니다."""
    path = Path(path)
    where = path.as_posix()
    fix = f'파일을 고치거나, 지우고 {path.stem} 노트북을 다시 실행하세요.'
    try:
        content = json.loads(path.read_text(encoding='utf-8'))
    except ValueError as err:  # JSON 문법 오류나 UTF-8이 아닌 글자
        spot = f'{err.lineno}번째 줄 {err.colno}번째 글자' if hasattr(err, 'lineno') else 'UTF-8 아님'
        raise ValueError(f'{where}은 JSON으로 읽을 수 없습니다({spot}): {fix}') from err
    if not isinstance(content, dict) or not isinstance(content.get('runs'), list):
        raise ValueError(f'{where}은 record_run이 쓴 결과 파일이 아닙니다(runs 목록이 없음): {fix}')
    if content.get('notebook') != path.stem:
        raise ValueError(f"{where}은 파일 이름이 {path.stem}인데 notebook 값은 "
                         f"{content.get('notebook')!r}입니다: {fix}")
    for number, run in enumerate(content['runs'], 1):
        problem = _run_problem(run, path.stem, profile)
        if problem:
            raise ValueError(f'{where}의 {number}번째 실행{_label_text(run)}에서 {problem}: {fix}')
    return content


def _label_text(run):
    return f"({run['label']!r})" if isinstance(run, dict) and _is_text(run.get('label')) else ''


def _must_be(word):
    """받침이 있으면 '이어야', 없으면 '여야': '기록이어야', '정수여야'."""
    last = word[-1]
    has_final = '가' <= last <= '힣' and (ord(last) - ord('가')) % 28 != 0
    return '이어야' if has_final else '여야'


def _run_problem(run, notebook, profile):
    """실행 하나의 첫 번째 문제를 짧은 구절로(없으면 None)."""
    if not isinstance(run, dict):
        return '실행이 {...} 모양이 아닙니다'
    for field, (is_valid, expected, required) in RUN_FIELDS.items():
        if field not in run or (run[field] is None and not required):
            if required:
                return f'꼭 있어야 하는 {field} 값이 없습니다'
            continue
        if not is_valid(run[field]):
            shown = json.dumps(run[field], ensure_ascii=False)
            return f'{field} 값은 {expected}{_must_be(expected)} 하는데 {shown}입니다'
    if run['notebook'] != notebook:
        return f"notebook 값({run['notebook']!r})이 파일 이름과 다릅니다"
    if profile and run.get('profile') not in (None, profile):
        return f"profile 값({run['profile']!r})이 폴더의 프로필({profile})과 다릅니다"
    return None


# ---------------------------------------------------------------------------
# 모아 보기
# ---------------------------------------------------------------------------

def result_files(profile='cpu', folder=None):
    """한 프로필의 결과 파일들 (노트북 이름순)."""
    profile, root, _ = _checked_place('result_files', profile, folder)
    return sorted((root / profile).glob('*.json'))


def load_results(profile='cpu', folder=None):
    """직접 기록한 한 프로필의 모든 실행을 DataFrame 하나로: 한 행 = 노트북 하나의 label 하나.

    열: ``notebook, label, model, profile, source, train_size, val_size, resize, params,
    flops, img_per_s, minutes, epochs, val_acc, book_figure, stop_reason, settings, history,
    machine``.  ``profile``은 대소문자를 가리지 않습니다.  아직 기록이 없으면 그렇다고 한 줄
    알리고 같은 열의 빈 DataFrame을 돌려줍니다.  인자나 ``D2LMINI_RESULTS``로 정한 폴더가
    없으면(오타 등) 오류로 알립니다.  패키지와 함께 오는 기준 실행은 ``reference_results()``.
    """
    profile, runs = _local_runs('load_results', profile, folder, quiet=False)
    return _frame(runs, COLUMNS)


def reference_results(profile='cpu'):
    """패키지와 함께 오는 기준 실행(저장소에 커밋된 실행)을 DataFrame 하나로.

    결과 폴더가 없어도(노트북 하나만 연 Colab 등) 언제나 있습니다.  ``load_results``의 열에
    ``origin``(예: ``'기준 실행 (cpu, AMD EPYC)'``)과 ``device``(GPU 이름 또는 ``'CPU'``)를 더합니다.
    """
    profile, runs = _reference_runs(profile)
    return _frame(_with_origin(runs, '기준 실행'), COLUMNS + ORIGIN_COLUMNS)


def results_with_reference(profile=None, folder=None):
    """직접 기록한 실행과 기준 실행을 한 표로: ``origin``과 ``device`` 열로 구별합니다.

    ``profile``은 직접 기록한 실행의 프로필(기본: 지금 프로필, 예: GPU에서는 ``'book'``)이고,
    기준 실행은 언제나 ``cpu``입니다.  저장소의 notebooks/ 폴더처럼 기준 실행과 똑같은 기록은
    한 번만(기준 실행으로) 보입니다.
    """
    profile = current_profile() if profile is None else profile
    profile, mine = _local_runs('results_with_reference', profile, folder, quiet=True)
    _, reference = _reference_runs('cpu')
    shipped = {_dump(run) for run in reference}
    mine = [run for run in mine if _dump(run) not in shipped]
    rows = _with_origin(mine, '직접 실행') + _with_origin(reference, '기준 실행')
    return _frame(rows, COLUMNS + ORIGIN_COLUMNS)


def _local_runs(caller, profile, folder, quiet):
    """결과 폴더에서 한 프로필의 실행들을 읽습니다: ``(프로필, 실행 목록)``."""
    profile, root, chosen_by = _checked_place(caller, profile, folder)
    if chosen_by and not root.exists():
        raise FileNotFoundError(f'{chosen_by}로 정한 결과 폴더가 없습니다({root.as_posix()}): '
                                '경로에 오타가 없는지 확인하세요.')
    files = sorted((root / profile).glob('*.json'))
    if not files and not quiet:
        print(f'{(root / profile).as_posix()}/에 기록된 실행이 아직 없습니다: 노트북을 {profile} '
              '프로필로 실행하면 생기고, 패키지와 함께 오는 기준 실행은 d2l.reference_results()로 '
              '볼 수 있습니다.')
    return profile, [run for path in files for run in _read(path, profile)['runs']]


def _reference_runs(profile):
    profile, root, _ = _checked_place('reference_results', profile, REFERENCE_FOLDER)
    files = sorted((root / profile).glob('*.json'))
    if not files:
        shipped = sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
        raise ValueError(f"패키지와 함께 오는 기준 실행은 {', '.join(shipped) or '없는'} 프로필뿐입니다"
                         f"(받은 값: {profile!r}): reference_results('cpu')처럼 부르세요.")
    return profile, [run for path in files for run in _read(path, profile)['runs']]


def _with_origin(runs, kind):
    """실행마다 어디서 왔는지(origin)와 어느 장치에서 훈련했는지(device)를 붙입니다."""
    labelled = []
    for run in runs:
        info = run.get('machine') or {}
        device = info.get('gpu') or 'CPU'
        where = info.get('gpu') or info.get('cpu') or 'CPU'
        labelled.append({**run, 'origin': f"{kind} ({run.get('profile')}, {where})",
                         'device': device})
    return labelled


def _frame(runs, columns):
    import pandas as pd

    return pd.DataFrame([_row(run) for run in runs], columns=columns)


def _row(run):
    """결과 파일의 실행 하나 → DataFrame의 행 하나 (data 안의 값을 펼칩니다)."""
    data = run.get('data') or {}
    resize = data.get('resize') or [None]
    row = {'notebook': run['notebook'], 'label': run['label'], 'model': run.get('model'),
           'profile': run.get('profile'), 'source': data.get('source'),
           'train_size': data.get('train_size'), 'val_size': data.get('val_size'),
           'resize': resize[0], 'params': run.get('params'), 'flops': run.get('flops'),
           'img_per_s': run.get('img_per_s'), 'minutes': run.get('minutes'),
           'epochs': run.get('epochs'), 'val_acc': run.get('val_acc'),
           'book_figure': run.get('book_figure'), 'stop_reason': run.get('stop_reason'),
           'settings': run.get('settings') or {}, 'history': run.get('history') or [],
           'machine': run.get('machine') or {}}
    for column in ORIGIN_COLUMNS:
        if column in run:
            row[column] = run[column]
    return row


# ---------------------------------------------------------------------------
# 설정 요약 (README의 결과 표와 10 비교 노트북의 표가 함께 씀)
# ---------------------------------------------------------------------------

def recipe_name(settings):
    """기록된 설정에 적힌 훈련 레시피의 이름(``'cpu'``, ``'book'`` …).  레시피가 없는 기록이면 None."""
    recipe = settings.get('recipe') if isinstance(settings, dict) else None
    return recipe.get('name') if isinstance(recipe, dict) else None


def settings_summary(settings, resize=None):
    """설정을 짧은 한국어 한 줄로, 예: ``28px, 배치 128, lr 0.05, 4에폭, arch=((1, 64), (1, 128))``."""
    settings = dict(settings)
    settings.pop('profile', None)
    parts = []
    size = settings.pop('resize', resize)
    if size is not None and size == size:
        size = [int(v) for v in (size if isinstance(size, (list, tuple)) else [size, size])]
        parts.append(f'{size[0]}px' if size[0] == size[-1] else f'{size[0]}×{size[1]}px')
    if 'batch_size' in settings:
        parts.append(f"배치 {settings.pop('batch_size')}")
    if 'lr' in settings:
        parts.append(f"lr {settings.pop('lr'):g}")
    if 'max_epochs' in settings:
        parts.append(f"{settings.pop('max_epochs')}에폭")
    for key, value in settings.items():
        if key == 'recipe':                # 레시피는 재료 대신 이름만
            value = recipe_name(settings)
        parts.append(f'{key}={_tuple_text(value)}')
    return ', '.join(parts)


def _tuple_text(value):
    if isinstance(value, list):
        return '(' + ', '.join(_tuple_text(v) for v in value) + (',)' if len(value) == 1 else ')')
    return str(value)
