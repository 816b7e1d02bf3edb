"""저장소 주소 한 곳(pyproject.toml의 [project.urls] Repository)에서 링크와 설치 셀을 만듭니다.

* README의 노트북 표와 각 노트북 맨 위의 Colab 배지(``notebooks/solutions/``의 풀이 노트북 포함)
* 각 노트북의 첫 코드 셀(설치 셀): 아래 INSTALL_CELL을 그대로 씁니다.  첫 코드 셀이 설치 셀이 아니면
  그 앞에 설치 셀을 넣습니다(있던 셀은 그대로).

주소를 바꾸려면(예: 포크) pyproject.toml만 고치고 ``python scripts/sync_links.py``를 실행한 뒤
``make sync``로 .ipynb에 옮기세요.  Colab은 GitHub의 노트북만 열므로 주소는 ``https://github.com/계정/저장소``
모양이어야 합니다(``git@github.com:계정/저장소.git``도 그 주소로 읽습니다).  ``--check``는 고치지 않고,
다르면 실패로 끝납니다.
"""
import argparse
import os
import re
import sys
from pathlib import Path

from script_checks import ScriptError, load_toml, read_text, run, shown, write_text

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / 'notebooks'
BADGE_IMAGE = 'https://colab.research.google.com/assets/colab-badge.svg'

