"""실행 기록: 노트북의 훈련 결과를 작은 JSON 파일로 남기고 다시 모아 봅니다.

노트북의 훈련 절은 ``trainer.fit(...)`` 바로 뒤에 한 줄을 부릅니다::

    d2l.record_run('07_resnet', 'ResNet-18', model, data, trainer, cfg, book_figure=0.90)

그러면 ``results/<프로필>/07_resnet.json`` (작업 디렉터리 기준, 노트북에서는 notebooks/
폴더)에 실행 하나가 ``label`` 이름으로 들어가고(같은 label 은 덮어씀), 결과 한 줄이
출력됩니다.  폴더는 환경 변수 ``D2LMINI_RESULTS`` 로 바꿀 수 있습니다.

``load_results()`` 는 기록을 모두 모아 pandas DataFrame 으로 돌려주고,
``python scripts/results_table.py`` (``make results``)는 README 의 결과 표를 이 파일들로
다시 씁니다.
"""
import json
import math
import os
import platform
import re
from pathlib import Path

import torch

from .analysis import count_flops, num_params
from .profiles import profile as current_profile

ENV_VAR = 'D2LMINI_RESULTS'
DEFAULT_FOLDER = 'results'
README_START = '<!-- results:start -->'
README_END = '<!-- results:end -->'
_NAME = re.compile(r'^[A-Za-z0-9][A-Za-z0-9_.-]*$')

# load_results 의 열 순서 (한 행 = 노트북 하나의 실행 하나).
COLUMNS = ['notebook', 'label', 'model', 'profile', 'source', 'train_size', 'val_size',
           'resize', 'params', 'flops', 'img_per_s', 'minutes', 'epochs', 'val_acc',
           'book_figure', 'stop_reason', 'settings', 'history', 'machine']


# ---------------------------------------------------------------------------
# 기록하기
# ---------------------------------------------------------------------------

def results_folder(folder=None):
    """결과 폴더: 인자 → 환경 변수 ``D2LMINI_RESULTS`` → ``results`` (작업 디렉터리 기준)."""
    return Path(folder or os.environ.get(ENV_VAR) or DEFAULT_FOLDER)


