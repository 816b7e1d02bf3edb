"""실행 기록 읽기: 결과 파일을 확인하고, 모아 보고, 서로 비교합니다.

기록하는 쪽(``d2l.record_run``)은 ``d2lmini.results``에 있고, 이 모듈은 파일을 읽기만 합니다.

* ``load_results(profile)``: 직접 기록한 실행(결과 폴더)을 DataFrame 하나로.
* ``reference_results()``: 패키지와 함께 오는 기준 실행(저장소에 커밋된 ``cpu`` 실행).
  저장소 없이 노트북 하나만 연 Colab에서도 있습니다.
* ``results_with_reference(profile)``: 둘을 한 표로. ``origin`` 열이 어디서 온 행인지,
  ``device`` 열이 어떤 장치에서 훈련했는지 알려 줍니다.
* ``compare_runs(profiles, notebooks)``: 10 비교 노트북의 표. 같은 예산의 기준 실행과 직접
  실행을 그림에 쓸 열과 함께 한 표로 모읍니다.  ``pareto_front``가 그 표에서 전선을 찾습니다.

여러 곳이 함께 쓰는 뜻은 여기서 한 번씩 정합니다.

* **같은 실행**(``same_run``): 기록의 모든 값이 같은 두 실행.  저장소의 notebooks/ 폴더에서 읽은
  ``cpu`` 기록은 기준 실행의 원본이라 똑같으므로 한 번만(기준 실행으로) 보입니다.
* **같은 예산**(``in_same_budget``): ``cpu`` 레시피로 훈련한 모델의 실행.  레시피의 재료를 하나씩
  더한 실행(이름이 ``ABLATION_PREFIX``로 시작, ``benchmarks/recipe_ablation.py``)은 뺍니다.
* **출처와 장치**: ``origin`` 열은 ``'기준 실행 (cpu, AMD EPYC)'``처럼 종류, 프로필, 장치를,
  ``device`` 열은 GPU 이름이나 ``'CPU'``를 적습니다.

README의 결과 표는 라이브러리가 아니라 ``scripts/results_table.py`` (``make results``)가
이 모듈의 함수로 만듭니다.
"""
import errno
import json
import math
import os
import tempfile
from pathlib import Path

import pandas as pd

from .diagnose import fraction_text
from .fonts import label as figure_text
from .notebook import notice, notice_once
from .profiles import PROFILES
from .profiles import profile as current_profile

RESULTS_ENV = 'D2LMINI_RESULTS'
DEFAULT_FOLDER = 'results'
# 패키지와 함께 오는 기준 실행: notebooks/results/cpu/*.json의 복사본 (make results가 맞춤).
REFERENCE_FOLDER = Path(__file__).with_name('reference')
# 같은 예산: 모델 실행을 모두 이 이름의 레시피로 훈련했습니다(d2l.CPU_RECIPE).
BUDGET_RECIPE = 'cpu'
# 훈련 레시피의 재료별 실행(benchmarks/recipe_ablation.py)은 이름이 이렇게 시작합니다.
ABLATION_PREFIX = '레시피: '

# load_results의 열 순서 (한 행 = 노트북 하나의 실행 하나).
COLUMNS = ['notebook', 'label', 'model', 'profile', 'source', 'train_size', 'val_size',
           'resize', 'params', 'flops', 'img_per_s', 'minutes', 'epochs', 'val_acc',
           'book_figure', 'stop_reason', 'settings', 'history', 'machine']
# reference_results와 results_with_reference가 더하는 열: 어디서 온 행인가, 어느 장치였나.
ORIGIN_COLUMNS = ['origin', 'device']
# 출처의 종류와 그 영어 이름(한글 글꼴이 없는 그림에 씀).
REFERENCE_KIND, OWN_KIND = '기준 실행', '직접 실행'
KIND_IN_ENGLISH = {REFERENCE_KIND: 'reference', OWN_KIND: 'own run'}


# ---------------------------------------------------------------------------
# 결과 폴더와 프로필 (기록하는 record_run도 씀)
# ---------------------------------------------------------------------------

def results_folder(folder=None):
    """결과 폴더: 인자 → 환경 변수 ``D2LMINI_RESULTS`` → ``results`` (작업 디렉터리 기준).

    ``~/results``의 ``~``는 홈 폴더로 읽습니다(작업 디렉터리에 ``~``라는 폴더를 만들지 않도록).
    """
    return Path(folder or os.environ.get(RESULTS_ENV) or DEFAULT_FOLDER).expanduser()