# 노트북의 첫 코드 셀.  Colab에는 torch·torchvision·matplotlib 등이 이미 있으므로 d2lmini만
# 설치하고(--no-deps), 정말 없는 패키지만 함께 받습니다.  실패하면 무엇을 할지 한국어로 알립니다.
# {local}: 노트북 폴더에서 본 저장소 폴더(notebooks/는 '..', notebooks/solutions/는 '../..')와 'd2lmini'.
INSTALL_CELL = '''\
# %%
# d2lmini가 없는 환경(예: Colab)이면 설치합니다. 이미 있는 torch는 그대로 씁니다.
REPO = '{repo}'
import importlib.util, os, subprocess, sys
if importlib.util.find_spec('d2lmini') is None:
    local = next((p for p in {local} if os.path.isfile(os.path.join(p, 'd2lmini', '__init__.py'))), None)
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
INSTALL_MARK = 'REPO = '        # 첫 코드 셀이 설치 셀인지 알아보는 줄
GITHUB = re.compile(r'https://github\.com/[A-Za-z0-9](?:[A-Za-z0-9-]*)/[A-Za-z0-9._-]+')


def github_address(url):
    """``url``을 ``https://github.com/계정/저장소``로(끝의 / 와 .git은 빼고, SSH·http 주소는 https로).

    Colab이 열 수 없는 주소(GitHub가 아닌 곳, 계정/저장소가 아닌 경로)는 ScriptError입니다.
    """
    url = url.strip()
    address = re.sub(r'^git@github\.com:', 'https://github.com/', url)
    address = re.sub(r'^(?:https?://)?(?:www\.)?github\.com/', 'https://github.com/', address)
    address = re.sub(r'(\.git)?/*$', '', address)
    if not GITHUB.fullmatch(address):
        raise ScriptError(f'Colab은 GitHub 저장소의 노트북만 열 수 있어서 pyproject.toml의 Repository에 적힌 '
                          f'{url!r}에서는 배지와 설치 셀을 만들 수 없습니다: '
                          'https://github.com/계정/저장소 모양의 주소(GitHub에 둔 포크)를 적으세요.')
    return address


def repository_url(pyproject=None):
    """pyproject.toml의 [project.urls] Repository (``https://github.com/계정/저장소``)."""
    pyproject = Path(pyproject or ROOT / 'pyproject.toml')
    urls = load_toml(pyproject, '프로젝트 설정 파일').get('project', {}).get('urls', {})
    url = urls.get('Repository') if isinstance(urls, dict) else None
    if not isinstance(url, str) or not url.strip():
        raise ScriptError(f'{shown(pyproject)}의 [project.urls]에 Repository 주소가 없습니다: '
                          'Repository = "https://github.com/계정/저장소" 줄을 넣으세요.')
    return github_address(url)


def notebook_name(path):
    """Colab 주소에 들어가는 노트북 이름: ``01_lenet``, ``solutions/01_lenet_solutions``."""
    return Path(path).relative_to(NOTEBOOKS).with_suffix('').as_posix()


def colab_url(repo, notebook):
    """``https://github.com/계정/저장소``의 notebooks/<notebook>.ipynb를 여는 Colab 주소.

    ``notebook``은 notebooks/ 기준 이름입니다(``07_resnet``, ``solutions/07_resnet_solutions``).
    """
    path = github_address(repo).split('github.com/', 1)[1]
    return f'https://colab.research.google.com/github/{path}/blob/main/notebooks/{notebook}.ipynb'


_BADGE = re.compile(r'\(https://colab\.research\.google\.com/github/[^)\s]*/notebooks/'
                    r'((?:solutions/)?[0-9A-Za-z_]+)\.ipynb\)')
_CELL = re.compile(r'^# %%([^\n]*)$', flags=re.M)


def with_badges(text, repo, notebook=None):
    """Colab 링크를 ``repo``의 주소로.  ``notebook``을 주면(노트북 파일) 모든 Colab 링크가 그 노트북을 엽니다:
    본 노트북의 머리말을 풀이에 옮겨 와도 배지가 본 노트북을 열지 않습니다."""
    return _BADGE.sub(lambda m: f'({colab_url(repo, notebook or m.group(1))})', text)


def install_cell(repo, folder=NOTEBOOKS):
    """``folder``에 든 노트북의 설치 셀(저장소 폴더를 찾는 상대 경로가 폴더마다 다릅니다)."""
    up = Path(os.path.relpath(ROOT, folder)).as_posix()
    return INSTALL_CELL.format(repo=repo, local=repr((up, 'd2lmini')))


def with_install_cell(text, repo, folder=NOTEBOOKS, name='노트북'):
    """첫 코드 셀(``# %%``부터 다음 셀 표시 전까지)을 설치 셀로 바꿉니다.

    첫 코드 셀이 설치 셀(``REPO = …`` 줄이 있는 셀)이 아니면 그 셀 앞에 설치 셀을 넣고, 코드 셀이 없으면
    맨 끝에 붙입니다.  ``# %%`` 셀 표시가 하나도 없으면(py:percent 형식이 아니면) ScriptError.
    """
    marks = list(_CELL.finditer(text))
    if not marks:
        raise ScriptError(f'{name}에 # %% 셀 표시가 없어 설치 셀을 넣을 자리를 모릅니다: '
                          'jupytext의 py:percent 형식(make sync가 만드는 짝 .py)으로 저장하세요.')
    cell = install_cell(repo, folder)
    code = [m for m in marks if not re.search(r'\[(markdown|md|raw)\]', m.group(1))]
    if not code:
        return text.rstrip('\n') + '\n\n' + cell
    first = code[0]
    after = next((m for m in marks if m.start() > first.start()), None)
    end = after.start() if after else len(text)
    if INSTALL_MARK not in text[first.start():end]:
        return text[:first.start()] + cell + '\n' + text[first.start():]
    return text[:first.start()] + cell + ('\n' + text[end:] if after else '')


def expected(path, repo):
    text = read_text(path)
    if path.suffix == '.py':
        text = with_badges(text, repo, notebook_name(path))
        text = with_install_cell(text, repo, path.parent, shown(path))
    else:
        text = with_badges(text, repo)
    return text


def targets():
    """README와 노트북의 짝 .py(01–10, 그리고 notebooks/solutions/의 풀이)."""
    return [ROOT / 'README.md', *sorted(NOTEBOOKS.glob('[0-9][0-9]_*.py')),
            *sorted((NOTEBOOKS / 'solutions').glob('[0-9][0-9]_*.py'))]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--check', action='store_true', help='고치지 않고 다른 파일만 알립니다')
    args = parser.parse_args(argv)
    repo = repository_url()
    # 모두 만들어 본 다음에 씁니다: 한 파일이라도 막히면 아무것도 바뀌지 않습니다.
    wanted = {path: expected(path, repo) for path in targets()}
    stale = [path for path, new in wanted.items() if new != read_text(path)]
    if args.check and stale:
        print(f'저장소 주소({repo})와 다른 링크·설치 셀: '
              f'{", ".join(p.relative_to(ROOT).as_posix() for p in stale)}. '
              'python scripts/sync_links.py로 고친 뒤 make sync를 실행하세요.')
        return 1
    if not args.check:
        for path in stale:
            write_text(path, wanted[path])
    if args.check:
        print(f'링크와 설치 셀이 {repo}와 맞습니다.')
    elif any(path.suffix == '.py' for path in stale):
        print(f'링크와 설치 셀: {repo} ({len(stale)}개 파일 고침). 고친 .py를 .ipynb에 옮기려면 make sync를 '
              '실행하세요.')
    else:
        print(f'링크와 설치 셀: {repo} ({len(stale)}개 파일 고침)')
    return 0


if __name__ == '__main__':
    sys.exit(run(main))
