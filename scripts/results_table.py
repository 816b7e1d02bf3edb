"""커밋된 실행 기록으로 README의 결과 표를 다시 쓰고, 같은 기록을 패키지의 기준 실행으로 복사합니다.

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
        lines.append(f'| {link} | {run.label} | {settings_summary(run.settings, run.resize)} '
                     f'| {_count_text(run.params)} | {_count_text(run.flops)} '
                     f'| {run.minutes:.1f} | {speed} | {run.val_acc:.3f} '
                     f'| {_book_text(run.book_figure)} |')
    return '\n'.join(lines) + '\n'


def update_readme(readme, folder=None, profile='cpu', check=False):
    """README의 ``<!-- results:start -->``와 ``<!-- results:end -->`` 사이만 결과 파일로 다시 씁니다.

    ``folder``의 기본값은 README 옆의 ``notebooks/results``.  ``check=True``면 파일은 그대로
    두고 README가 이미 최신인지(True/False)만 돌려줍니다.  바꿨거나 최신이면 True.
    """
    readme = Path(readme)
    folder = Path(folder) if folder else readme.parent / 'notebooks' / 'results'
    text = readme.read_text(encoding='utf-8')
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f'{readme.as_posix()}에 {README_START}와 {README_END} 표시가 차례로 '
                         '있어야 합니다: 결과 표가 들어갈 자리에 두 줄을 넣으세요.')
    head = text[:start + len(README_START)] + '\n'
    new = head + readme_section(folder, profile) + text[end:]
    if check:
        return new == text
    if new != text:
        readme.write_text(new, encoding='utf-8')
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
    target = Path(reference) / files[0].parent.name  # 확인을 거친 프로필 이름('CPU' → 'cpu')
    wanted = {path.name: path.read_bytes() for path in files}
    shipped = {path.name: path.read_bytes() for path in target.glob('*.json')}
    if check or wanted == shipped:
        return wanted == shipped
    target.mkdir(parents=True, exist_ok=True)
    for name in shipped.keys() - wanted.keys():
        (target / name).unlink()
    for name, content in wanted.items():
        if shipped.get(name) != content:
            (target / name).write_bytes(content)
    return True


# ---------------------------------------------------------------------------
# 명령줄
# ---------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(
        description='README의 결과 표와 패키지의 기준 실행을 커밋된 실행 기록으로 다시 만듭니다.')
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
    shown = Path(os.path.relpath(readme)).as_posix()  # 알림에는 작업 디렉터리 기준 경로로
    try:
        # 표를 먼저 만들어 보므로, 기록을 읽지 못하면 README와 기준 실행 어느 것도 바뀌지 않습니다.
        same_table = update_readme(readme, folder, args.profile, check=args.check)
        same_reference = sync_reference(folder, args.profile, args.reference, check=args.check)
    except (ValueError, OSError) as err:
        print(f'오류: {err}', file=sys.stderr)
        return 2
    if not same_table:
        print(f'{shown}의 결과 표가 결과 파일과 다릅니다: make results로 다시 만드세요.')
    if not same_reference:
        print('d2lmini/reference/의 기준 실행이 결과 파일과 다릅니다: make results로 다시 복사하세요.')
    if not (same_table and same_reference):
        return 1
    print(f'{shown}의 결과 표와 기준 실행이 최신입니다.' if args.check
          else f'{shown}의 결과 표와 기준 실행을 기록에 맞췄습니다.')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
