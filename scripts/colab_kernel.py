"""Colab과 같은 판의 주피터 커널을 만듭니다 (``make colab``이 부릅니다).

Colab은 노트북 쪽 패키지를 오래된 판으로 묶어 둡니다(ipywidgets 7.7.1, IPython 7.34, ipykernel 6.x,
jupyter-client 7, 파이썬 3.12).  ``tests/colab/requirements.txt``의 판으로 ``.venv-colab``을 만들고,
노트북의 설치 셀처럼 d2lmini만 의존성 없이(``--no-deps``) 설치한 뒤, 이 환경(.venv)의 주피터에
``d2lmini-colab`` 커널로 등록합니다.  요구 사항이 바뀌지 않았으면 다시 설치하지 않습니다.
"""
import glob
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENTS = ROOT / 'tests' / 'colab' / 'requirements.txt'
VENV = ROOT / '.venv-colab'
KERNEL = 'd2lmini-colab'
WANTED = (3, 12)


def find_python():
    """파이썬 3.12: 환경 변수 D2LMINI_COLAB_PYTHON → PATH → pyenv.  없으면 None."""
    candidates = [os.environ.get('D2LMINI_COLAB_PYTHON'), shutil.which('python3.12'),
                  *sorted(glob.glob(os.path.expanduser('~/.pyenv/versions/3.12*/bin/python3.12'))),
                  '/usr/bin/python3.12', '/usr/local/bin/python3.12']
    for candidate in filter(None, candidates):
        try:
            version = subprocess.run([candidate, '-c', 'import sys; print(*sys.version_info[:2])'],
                                     capture_output=True, text=True, timeout=30).stdout.split()
        except (OSError, subprocess.TimeoutExpired):
            continue
        if tuple(map(int, version or (0, 0))) == WANTED:
            return candidate
    return None


def fingerprint(python):
    digest = hashlib.sha256(REQUIREMENTS.read_bytes())
    digest.update((ROOT / 'pyproject.toml').read_bytes())
    digest.update(python.encode())
    return digest.hexdigest()


def run(*command):
    subprocess.run(command, check=True)


def main():
    python = find_python()
    if python is None:
        python = sys.executable
        print(f'파이썬 3.12를 찾지 못해 {sys.version.split()[0]}로 Colab 판 커널을 만듭니다 '
              '(D2LMINI_COLAB_PYTHON=/경로/python3.12로 지정할 수 있습니다).')
    stamp = VENV / '.installed'
    if not (stamp.exists() and stamp.read_text() == fingerprint(python)):
        print(f'Colab 판 커널 환경을 만듭니다: {VENV.name} ({python})')
        shutil.rmtree(VENV, ignore_errors=True)
        run(python, '-m', 'venv', str(VENV))
        pip = [str(VENV / 'bin' / 'python'), '-m', 'pip', 'install', '-q']
        run(*pip, '-r', str(REQUIREMENTS))
        run(*pip, '--no-deps', '-e', str(ROOT))   # 노트북의 설치 셀과 같게: torch는 그대로
        stamp.write_text(fingerprint(python))
    kernel_python = str(VENV / 'bin' / 'python')
    run(kernel_python, '-m', 'ipykernel', 'install', '--prefix', sys.prefix, '--name', KERNEL,
        '--display-name', 'Python 3 (Colab 판)')
    versions = subprocess.run(
        [kernel_python, '-c', 'import sys, torch, IPython, ipywidgets, ipykernel; '
         'print(f"파이썬 {sys.version.split()[0]}, torch {torch.__version__}, '
         'IPython {IPython.__version__}, ipywidgets {ipywidgets.__version__}, '
         'ipykernel {ipykernel.__version__}")'], capture_output=True, text=True, check=True)
    print(f'{KERNEL} 커널: {versions.stdout.strip()}')


if __name__ == '__main__':
    main()