def record_run(notebook, label, model, data, trainer, settings, book_figure=None, folder=None):
    """훈련이 끝난 실행 하나를 ``results/<프로필>/<notebook>.json`` 에 기록하고 한 줄로 알립니다.

    인자:
        notebook: 노트북 이름, 예: ``'07_resnet'``.
        label: 이 실행의 이름, 예: ``'ResNet-18'``.  같은 이름으로 다시 부르면 그 기록을 바꿉니다.
        model, data, trainer: 방금 ``trainer.fit(model, data)`` 에 쓴 것.
        settings: ``d2l.profile_settings(...)`` 가 돌려준 설정(또는 dict).
        book_figure: 책의 그림에서 읽은 검증 정확도(수) 또는 짧은 글, 예: ``0.90``.
        folder: 결과 폴더(기본은 ``D2LMINI_RESULTS`` 또는 ``results``).
    """
    settings = _settings_dict(settings)
    _check_inputs(notebook, label, model, data, trainer)
    history = trainer.history
    profile = settings.pop('profile', None) or current_profile()
    X = _one_validation_batch(data)
    train_size, val_size = _split_sizes(data)
    resize = list(getattr(data, 'image_size', X.shape[-2:]))
    seconds = sum(row.get('seconds', 0.0) for row in history)
    # Trainer 가 잰 순수 훈련 시간(검증 제외). 없으면 에폭 시간의 합으로 어림합니다.
    train_seconds = getattr(trainer, 'train_seconds', 0) or seconds
    epochs = len(history)
    entry = {
        'notebook': notebook,
        'label': label,
        'model': type(model).__name__,
        'profile': profile,
        'settings': _plain(settings),
        'data': {'source': getattr(data, 'source', None), 'train_size': train_size,
                 'val_size': val_size, 'resize': [int(v) for v in resize],
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
    path = results_folder(folder) / profile / f'{notebook}.json'
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
    raise TypeError(f'record_run 의 settings 에는 d2l.profile_settings(...) 가 돌려준 설정이나 dict 를 '
                    f'주세요 (받은 것: {type(settings).__name__}).')


def _check_inputs(notebook, label, model, data, trainer):
    if not (isinstance(notebook, str) and _NAME.match(notebook)):
        raise ValueError(f"record_run 의 notebook 은 '07_resnet' 처럼 영문·숫자·밑줄로 된 노트북 "
                         f'이름이어야 합니다 (받은 값: {notebook!r}).')
    if not (isinstance(label, str) and label.strip()):
        raise ValueError(f"record_run 의 label 은 'ResNet-18' 처럼 비어 있지 않은 글자열이어야 "
                         f'합니다 (받은 값: {label!r}).')
    if not isinstance(model, torch.nn.Module):
        raise TypeError(f'record_run 의 model 은 훈련한 모델(nn.Module)이어야 합니다 '
                        f'(받은 것: {type(model).__name__}).')
    if not hasattr(data, 'val_dataloader'):
        raise TypeError(f'record_run 의 data 는 d2l.DataModule(예: d2l.FashionMNIST)이어야 합니다 '
                        f'(받은 것: {type(data).__name__}).')
    history = getattr(trainer, 'history', None)
    if not history or 'val_acc' not in history[-1]:
        raise ValueError('record_run 은 검증 정확도가 있는 훈련 기록이 필요합니다: '
                         'trainer.fit(model, data) 로 한 에폭 이상 훈련한 뒤에 부르세요.')


def _one_validation_batch(data):
    for X, _ in data.val_dataloader():
        return X
    raise ValueError('record_run 이 FLOPs 를 세려면 검증 미니배치가 하나 이상 있어야 합니다.')


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
    """JSON 으로 쓸 수 있는 값으로 (튜플 → 리스트, 텐서·넘파이 수 → 파이썬 수, 그 밖은 글자)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
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
    runs = []
    if path.exists():
        runs = _read(path)['runs']
    for i, run in enumerate(runs):
        if run['label'] == entry['label']:
            runs[i] = entry
            break
    else:
        runs.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + '.tmp')
    tmp.write_text(_dump({'notebook': entry['notebook'], 'runs': runs}), encoding='utf-8')
    os.replace(tmp, path)


def _read(path):
    try:
        content = json.loads(Path(path).read_text(encoding='utf-8'))
        if not isinstance(content.get('runs'), list):
            raise ValueError
        return content
    except (ValueError, AttributeError) as err:
        raise ValueError(f'{Path(path).as_posix()} 는 record_run 이 쓴 결과 파일이 아닙니다 '
                         f'(JSON 에 runs 목록이 없음); 지우고 그 노트북을 다시 실행하세요.') from err


# ---------------------------------------------------------------------------
# 모아 보기
# ---------------------------------------------------------------------------

def result_files(profile='cpu', folder=None):
    """한 프로필의 결과 파일들 (노트북 이름순)."""
    return sorted((results_folder(folder) / profile).glob('*.json'))


def load_results(profile='cpu', folder=None):
    """한 프로필의 모든 실행을 DataFrame 하나로: 한 행 = 노트북 하나의 label 하나.

    열: ``notebook, label, model, profile, source, train_size, val_size, resize, params,
    flops, img_per_s, minutes, epochs, val_acc, book_figure, stop_reason, settings, history,
    machine``.  결과가 없으면 같은 열의 빈 DataFrame 을 돌려줍니다.
    """
    import pandas as pd

    rows = []
    for path in result_files(profile, folder):
        for run in _read(path)['runs']:
            data = run.get('data', {})
            resize = data.get('resize') or [None]
            rows.append({
                'notebook': run['notebook'], 'label': run['label'], 'model': run.get('model'),
                'profile': run.get('profile'), 'source': data.get('source'),
                'train_size': data.get('train_size'), 'val_size': data.get('val_size'),
                'resize': resize[0], 'params': run.get('params'), 'flops': run.get('flops'),
                'img_per_s': run.get('img_per_s'), 'minutes': run.get('minutes'),
                'epochs': run.get('epochs'), 'val_acc': run.get('val_acc'),
                'book_figure': run.get('book_figure'), 'stop_reason': run.get('stop_reason'),
                'settings': run.get('settings', {}), 'history': run.get('history', []),
                'machine': run.get('machine', {})})
    return pd.DataFrame(rows, columns=COLUMNS)


# ---------------------------------------------------------------------------
# README 의 결과 표
# ---------------------------------------------------------------------------

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
        parts.append(f'{key}={_tuple_text(value)}')
    return ', '.join(parts)


def _tuple_text(value):
    if isinstance(value, list):
        return '(' + ', '.join(_tuple_text(v) for v in value) + (',)' if len(value) == 1 else ')')
    return str(value)


def _count_text(value):
    if value is None:
        return '—'
    for unit, size in (('G', 1e9), ('M', 1e6), ('K', 1e3)):
        if value >= size:
            return f'{value / size:.3g}{unit}'
    return str(value)


def _book_text(value):
    if value is None:
        return '—'
    if isinstance(value, (int, float)):
        text = f'{value:.3f}'  # 0.9 → 0.90, 0.865 → 0.865
        return text[:-1] if text.endswith('0') else text
    return str(value)


def readme_section(folder, profile='cpu'):
    """README 의 두 표시 사이에 들어갈 글(표시 줄은 빼고): 측정 환경 한 줄과 표."""
    runs = load_results(profile, folder)
    if runs.empty:
        return (f'아직 기록된 `{profile}` 결과가 없습니다. 노트북을 `{profile}` 프로필로 실행한 뒤'
                '(`make execute`) `make results`로 이 표를 만드세요.\n')
    machines = []
    for info in runs['machine']:
        text = (f"{info.get('cpu') or 'CPU'}, torch 스레드 {info.get('torch_threads')}, "
                f"GPU {info.get('gpu') or '없음'}, PyTorch {info.get('torch')}, "
                f"파이썬 {info.get('python')}")
        if text not in machines:
            machines.append(text)
    names = {'real': '진짜 Fashion-MNIST', 'synthetic': '합성 대체 데이터'}
    sources = sorted({names.get(s, str(s)) for s in runs['source']})
    lines = [f"측정 환경: {'; '.join(machines)}. 데이터: {', '.join(sources)}.", '',
             '| 노트북 | 모델 | 설정 요약 | 파라미터 | FLOPs/이미지 | 훈련 시간(분) | img/s '
             '| 검증 정확도 | 책의 값 |',
             '|---|---|---|---:|---:|---:|---:|---:|---:|']
    for run in runs.itertuples():
        link = f'[{run.notebook}](notebooks/{run.notebook}.ipynb)'
        speed = '—' if run.img_per_s is None or run.img_per_s != run.img_per_s \
            else f'{int(run.img_per_s):,}'
        acc = '—' if run.val_acc is None or run.val_acc != run.val_acc else f'{run.val_acc:.3f}'
        lines.append(f'| {link} | {run.label} | {settings_summary(run.settings, run.resize)} '
                     f'| {_count_text(run.params)} | {_count_text(run.flops)} '
                     f'| {run.minutes:.1f} | {speed} | {acc} | {_book_text(run.book_figure)} |')
    return '\n'.join(lines) + '\n'


def update_readme(readme, folder=None, profile='cpu', check=False):
    """README 의 ``<!-- results:start -->`` 와 ``<!-- results:end -->`` 사이만 결과 파일로 다시 씁니다.

    ``folder`` 의 기본값은 README 옆의 ``notebooks/results``.  ``check=True`` 면 파일은 그대로
    두고 README 가 이미 최신인지(True/False)만 돌려줍니다.  바꿨거나 최신이면 True.
    """
    readme = Path(readme)
    folder = Path(folder) if folder else readme.parent / 'notebooks' / DEFAULT_FOLDER
    text = readme.read_text(encoding='utf-8')
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f'{readme.as_posix()} 에 {README_START} 와 {README_END} 표시가 차례로 '
                         '있어야 합니다; 결과 표가 들어갈 자리에 두 줄을 넣으세요.')
    head = text[:start + len(README_START)] + '\n'
    new = head + readme_section(folder, profile) + text[end:]
    if check:
        return new == text
    if new != text:
        readme.write_text(new, encoding='utf-8')
    return True


def main(argv=None):
    import argparse

    parser = argparse.ArgumentParser(description='README 의 결과 표를 기록된 결과 파일로 다시 씁니다.')
    parser.add_argument('--readme', default='README.md')
    parser.add_argument('--folder', default=None, help='결과 폴더 (기본: README 옆 notebooks/results)')
    parser.add_argument('--profile', default='cpu')
    parser.add_argument('--check', action='store_true',
                        help='고치지 않고, README 가 결과 파일과 다르면 실패로 끝냅니다')
    args = parser.parse_args(argv)
    same = update_readme(args.readme, args.folder, args.profile, check=args.check)
    if args.check and not same:
        print(f'{args.readme} 의 결과 표가 결과 파일과 다릅니다: make results 로 다시 만드세요.')
        return 1
    print(f'{args.readme}: 결과 표가 최신입니다.' if args.check
          else f'{args.readme}: 결과 표를 다시 썼습니다.')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
