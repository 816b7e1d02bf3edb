"""이 환경의 JupyterLab을 d2lmini 노트북에 맞게 설정합니다.

``make lab``이 JupyterLab을 열기 전에 부릅니다. make 없이는 환경의 파이썬으로 직접 실행하세요(README).
설정은 홈 폴더가 아니라 환경 안(``sys.prefix``)에 쓰고, 신뢰 표시는 ``jupyter trust``가 두는 곳(Jupyter의
데이터 폴더)에 둡니다. 여러 번 실행해도 됩니다.

1. 위젯 상태를 노트북과 함께 저장합니다(ipywidgets JupyterLab 관리자의 ``saveState`` 설정). 저장한 노트북을
   다시 열어도 "Error displaying widget"이 나오지 않습니다.
2. JupyterLab의 루트가 ``notebooks/``일 때도 jupytext 짝이 맞게 합니다. 저장소의 ``jupytext.toml``은 그
   루트보다 한 단계 위에 있어 서버가 찾지 않으므로, 그 설정을 환경의 서버 설정
   (``etc/jupyter/jupyter_server_config.json``)에 옮깁니다. 풀이 폴더(``notebooks/solutions/``)에도 같은
   짝이 적용됩니다.
3. 저장소의 노트북(풀이 포함)을 신뢰하는 노트북으로 표시합니다(``jupyter trust``와 같음). 저장된 HTML
   출력이 그대로 보입니다.

    .venv/bin/python scripts/setup_lab.py            # macOS / Linux
    .venv\\Scripts\\python scripts\\setup_lab.py        # Windows
    .venv/bin/python scripts/setup_lab.py 폴더_또는_노트북 …   # 다른 노트북(폴더는 그 아래 모두)

설정 파일이 깨져 있거나 주어진 곳에 노트북이 없으면 아무것도 바꾸지 않고 한 문장으로 알린 뒤 실패로 끝납니다.
"""
import argparse
import json
import sys
from pathlib import Path

from script_checks import (ScriptError, load_json_object, load_toml, notebook_files, read_notebook,
                           run, shown, write_text)

ROOT = Path(__file__).resolve().parents[1]
WIDGETS_PLUGIN = '@jupyter-widgets/jupyterlab-manager:plugin'


def merged(path, section, values):
    """``path``의 설정에 ``values``를 ``section`` 아래로 더한 글(다른 설정은 그대로).  파일은 쓰지 않습니다."""
    data = load_json_object(path, 'JupyterLab 설정 파일')
    if not isinstance(data.setdefault(section, {}), dict):
        raise ScriptError(f'{shown(path)}의 "{section}" 항목이 JSON 객체가 아니라서 설정 파일을 고치지 '
                          '않았습니다: 그 항목을 고치거나 지운 뒤 다시 실행하세요.')
    data[section].update(values)
    return json.dumps(data, indent=2, ensure_ascii=False) + '\n'


def write_setting(path, text):
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise ScriptError(f'{shown(path.parent)} 폴더를 만들지 못했습니다: 그 경로의 쓰기 권한을 확인하세요.') from None
    write_text(path, text)
    return path


def widget_settings_file():
    try:
        from jupyterlab.commands import get_app_dir
    except ImportError:
        raise ScriptError('이 파이썬에는 JupyterLab이 없습니다: 저장소 폴더에서 '
                          "pip install -e '.[dev]'로 설치한 환경의 파이썬으로 실행하세요.") from None
    return Path(get_app_dir()) / 'settings' / 'overrides.json'


def server_config_file():
    return Path(sys.prefix) / 'etc' / 'jupyter' / 'jupyter_server_config.json'


def trust(notebooks):
    """``notebooks``(미리 읽어 본 노트북 경로)를 신뢰하는 노트북으로 표시하고 신뢰 기록 파일을 돌려줍니다."""
    import nbformat
    from nbformat.sign import NotebookNotary
    notary = NotebookNotary()
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        if not notary.check_signature(notebook):
            notary.sign(notebook)
    return notary.db_file


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('notebooks', nargs='*',
                        help='신뢰할 노트북이나 노트북 폴더 (기본: 저장소의 notebooks/, 풀이 포함)')
    args = parser.parse_args(argv)
    # 바꾸기 전에 모두 읽어 봅니다: 하나라도 막히면 아무 설정도 바뀌지 않습니다.
    notebooks = notebook_files(args.notebooks or [ROOT / 'notebooks'])
    for path in notebooks:
        read_notebook(path)
    jupytext = load_toml(ROOT / 'jupytext.toml', 'jupytext 설정 파일')
    overrides, server = widget_settings_file(), server_config_file()
    widget_text = merged(overrides, WIDGETS_PLUGIN, {'saveState': True})
    server_text = merged(server, 'ContentsManager', jupytext)
    print(f'위젯 상태를 노트북과 함께 저장: {write_setting(overrides, widget_text)}')
    print(f'JupyterLab의 jupytext 짝: {write_setting(server, server_text)}')
    print(f'신뢰한 노트북 {len(notebooks)}개: {trust(notebooks)}')
    return 0


if __name__ == '__main__':
    sys.exit(run(main))
