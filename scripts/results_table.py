"""저장소의 실행 기록(notebooks/results)으로 README의 결과 표를 다시 쓰고, 같은 기록을 패키지의 기준 실행으로 복사합니다.

    python scripts/results_table.py            # README.md의 표와 d2lmini/reference/cpu/를 맞춤 (make results)
    python scripts/results_table.py --check    # 둘 중 하나라도 기록과 다르면 실패(고치지 않음)

README의 표는 ``<!-- results:start -->``와 ``<!-- results:end -->`` 사이만 다시 씁니다.
기준 실행(d2lmini/reference/<프로필>/)은 패키지 데이터라서, 저장소 없이 노트북 하나만 여는 Colab에서도
``d2l.reference_results()``로 읽을 수 있습니다.  경로의 기본값은 작업 디렉터리가 아니라 이 스크립트가
든 저장소를 기준으로 합니다.  기록이 하나도 없으면 표를 지우지 않고 실패로 끝납니다.
"""
import argparse
import os
import sys
from pathlib import Path

from d2lmini.runs import fraction_text, load_results, missing, result_files, settings_summary

if str(Path(__file__).resolve().parent) not in sys.path:   # 테스트처럼 파일 경로로 불러와도 옆 모듈을 찾게
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from script_checks import (ScriptError, check_writable_folder, read_text, reason,  # noqa: E402
                           run as run_main, shown, write_text)

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / 'd2lmini' / 'reference'
README_START = '<!-- results:start -->'
README_END = '<!-- results:end -->'


# ---------------------------------------------------------------------------
# README의 결과 표
# ---------------------------------------------------------------------------

def _count_text(value):
    if missing(value):
        return '—'
    for unit, size in (('G', 1e9), ('M', 1e6), ('K', 1e3)):
        if value >= size:
            return f'{value / size:.3g}{unit}'
    return str(value)


def _book_text(value):
    if missing(value):
        return '—'
    return fraction_text(value) if isinstance(value, (int, float)) else str(value)


LINE_BREAKS = '\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029'


def cell(value, notebook='', column='칸'):
    """표 한 칸의 글: ``|``는 ``\\|``로 적어 칸을 나누지 않게 합니다.

    줄바꿈은 마크다운 표 한 칸에 넣을 수 없어 ScriptError입니다(기록을 고치라는 한 문장).
    """
    text = str(value)
    if any(ch in LINE_BREAKS for ch in text):
        raise ScriptError(f'{notebook} 노트북 기록의 {column}({text!r})에 줄바꿈이 있어 README 표의 한 칸에 '
                          '넣을 수 없습니다: 줄바꿈 없는 이름으로 다시 기록하세요.')
    return text.replace('\\', '\\\\').replace('|', '\\|')


def _machine_text(info):
    return (f"{info.get('cpu') or 'CPU'}, torch 스레드 {info.get('torch_threads')}, "
            f"GPU {info.get('gpu') or '없음'}, PyTorch {info.get('torch')}, "
            f"파이썬 {info.get('python')}")


def readme_section(folder, profile='cpu'):
    """README의 두 표시 사이에 들어갈 글(표시 줄은 빼고): 측정 환경 한 줄과 표.

    기록이 하나도 없으면 ValueError: 빈 표로 README를 덮어쓰지 않기 위해서입니다.
    """
    runs = load_results(profile, folder)
    if runs.empty:
        raise ValueError(f'{Path(folder).as_posix()}에 {profile} 프로필의 기록이 없어 README의 표를 '
                         '그대로 둡니다: --folder와 --profile을 확인하세요.')
    machines = list(dict.fromkeys(_machine_text(info) for info in runs['machine']))
    names = {'real': '진짜 Fashion-MNIST', 'synthetic': '합성 대체 데이터'}
    sources = sorted({names.get(s, str(s)) for s in runs['source']})
    lines = [f"측정 환경: {'; '.join(machines)}. 데이터: {', '.join(sources)}.", '',
             '| 노트북 | 모델 | 설정 요약 | 파라미터 | FLOPs/이미지 | 훈련 시간(분) | img/s '
             '| 검증 정확도 | 책의 값 |',
             '|---|---|---|---:|---:|---:|---:|---:|---:|']
    for run in runs.itertuples():
        link = f'[{run.notebook}](notebooks/{run.notebook}.ipynb)'
        speed = '—' if missing(run.img_per_s) else f'{int(run.img_per_s):,}'
        row = [link, cell(run.label, run.notebook, '실행 이름'),
               cell(settings_summary(run.settings, run.resize), run.notebook, '설정 요약'),
               _count_text(run.params), _count_text(run.flops), f'{run.minutes:.1f}', speed,
               f'{run.val_acc:.3f}', cell(_book_text(run.book_figure), run.notebook, '책의 값')]
        lines.append('| ' + ' | '.join(row) + ' |')
    return '\n'.join(lines) + '\n'


