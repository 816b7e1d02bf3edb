"""저장소 주소 한 곳(pyproject.toml의 [project.urls] Repository)에서 링크와 설치 셀을 만듭니다.

* README의 노트북 표와 각 노트북 맨 위의 Colab 배지
* 각 노트북의 첫 코드 셀(설치 셀): 아래 INSTALL_CELL을 그대로 씁니다.

주소를 바꾸려면(예: 포크) pyproject.toml만 고치고 ``python scripts/sync_links.py``를 실행한 뒤
``make sync``로 .ipynb에 옮기세요.  ``--check``는 고치지 않고, 다르면 실패로 끝납니다.
"""
import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BADGE_IMAGE = 'https://colab.research.google.com/assets/colab-badge.svg'

# 노트북의 첫 코드 셀.  Colab에는 torch·torchvision·matplotlib 등이 이미 있으므로 d2lmini만
# 설치하고(--no-deps), 정말 없는 패키지만 함께 받습니다.  실패하면 무엇을 할지 한국어로 알립니다.
INSTALL_CELL = '''\
# %%
# d2lmini가 없는 환경(예: Colab)이면 설치합니다. 이미 있는 torch는 그대로 씁니다.
REPO = '{repo}'
import importlib.util, os, subprocess, sys
if importlib.util.find_spec('d2lmini') is None:
    local = next((p for p in ('..', 'd2lmini') if os.path.isfile(os.path.join(p, 'd2lmini', '__init__.py'))), None)
    target = ['-e', local] if local else [f'git+{{REPO}}']
    needed = [p for p in ('torch', 'torchvision', 'matplotlib', 'ipywidgets', 'tqdm', 'pandas')
              if importlib.util.find_spec(p) is None]
    print('d2lmini를 설치합니다:', local or REPO, '(추가 패키지: ' + (', '.join(needed) or '없음') + ')')
    pip = subprocess.run([sys.executable, '-m', 'pip', 'install', '-q', '--no-deps', *target],
                         capture_output=True, text=True)
    if pip.returncode == 0 and needed:
        pip = subprocess.run([sys.executable, '-m', 'pip', 'install', '-q', *needed],
                             capture_output=True, text=True)
    if pip.returncode != 0:
        print(pip.stderr.strip()[-600:])
        print(f'\\nd2lmini를 설치하지 못했습니다({{local or REPO}}). 인터넷 연결을 확인하거나, 저장소 폴더를 '
              '이 노트북 옆에 d2lmini라는 이름으로 올린 뒤(Colab: 왼쪽 파일 창) 이 셀을 다시 실행하세요. '
              '포크에서 설치하려면 위의 REPO를 그 주소로 바꾸세요.')
        raise SystemExit('d2lmini 설치 실패: 위 안내를 보세요.')
    print('설치를 마쳤습니다.')
'''


def repository_url():
    """pyproject.toml의 [project.urls] Repository (끝의 / 와 .git은 뺍니다)."""
    text = (ROOT / 'pyproject.toml').read_text(encoding='utf-8')
    url = re.search(r'^Repository\s*=\s*"([^"]+)"', text, flags=re.M).group(1)
    return re.sub(r'(\.git)?/*$', '', url)


def colab_url(repo, notebook):
    """``https://github.com/OWNER/NAME``의 notebooks/<notebook>.ipynb를 여는 Colab 주소."""
    path = repo.split('github.com/', 1)[1]
    return f'https://colab.research.google.com/github/{path}/blob/main/notebooks/{notebook}.ipynb'


_BADGE = re.compile(r'\(https://colab\.research\.google\.com/github/[^)\s]*/notebooks/'
                    r'([0-9A-Za-z_]+)\.ipynb\)')


def with_badges(text, repo):
    return _BADGE.sub(lambda m: f'({colab_url(repo, m.group(1))})', text)


def with_install_cell(text, repo):
    """첫 코드 셀(``# %%``부터 다음 셀 표시 전까지)을 INSTALL_CELL로 바꿉니다."""
    start = re.search(r'^# %%\n', text, flags=re.M)
    end = re.search(r'^# %%', text[start.end():], flags=re.M)
    cell = INSTALL_CELL.format(repo=repo)
    return text[:start.start()] + cell + '\n' + text[start.end() + end.start():]


def expected(path, repo):
    text = path.read_text(encoding='utf-8')
    text = with_badges(text, repo)
    if path.suffix == '.py':
        text = with_install_cell(text, repo)
    return text


def targets():
    return [ROOT / 'README.md', *sorted((ROOT / 'notebooks').glob('[0-9][0-9]_*.py'))]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--check', action='store_true', help='고치지 않고 다른 파일만 알립니다')
    args = parser.parse_args(argv)
    repo = repository_url()
    stale = []
    for path in targets():
        new = expected(path, repo)
        if new != path.read_text(encoding='utf-8'):
            stale.append(path.relative_to(ROOT).as_posix())
            if not args.check:
                path.write_text(new, encoding='utf-8')
    if args.check and stale:
        print(f'저장소 주소({repo})와 다른 링크·설치 셀: {", ".join(stale)}. '
              'python scripts/sync_links.py로 고친 뒤 make sync를 실행하세요.')
        return 1
    print(f'링크와 설치 셀: {repo} ({len(stale)}개 파일 고침)' if not args.check
          else f'링크와 설치 셀이 {repo}와 맞습니다.')
    return 0


if __name__ == '__main__':
    sys.exit(main())
