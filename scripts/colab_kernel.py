"""Colab과 같은 판의 주피터 커널을 만듭니다 (``make colab``이 부릅니다).

Colab은 노트북 쪽 패키지를 오래된 판으로 묶어 둡니다(ipywidgets 7.7.1, IPython 7.34, ipykernel 6.x,
jupyter-client 7, 파이썬 3.12).  ``tests/colab/requirements.txt``의 판으로 ``.venv-colab``을 만들고,
노트북의 설치 셀처럼 d2lmini만 의존성 없이(``--no-deps``) 설치한 뒤, 이 환경(.venv)의 주피터에
``d2lmini-colab`` 커널로 등록합니다.  요구 사항이 바뀌지 않았으면 다시 설치하지 않습니다.

처음 한 번은 인터넷이 필요합니다(pip가 requirements.txt의 판을 받습니다).  설치가 실패하면 pip의 메시지
아래에 무엇을 할지 한 문장으로 알리고 실패로 끝나며, 다음 실행이 처음부터 다시 만듭니다.
"""
import glob
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from script_checks import ScriptError, read_text, run as run_main, shown

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENTS = ROOT / 'tests' / 'colab' / 'requirements.txt'
VENV = ROOT / '.venv-colab'
KERNEL = 'd2lmini-colab'
WANTED = (3, 12)


def python_version(candidate):
    """``candidate``가 실행되는 파이썬이면 (주, 부) 판, 아니면 None."""
    try:
        out = subprocess.run([candidate, '-c', 'import sys; print(*sys.version_info[:2])'],
                             capture_output=True, text=True, timeout=30).stdout.split()
        return tuple(map(int, out)) if len(out) == 2 else None
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None


def find_python():
    """파이썬 3.12: 환경 변수 D2LMINI_COLAB_PYTHON → PATH → pyenv.  없으면 None.

    D2LMINI_COLAB_PYTHON으로 정한 파이썬이 없거나 3.12가 아니면 다른 것을 찾지 않고 ScriptError입니다.
    """
    chosen = os.environ.get('D2LMINI_COLAB_PYTHON')
    if chosen:
        version = python_version(chosen)
        if version != WANTED:
            found = ('에서 파이썬을 실행하지 못했습니다' if version is None else
                     f'의 판이 {".".join(map(str, version))}이라 Colab 판 커널을 만들 수 없습니다')
            raise ScriptError(f'D2LMINI_COLAB_PYTHON에 준 경로({chosen}){found}: 파이썬 3.12의 경로를 '
                              '주거나 그 변수를 지우세요.')
        return chosen
    candidates = [shutil.which('python3.12'),
                  *sorted(glob.glob(os.path.expanduser('~/.pyenv/versions/3.12*/bin/python3.12'))),
                  '/usr/bin/python3.12', '/usr/local/bin/python3.12']
    return next((c for c in filter(None, candidates) if python_version(c) == WANTED), None)


def fingerprint(python):
    digest = hashlib.sha256(read_text(REQUIREMENTS, '요구 사항 파일').encode())
    digest.update(read_text(ROOT / 'pyproject.toml', '프로젝트 설정 파일').encode())
    digest.update(python.encode())
    return digest.hexdigest()


def run(*command, failed, fix):
    """명령을 실행합니다.  실패하면 ``failed``와 ``fix``를 이은 한 문장의 ScriptError."""
    try:
        subprocess.run(command, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        code = getattr(error, 'returncode', None)
        raise ScriptError(f'{failed}(종료 코드 {code}): {fix}.' if code is not None
                          else f'{failed}: {fix}.') from None


NETWORK_FIX = ('위의 pip 메시지를 보고, 인터넷에 연결되지 않았다면 연결된 뒤 make colab을 다시 실행하세요'
               '(처음 한 번만 받으면 그다음에는 인터넷이 필요 없습니다)')


def main(argv=None):
    if argv:
        raise ScriptError('colab_kernel.py는 인자를 받지 않습니다: 파이썬은 D2LMINI_COLAB_PYTHON으로 정하세요.')
    python = find_python()
    if python is None:
        python = sys.executable
        print(f'파이썬 3.12를 찾지 못해 {sys.version.split()[0]}로 Colab 판 커널을 만듭니다 '
              '(D2LMINI_COLAB_PYTHON=/경로/python3.12로 지정할 수 있습니다).')
    stamp = VENV / '.installed'
    wanted = fingerprint(python)
    if not (stamp.is_file() and stamp.read_text() == wanted):
        print(f'Colab 판 커널 환경을 만듭니다: {VENV.name} ({python})')
        shutil.rmtree(VENV, ignore_errors=True)
        run(python, '-m', 'venv', str(VENV), failed=f'{shown(VENV)} 가상 환경을 만들지 못했습니다',
            fix='Debian/Ubuntu라면 sudo apt-get install python3.12-venv로 venv 모듈을 설치한 뒤 다시 실행하세요')
        pip = [str(VENV / 'bin' / 'python'), '-m', 'pip', 'install', '-q']
        run(*pip, '-r', str(REQUIREMENTS), fix=NETWORK_FIX,
            failed=f'{shown(REQUIREMENTS)}의 패키지를 설치하지 못했습니다')
        run(*pip, '--no-deps', '-e', str(ROOT), fix=NETWORK_FIX,   # 노트북의 설치 셀과 같게: torch는 그대로
            failed='Colab 판 커널 환경에 d2lmini를 설치하지 못했습니다')
        stamp.write_text(wanted)
    kernel_python = str(VENV / 'bin' / 'python')
    run(kernel_python, '-m', 'ipykernel', 'install', '--prefix', sys.prefix, '--name', KERNEL,
        '--display-name', 'Python 3 (Colab 판)', failed=f'{KERNEL} 커널을 등록하지 못했습니다',
        fix=f'{shown(VENV)} 폴더를 지우고 make colab을 다시 실행하세요')
    versions = subprocess.run(
        [kernel_python, '-c', 'import sys, torch, IPython, ipywidgets, ipykernel; '
         'print(f"파이썬 {sys.version.split()[0]}, torch {torch.__version__}, '
         'IPython {IPython.__version__}, ipywidgets {ipywidgets.__version__}, '
         'ipykernel {ipykernel.__version__}")'], capture_output=True, text=True)
    if versions.returncode != 0:
        raise ScriptError(f'{KERNEL} 커널에서 torch와 위젯 패키지를 불러오지 못했습니다: '
                          f'{shown(VENV)} 폴더를 지우고 make colab을 다시 실행하세요.')
    print(f'{KERNEL} 커널: {versions.stdout.strip()}')
    return 0


if __name__ == '__main__':
    sys.exit(run_main(main, sys.argv[1:]))