def checked_place(caller, profile, folder=None):
    """``profile``과 ``folder``를 한곳에서 확인해 ``(프로필, 결과 폴더, 폴더를 정한 곳)``을 돌려줍니다.

    프로필은 대소문자를 가리지 않습니다('CPU' → 'cpu'): 프로필 이름이 모두 소문자라 헷갈릴 일이
    없기 때문입니다.  폴더를 정한 곳은 인자나 환경 변수면 그 이름, 기본 폴더면 None입니다.
    """
    name = profile.strip().lower() if isinstance(profile, str) else None
    if name not in PROFILES:
        raise ValueError(f"{caller}의 profile은 {', '.join(map(repr, PROFILES))} 중 하나여야 "
                         f'합니다(받은 값: {profile!r}).')
    chosen_by = 'folder 인자' if folder else (RESULTS_ENV if os.environ.get(RESULTS_ENV) else None)
    root = results_folder(folder)
    for spot in (root, root / name):     # 결과 폴더와 그 안의 프로필 폴더
        if spot.exists() and not spot.is_dir():
            fix = (f'{chosen_by}에는 폴더를 주세요' if chosen_by and spot == root
                   else f'그 파일을 옮기거나 {RESULTS_ENV}로 다른 폴더를 정하세요')
            raise NotADirectoryError(f'결과 폴더 자리에 파일이 있습니다({spot.as_posix()}): {fix}.')
    return name, root, chosen_by


def place_problem(profile, folder=None, notebook=None):
    """``결과 폴더/<profile>/``(``notebook``을 주면 그 결과 파일)에 기록할 수 없는 까닭을 한 문장으로.
    기록할 수 있으면 None.

    Trainer.fit이 훈련 전에(알림으로), record_run이 기록 전에(오류로) 같은 검사를 합니다: 폴더 자리의
    파일, 결과 파일 자리의 폴더, 쓸 수 없는 폴더를 훈련을 마친 뒤에야 알게 되지 않도록.
    """
    root = results_folder(folder)
    place = root / profile
    chosen_by = 'folder 인자' if folder else (RESULTS_ENV if os.environ.get(RESULTS_ENV) else None)
    fix = (f'{chosen_by}에 쓸 수 있는 폴더를 주세요' if chosen_by else
           f'record_run(..., folder=...)이나 환경 변수 {RESULTS_ENV}로 쓸 수 있는 폴더를 정하세요')
    for spot in (root, place):
        if spot.exists() and not spot.is_dir():
            return f'결과 폴더 자리에 파일이 있습니다({spot.as_posix()}): 그 파일을 옮기거나 {fix}.'
    spots = [place / f'{notebook}.json'] if notebook else sorted(place.glob('*.json'))
    spots.append(root / f'.{profile}.lock')   # record_run이 쓰는 잠금 파일
    folders = [spot.as_posix() for spot in spots if spot.is_dir()]
    if folders:
        return (f"파일이 있어야 할 자리에 폴더가 있습니다({', '.join(folders)}): 그 폴더의 이름을 "
                '바꾸거나 결과 폴더 밖으로 옮기세요.')
    reason = _write_problem(place)
    if reason:
        return f'결과 폴더 {place.as_posix()}에 쓸 수 없습니다({reason}): {fix}.'
    return None


def _write_problem(place):
    """``place``(없으면 record_run이 만들 가장 가까운 윗폴더)에 파일을 쓸 수 없는 까닭, 쓸 수 있으면 None."""
    while not place.exists() and place != place.parent:
        place = place.parent
    if not place.is_dir():
        return f'{place.as_posix()}이 폴더가 아님'
    try:   # 권한은 os.access보다 실제로 써 보는 것이 정확합니다(관리자 권한, 읽기 전용 파일 시스템)
        with tempfile.NamedTemporaryFile(dir=place, prefix='.d2lmini-check-'):
            pass
    except OSError as err:
        why = {errno.EACCES: '쓰기 권한이 없음', errno.EPERM: '쓰기 권한이 없음',
               errno.EROFS: '읽기 전용 파일 시스템', errno.ENOSPC: '디스크가 가득 참'}
        return why.get(err.errno, f'{place.as_posix()}에 파일을 만들 수 없음: {err.strerror}')
    return None


# ---------------------------------------------------------------------------
# 결과 파일의 모양과 확인
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