def update_readme(readme, folder=None, profile='cpu', check=False):
    """README의 ``<!-- results:start -->``와 ``<!-- results:end -->`` 사이만 결과 파일로 다시 씁니다.

    ``folder``의 기본값은 README 옆의 ``notebooks/results``.  ``check=True``면 파일은 그대로
    두고 README가 이미 최신인지(True/False)만 돌려줍니다.  바꿨거나 최신이면 True.
    """
    readme = Path(readme)
    folder = Path(folder) if folder else readme.parent / 'notebooks' / 'results'
    text = read_text(readme, 'README 파일')
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f'{readme.as_posix()}에 {README_START}와 {README_END} 표시가 차례로 '
                         '있어야 합니다: 결과 표가 들어갈 자리에 두 줄을 넣으세요.')
    head = text[:start + len(README_START)] + '\n'
    new = head + readme_section(folder, profile) + text[end:]
    if check:
        return new == text
    if new != text:
        write_text(readme, new)
    return True


# ---------------------------------------------------------------------------
# 패키지와 함께 가는 기준 실행
# ---------------------------------------------------------------------------

def sync_reference(folder, profile='cpu', reference=REFERENCE, check=False):
    """``folder/<프로필>/*.json``을 ``reference/<프로필>/``에 바이트 그대로 복사합니다(없어진 파일은 지움).

    ``check=True``면 복사하지 않고 이미 같은지만(True/False) 돌려줍니다.
    """
    files = result_files(profile, folder)
    if not files:
        raise ValueError(f'{Path(folder).as_posix()}에 {profile} 프로필의 기록이 없어 기준 실행을 '
                         '그대로 둡니다: --folder와 --profile을 확인하세요.')
    reference = Path(reference)
    if reference.exists() and not reference.is_dir():
        raise ScriptError(f'기준 실행 폴더로 준 {shown(reference)}에 폴더 대신 파일이 있습니다: '
                          '--reference에 폴더 경로를 주세요.')
    target = reference / files[0].parent.name  # 확인을 거친 프로필 이름('CPU' → 'cpu')
    wanted = {path.name: path.read_bytes() for path in files}
    shipped = {path.name: path.read_bytes() for path in target.glob('*.json') if path.is_file()}
    if check or wanted == shipped:
        return wanted == shipped
    check_writable_folder(target, '기준 실행 폴더')
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name in shipped.keys() - wanted.keys():
            (target / name).unlink()
        for name, content in wanted.items():
            if shipped.get(name) != content:
                (target / name).write_bytes(content)
    except OSError as error:
        raise ScriptError(f'기준 실행 폴더 {shown(target)}에 쓰지 못했습니다({reason(error)}): '
                          '쓰기 권한과 남은 공간을 확인하세요.') from None
    return True


# ---------------------------------------------------------------------------
# 명령줄
# ---------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(
        description='README의 결과 표와 패키지의 기준 실행을 저장소의 실행 기록으로 다시 만듭니다.')
    parser.add_argument('--readme', default=str(ROOT / 'README.md'))
    parser.add_argument('--folder', default=None,
                        help='결과 폴더 (기본: README 옆 notebooks/results)')
    parser.add_argument('--profile', default='cpu')
    parser.add_argument('--reference', default=str(REFERENCE),
                        help='기준 실행을 둘 패키지 폴더 (기본: d2lmini/reference)')
    parser.add_argument('--check', action='store_true',
                        help='고치지 않고, README나 기준 실행이 기록과 다르면 실패로 끝냅니다')
    args = parser.parse_args(argv)
    readme = Path(args.readme)
    folder = Path(args.folder) if args.folder else readme.parent / 'notebooks' / 'results'
    try:
        # 둘 다 먼저 만들어 보고 쓸 곳도 확인하므로, 무엇이 막히든 README와 기준 실행은 그대로입니다.
        same_table = update_readme(readme, folder, args.profile, check=True)
        same_reference = sync_reference(folder, args.profile, args.reference, check=True)
        if not args.check:
            if not same_table and not os.access(readme, os.W_OK):
                raise ScriptError(f'{shown(readme)}에 쓸 권한이 없어 결과 표를 고치지 못합니다: '
                                  '파일의 쓰기 권한을 확인하세요.')
            if not same_reference:
                check_writable_folder(args.reference, '기준 실행 폴더')
            same_table = update_readme(readme, folder, args.profile)
            same_reference = sync_reference(folder, args.profile, args.reference)
    except ValueError as err:       # d2lmini가 기록을 읽다가 알린 한 문장
        raise ScriptError(str(err)) from None
    except OSError as err:
        raise ScriptError(f'{shown(err.filename or folder)}에 접근하지 못했습니다({reason(err)}): '
                          '경로와 권한을 확인하세요.') from None
    if not same_table:
        print(f'{shown(readme)}의 결과 표가 결과 파일과 다릅니다: make results로 다시 만드세요.')
    if not same_reference:
        print(f'{shown(args.reference)}의 기준 실행이 결과 파일과 다릅니다: make results로 다시 복사하세요.')
    if not (same_table and same_reference):
        return 1
    print(f'{shown(readme)}의 결과 표와 기준 실행이 최신입니다.' if args.check
          else f'{shown(readme)}의 결과 표와 기준 실행을 기록에 맞췄습니다.')
    return 0


if __name__ == '__main__':
    sys.exit(run_main(main, sys.argv[1:]))