def read_file(path, profile=None):
    """결과 파일을 읽고 확인합니다: 틀린 곳이 있으면 파일, 실행, 필드를 짚는 문장 하나로 알립니다.

    편집기가 붙인 UTF-8 BOM이 있어도 읽습니다.
    """
    path = Path(path)
    where = path.as_posix()
    if path.is_dir():
        raise ValueError(f'{where}은 결과 파일이 아니라 폴더입니다: 그 폴더의 이름을 바꾸거나 결과 폴더 '
                         '밖으로 옮기세요.')
    try:
        content = json.loads(path.read_text(encoding='utf-8-sig'))
    except ValueError as err:  # JSON 문법 오류나 UTF-8이 아닌 글자
        spot = f'{err.lineno}번째 줄 {err.colno}번째 글자' if hasattr(err, 'lineno') else 'UTF-8 아님'
        raise ValueError(f'{where}은 JSON으로 읽을 수 없습니다({spot}): {_fix(path)}') from err
    fix = _fix(path, content)
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


def _fix(path, content=None):
    """고치는 방법: 노트북 이름은 파일이 그 노트북의 기록이라고 적혀 있을 때만 짚습니다(없는 노트북을
    다시 실행하라고 하지 않도록)."""
    if isinstance(content, dict) and content.get('notebook') == path.stem:
        return f'파일을 고치거나, 지우고 {path.stem} 노트북을 다시 실행하세요.'
    return '파일을 고치거나, 결과 파일이 아니면 결과 폴더 밖으로 옮기세요.'


def is_results_file(path):
    """결과 폴더의 ``*.json`` 가운데 record_run의 결과 파일로 읽을 것인가.

    폴더와, runs도 notebook도 없는 JSON(메모 같은 다른 파일)은 아닙니다.  JSON으로 읽을 수 없는
    파일은 결과 파일로 봅니다: 망가진 기록을 조용히 건너뛰지 않고 read_file이 알리도록.
    """
    if not path.is_file():
        return False
    try:
        content = json.loads(path.read_text(encoding='utf-8-sig'))
    except (OSError, ValueError):
        return True
    return isinstance(content, dict) and ('runs' in content or 'notebook' in content)


def results_in(place):
    """``place``(프로필 폴더)의 결과 파일들(이름순).  결과 파일이 아닌 것은 한 번 알리고 건너뜁니다."""
    paths = []
    for path in sorted(place.glob('*.json')):
        if is_results_file(path):
            paths.append(path)
        else:
            what = '폴더' if path.is_dir() else 'runs 목록이 없는 파일'
            notice_once(f'not-results:{path}', f'{path.as_posix()}은 record_run이 쓴 결과 파일이 아니라서'
                        f'({what}) 읽지 않고 건너뜁니다: 결과 파일이 아니면 결과 폴더 밖으로 옮기세요.')
    return paths


def latest_per_label(runs, path):
    """한 파일에 같은 label이 여러 번 있으면 마지막 것만 남기고 그렇다고 알립니다(파일은 그대로 둠)."""
    labels = [run['label'] for run in runs]
    twice = sorted({label for label in labels if labels.count(label) > 1})
    if not twice:
        return runs
    notice_once(f'twice:{path}', f"{Path(path).as_posix()}에 같은 label({', '.join(map(repr, twice))})의 "
                '실행이 여러 번 있어 마지막 것만 읽습니다: 파일에서 앞의 것을 지우세요.')
    return [run for i, run in enumerate(runs) if run['label'] not in labels[i + 1:]]


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
# 같은 실행, 같은 예산, 출처
# ---------------------------------------------------------------------------

def same_run(a, b):
    """두 기록이 같은 실행인가: 설정, 기계, 에폭별 기록, 걸린 시간까지 모든 값이 같을 때만.

    같은 설정과 시드로 다시 훈련해도 걸린 시간은 달라지므로, 같은 실행은 한 기록의 복사본뿐입니다.
    """
    return a == b


def _new_runs(runs, shipped):
    """``runs`` 가운데 ``shipped``의 어느 실행과도 같은 실행이 아닌 것."""
    return [run for run in runs if not any(same_run(run, other) for other in shipped)]


def recipe_name(settings):
    """기록된 설정에 적힌 훈련 레시피의 이름(``'cpu'``, ``'book'`` …).  레시피가 없는 기록이면 None."""
    recipe = settings.get('recipe') if isinstance(settings, dict) else None
    return recipe.get('name') if isinstance(recipe, dict) else None


def is_ablation(label):
    """훈련 레시피의 재료별 실행인가: 이름이 ``ABLATION_PREFIX``('레시피: ')로 시작합니다."""
    return isinstance(label, str) and label.startswith(ABLATION_PREFIX)


def in_same_budget(settings, label):
    """같은 예산의 모델 실행인가: ``cpu`` 레시피로 훈련했고 재료별 실행이 아닙니다."""
    return recipe_name(settings) == BUDGET_RECIPE and not is_ablation(label)


def same_budget(runs):
    """실행 표(DataFrame)에서 같은 예산의 모델 실행만 남깁니다: 재료별 실행, 책의 방법 같은
    다른 레시피로 훈련한 실행은 뺍니다."""
    return runs[[in_same_budget(s, name) for s, name in zip(runs['settings'], runs['label'])]]


def _device(run):
    """GPU 이름, 없으면 'CPU'."""
    return (run.get('machine') or {}).get('gpu') or 'CPU'


def _origin(kind, run, profile=None):
    """'기준 실행 (cpu, AMD EPYC)': 출처의 종류, 프로필, 장치(GPU, 없으면 CPU 모델)."""
    info = run.get('machine') or {}
    where = info.get('gpu') or info.get('cpu') or 'CPU'
    return f"{kind} ({run.get('profile') or profile}, {where})"


def _with_origin(runs, kind, profile=None):
    """실행마다 어디서 왔는지(origin)와 어느 장치에서 훈련했는지(device)를 붙입니다."""
    return [{**run, 'origin': _origin(kind, run, profile), 'device': _device(run)} for run in runs]


# ---------------------------------------------------------------------------
# 모아 보기
# ---------------------------------------------------------------------------

def result_files(profile='cpu', folder=None):
    """한 프로필의 결과 파일들 (노트북 이름순)."""
    profile, root, _ = checked_place('result_files', profile, folder)
    return results_in(root / profile)


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
    return _frame(_with_origin(runs, REFERENCE_KIND), COLUMNS + ORIGIN_COLUMNS)


def results_with_reference(profile=None, folder=None):
    """직접 기록한 실행과 기준 실행을 한 표로: ``origin``과 ``device`` 열로 구별합니다.

    ``profile``은 직접 기록한 실행의 프로필(기본: 지금 프로필, 예: GPU에서는 ``'book'``)이고,
    기준 실행은 언제나 ``cpu``입니다.  저장소의 notebooks/ 폴더처럼 기준 실행과 같은 실행
    (``same_run``)은 한 번만(기준 실행으로) 보입니다.
    """
    profile = current_profile() if profile is None else profile
    profile, mine = _local_runs('results_with_reference', profile, folder, quiet=True)
    _, reference = _reference_runs('cpu')
    rows = (_with_origin(_new_runs(mine, reference), OWN_KIND)
            + _with_origin(reference, REFERENCE_KIND))
    return _frame(rows, COLUMNS + ORIGIN_COLUMNS)


def _local_runs(caller, profile, folder, quiet):
    """결과 폴더에서 한 프로필의 실행들을 읽습니다: ``(프로필, 실행 목록)``."""
    profile, root, chosen_by = checked_place(caller, profile, folder)
    if chosen_by and not root.exists():
        raise FileNotFoundError(f'{chosen_by}로 정한 결과 폴더가 없습니다({root.as_posix()}): '
                                '경로에 오타가 없는지 확인하세요.')
    files = results_in(root / profile)
    if not files and not quiet:
        notice(f'{(root / profile).as_posix()}/에 기록된 실행이 아직 없습니다: 노트북을 {profile} '
               '프로필로 실행하면 생기고, 패키지와 함께 오는 기준 실행은 d2l.reference_results()로 '
               '볼 수 있습니다.')
    return profile, _runs_in(files, profile)


def _runs_in(files, profile):
    """결과 파일들의 실행을 차례로: 한 파일 안에서 같은 label은 마지막 것만."""
    return [run for path in files for run in latest_per_label(read_file(path, profile)['runs'], path)]


def _reference_runs(profile):
    profile, root, _ = checked_place('reference_results', profile, REFERENCE_FOLDER)
    files = results_in(root / profile)
    if not files:
        shipped = sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
        raise ValueError(f"패키지와 함께 오는 기준 실행은 {', '.join(shipped) or '없는'} 프로필뿐입니다"
                         f"(받은 값: {profile!r}): reference_results('cpu')처럼 부르세요.")
    return profile, _runs_in(files, profile)


def _frame(runs, columns):
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
# 글로 적기 (README의 결과 표와 10 비교 노트북이 함께 씀)
# ---------------------------------------------------------------------------

def missing(value):
    """기록에 없는 값인가: None이거나, 표로 읽으며 pandas가 채운 NaN."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def settings_summary(settings, resize=None):
    """설정을 짧은 한국어 한 줄로, 예: ``28px, 배치 128, lr 0.05, 4에폭, arch=((1, 64), (1, 128))``.

    훈련을 float32가 아닌 방법으로 계산했으면(``computation``) 끝에 ``bf16 + channels_last``처럼 붙입니다.
    """
    settings = dict(settings)
    settings.pop('profile', None)
    parts = []
    size = settings.pop('resize', resize)
    if not missing(size):
        size = [int(v) for v in (size if isinstance(size, (list, tuple)) else [size, size])]
        parts.append(f'{size[0]}px' if size[0] == size[-1] else f'{size[0]}×{size[1]}px')
    if 'batch_size' in settings:
        parts.append(f"배치 {settings.pop('batch_size')}")
    if 'lr' in settings:
        parts.append(f"lr {settings.pop('lr'):g}")
    if 'max_epochs' in settings:
        parts.append(f"{settings.pop('max_epochs')}에폭")
    computation = settings.pop('computation', 'float32')
    for key, value in settings.items():
        if key == 'recipe':                # 레시피는 재료 대신 이름만
            value = recipe_name(settings)
        parts.append(f'{key}={_tuple_text(value)}')
    if computation != 'float32':           # 기본(float32)이 아닌 계산만: 예 'bf16 + channels_last'
        parts.append(computation)
    return ', '.join(parts)


def _tuple_text(value):
    if isinstance(value, list):
        return '(' + ', '.join(_tuple_text(v) for v in value) + (',)' if len(value) == 1 else ')')
    return str(value)


def run_tag(notebook, label, model, profile=None):
    """그림에 붙일 짧은 이름: ``'07 ResNet'``, 직접 실행이면 ``'07 ResNet [book]'``처럼 프로필을 붙입니다.

    한글이 든 ``label``은 한글 글꼴이 없으면 모델 클래스 이름(``model``)으로 바꿉니다.
    """
    name = label if label.isascii() else figure_text(label, model)
    return f'{notebook[:2]} {name}' + (f' [{profile}]' if profile else '')


# ---------------------------------------------------------------------------
# 비교 (10 비교 노트북)
# ---------------------------------------------------------------------------

def compare_runs(profiles, notebooks, folder=None):
    """같은 예산의 기준 실행과 ``profiles``의 직접 실행을 한 표로 모으고, 무엇을 모았는지 알립니다.

    인자:
        profiles: 함께 볼 직접 실행의 프로필들, 예: ``('cpu', 'book')``.
        notebooks: 비교할 노트북 이름들. 기록이 빠진 노트북을 알리는 데 씁니다.
        folder: 직접 실행의 결과 폴더(기본은 ``D2LMINI_RESULTS`` 또는 ``results``).

    직접 실행에서는 재료별 실행을 빼고, ``book``이 아닌 프로필에서는 같은 예산의 실행만 남깁니다
    (``book`` 프로필은 책의 방법 그대로라 모두 보여 줍니다).  기준 실행과 같은 실행은 기준 실행으로
    한 번만 둡니다.  기준 실행의 열(``reference_results``)에 다음을 더해, 노트북 순(같은 노트북에서는
    기준 실행이 먼저)으로 돌려줍니다.

    * ``own``: 직접 실행인가.
    * ``tag``: 그림에 붙일 짧은 이름(``run_tag``).
    * ``where``: 범례에 쓸 출처(``origin``)의 그림용 글자.
    * ``gflops_per_s``: 훈련 중 장치가 낸 초당 연산량의 어림값 ``3 × FLOPs × img/s / 10⁹``.
    """
    _, shipped = _reference_runs('cpu')
    reference = [run for run in shipped if in_same_budget(run.get('settings'), run['label'])]
    _report_reference(shipped, reference, notebooks)
    rows = [(run, REFERENCE_KIND, None) for run in reference]
    for profile in profiles:
        rows += [(run, OWN_KIND, profile) for run in _own_runs(profile, folder, shipped, notebooks)]
    rows.sort(key=lambda row: row[0]['notebook'])  # 정렬은 안정적이라 같은 노트북에서는 기준 실행이 먼저
    runs = _frame([{**run, 'origin': _origin(kind, run, profile), 'device': _device(run)}
                   for run, kind, profile in rows], COLUMNS + ORIGIN_COLUMNS)
    runs['own'] = [kind == OWN_KIND for _, kind, _ in rows]
    runs['tag'] = [run_tag(run['notebook'], run['label'], run.get('model'),
                           profile if kind == OWN_KIND else None) for run, kind, profile in rows]
    runs['where'] = [figure_text(_origin(kind, run, profile),
                                 _origin(KIND_IN_ENGLISH[kind], run, profile))
                     for run, kind, profile in rows]
    runs['gflops_per_s'] = 3 * runs['flops'] * runs['img_per_s'] / 1e9
    return runs


def _report_reference(shipped, reference, notebooks):
    """비교에 넣은 기준 실행과 뺀 기준 실행을 두 줄로 알립니다."""
    recorded = {run['notebook'] for run in reference}
    absent = [name for name in notebooks if name not in recorded]
    epochs = ', '.join(f'{n}에폭' for n in sorted({run['epochs'] for run in reference}))
    print(f'기준 실행 ({BUDGET_RECIPE} 레시피, {epochs}): 노트북 {len(notebooks) - len(absent)}개의 '
          f'실행 {len(reference)}개' + (f" (빠진 노트북: {', '.join(absent)})" if absent else ''))
    ablation = [run for run in shipped if is_ablation(run['label'])]
    others = [run for run in shipped if run not in reference and run not in ablation]
    names = '; '.join(f"{run_tag(run['notebook'], run['label'], run.get('model'))}: "
                      f"{_recipe_text(run.get('settings'))}" for run in others)
    print(f'  같은 예산이 아니라 비교에서 뺀 기준 실행 {len(others)}개' + (f'({names})' if names else '')
          + f', 훈련 레시피 절의 재료별 실행 {len(ablation)}개')


def _recipe_text(settings):
    name = recipe_name(settings)
    return f'{name} 레시피' if name else '레시피 기록 없음'


def _own_runs(profile, folder, shipped, notebooks):
    """``profile``의 직접 실행 가운데 비교에 더할 것(기준 실행과 같은 실행은 뺌), 무엇을 뺐는지 알리며."""
    if not result_files(profile, folder):  # 폴더가 없거나 비어 있음(노트북 하나만 연 Colab 등)
        runs = []
    else:
        _, runs = _local_runs('compare_runs', profile, folder, quiet=True)
    runs = [run for run in runs if not is_ablation(run['label'])]
    if profile != 'book':
        kept = [run for run in runs if in_same_budget(run.get('settings'), run['label'])]
        if len(kept) < len(runs):
            print(f'  직접 실행 ({profile}) 가운데 {len(runs) - len(kept)}개는 {BUDGET_RECIPE} 레시피로 '
                  '훈련한 기록이 아니라(책의 방법 같은 다른 레시피) 같은 예산의 비교에서 뺍니다.')
        runs = kept
    new = _new_runs(runs, shipped)
    if runs:
        same = len(runs) - len(new)
        print(f'  직접 실행 ({profile}): 실행 {len(runs)}개'
              + (f' 가운데 {same}개는 기준 실행과 똑같아 기준 실행으로 한 번만 보입니다' if same else ''))
    _report_missing(profile, runs, notebooks)
    return new


def _report_missing(profile, runs, notebooks):
    """직접 실행에서 빠진 노트북과, 기록을 만드는 방법을 한 줄로 알립니다."""
    recorded = {run['notebook'] for run in runs}
    absent = [name for name in notebooks if name not in recorded]
    if not absent:
        return
    how = (f'노트북을 {profile} 프로필로 끝까지 실행하면 results/{profile}/<노트북>.json이 생깁니다'
           + (' (GPU가 있으면 book 프로필이 저절로 골라집니다)' if profile == 'book' else ''))
    if len(absent) == len(notebooks):
        print(f'  직접 실행 ({profile}): 아직 없음 — {how}.')
    else:
        print(f"    기록이 없는 노트북: {', '.join(absent)} — {how}.")


def pareto_front(runs, cost):
    """``cost`` 열에 대해 지배되지 않는 실행들(비용 오름차순): 비용이 작은 것부터 훑으며, 지금까지 본
    것보다 검증 정확도가 높은 실행만 남깁니다(비용이 같으면 정확도가 높은 쪽을 먼저 봅니다)."""
    ordered = runs.dropna(subset=[cost, 'val_acc']).sort_values(
        [cost, 'val_acc'], ascending=[True, False])
    best, keep = -1.0, []
    for index, acc in ordered['val_acc'].items():
        if acc > best:
            best, keep = acc, keep + [index]
    return ordered.loc[keep]
