"""scripts/의 명령들이 함께 쓰는 검사: 파일, 폴더, 노트북, 설정 파일을 읽고 쓰다가 막히면 한 문장으로 알립니다.

스크립트는 무엇이 잘못되었고 어떻게 고치는지를 한 문장으로 담은 ``ScriptError``를 올리고,
``run(main)``이 그 문장을 표준 오류에 ``오류: …``로 쓴 뒤 종료 코드 2로 끝냅니다(파이썬 추적 정보 없이).
파일을 쓰는 스크립트는 쓰기 전에 읽을 것을 모두 읽어 보므로, 막히면 아무 파일도 바뀌지 않습니다.
"""
import json
import os
import re
import sys
from pathlib import Path

NOTEBOOK_FIX = '짝 .py가 있으면 jupytext --sync로 다시 만들고, 없으면 git checkout으로 되돌리세요'


class ScriptError(Exception):
    """스크립트가 더 할 수 없는 까닭과 고칠 방법을 담은 한 문장."""


def run(main, argv=None):
    """``main(argv)``의 종료 코드.  ``ScriptError``는 ``오류: <문장>`` 한 줄과 종료 코드 2가 됩니다."""
    try:
        return main(argv)
    except ScriptError as error:
        print(f'오류: {error}', file=sys.stderr)
        return 2


def shown(path):
    """알림에 쓰는 경로: 작업 디렉터리 안이면 그 기준 상대 경로, 아니면 그대로(늘 / 구분)."""
    path = Path(path)
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix() or '.'
        except ValueError:       # 작업 디렉터리 밖
            pass
    return path.as_posix()


def reason(error):
    """OSError를 알림의 괄호 안에 넣을 짧은 말로."""
    if isinstance(error, PermissionError):
        return '권한이 없습니다'
    if isinstance(error, IsADirectoryError):
        return '파일 자리에 폴더가 있습니다'
    if isinstance(error, NotADirectoryError):
        return '경로 중간에 폴더가 아닌 파일이 있습니다'
    if isinstance(error, FileNotFoundError):
        return '경로가 없습니다'
    return error.strerror or str(error)


def read_text(path, what='파일'):
    """``path``의 글(UTF-8, 맨 앞 BOM은 뺌).  없거나 폴더이거나 읽을 수 없으면 ScriptError.

    ``what``은 알림에 쓰는 이름으로, '파일'로 끝나게 줍니다('노트북 파일', '설정 파일').
    """
    path = Path(path)
    if not path.exists():
        raise ScriptError(f'{shown(path)}에 {what}이 없습니다: 경로와 이름을 확인하세요.')
    if path.is_dir():
        raise ScriptError(f'{shown(path)}에는 {what} 대신 폴더가 있습니다: 폴더 안의 파일 경로를 주세요.')
    try:
        return path.read_text(encoding='utf-8-sig')
    except UnicodeDecodeError:
        raise ScriptError(f'{shown(path)}의 글자가 UTF-8이 아니라서 {what}을 읽을 수 없습니다: '
                          'UTF-8로 저장한 파일을 주세요.') from None
    except OSError as error:
        raise ScriptError(f'{shown(path)}의 {what}을 읽지 못했습니다({reason(error)}): '
                          '읽기 권한과 경로를 확인하세요.') from None


def write_text(path, text):
    """``path``에 ``text``를 UTF-8로 씁니다.  쓸 수 없으면 ScriptError."""
    path = Path(path)
    try:
        path.write_text(text, encoding='utf-8')
    except OSError as error:
        raise ScriptError(f'{shown(path)}에 쓰지 못했습니다({reason(error)}): '
                          '쓰기 권한과 남은 공간을 확인하세요.') from None


def check_writable_folder(folder, what='폴더'):
    """``folder``가 폴더이거나 만들 수 있고 쓸 수 있는지 미리 봅니다(아무것도 만들지 않음).

    ``what``은 알림에 쓰는 이름으로, '폴더'로 끝나게 줍니다('기준 실행 폴더').
    """
    folder = Path(folder)
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise ScriptError(f'{what}로 정한 {shown(folder)}의 경로에 폴더가 아닌 파일이 있습니다'
                          f'({shown(existing)}): 폴더 경로를 주세요.')
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ScriptError(f'{what}로 정한 {shown(folder)}에 쓸 권한이 없습니다({shown(existing)}): '
                          '쓸 수 있는 폴더를 주거나 권한을 확인하세요.')
    return folder


def read_notebook(path):
    """노트북 파일(.ipynb)을 dict로 읽습니다.  빈 파일, 깨진 JSON, 노트북이 아닌 JSON은 ScriptError."""
    text = read_text(path, '노트북 파일')
    if not text.strip():
        raise ScriptError(f'{shown(path)}의 내용이 비어 있어 노트북으로 읽을 수 없습니다: {NOTEBOOK_FIX}.')
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as error:
        raise ScriptError(f'{shown(path)}의 {error.lineno}번째 줄에서 JSON이 깨져 노트북으로 읽을 수 '
                          f'없습니다: {NOTEBOOK_FIX}.') from None
    cells = notebook.get('cells') if isinstance(notebook, dict) else None
    if not (isinstance(cells, list) and all(isinstance(c, dict) for c in cells)):
        raise ScriptError(f'{shown(path)}의 내용은 JSON이지만 셀 목록(cells)이 있는 노트북이 아닙니다: '
                          f'{NOTEBOOK_FIX}.')
    return notebook


def notebook_files(paths):
    """인자로 받은 노트북과 폴더를 노트북 파일 목록으로(폴더는 그 아래 모든 .ipynb, 풀이 폴더 포함).

    없는 경로, .ipynb가 아닌 파일, 노트북이 하나도 없는 폴더는 ScriptError입니다.
    """
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = sorted(p for p in path.rglob('*.ipynb')
                            if '.ipynb_checkpoints' not in p.parts and p.is_file())
            if not inside:
                raise ScriptError(f'{shown(path)} 폴더에 노트북(.ipynb)이 없습니다: '
                                  'notebooks처럼 노트북이 든 폴더를 주세요.')
            found += inside
        elif not path.exists():
            hint = ('(셸의 와일드카드가 아무 파일과도 맞지 않으면 그 글자 그대로 넘어옵니다)'
                    if any(ch in path.name for ch in '*?[') else '')
            raise ScriptError(f'{shown(path)}에 노트북이 없습니다: 경로와 이름을 확인하세요{hint}.')
        elif path.suffix != '.ipynb':
            raise ScriptError(f'{shown(path)}의 확장자가 .ipynb가 아닙니다: 짝 .py 대신 .ipynb 파일이나 '
                              '노트북이 든 폴더를 주세요.')
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def load_toml(path, what):
    """TOML 파일을 dict로.  없거나 TOML 문법이 틀리면 ScriptError."""
    try:
        import tomllib
    except ImportError:        # 파이썬 3.10
        try:
            import tomli as tomllib
        except ImportError:
            raise ScriptError('파이썬 3.10에는 TOML 읽기 모듈이 없습니다: pip install tomli로 설치하거나 '
                              '파이썬 3.11 이상을 쓰세요.') from None
    text = read_text(path, what)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r'line (\d+)', str(error))
        where = f'{line.group(1)}번째 줄에서 ' if line else ''
        raise ScriptError(f'{shown(path)}의 {where}TOML 문법이 틀렸습니다: 그 줄을 고치세요.') from None


def load_json_object(path, what):
    """설정 JSON 파일(최상위가 객체).  없으면 빈 dict, 깨졌거나 객체가 아니면 ScriptError."""
    path = Path(path)
    if not path.exists():
        return {}
    text = read_text(path, what)
    if not text.strip():
        return {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ScriptError(f'{shown(path)}의 {error.lineno}번째 줄에서 JSON이 깨져 {what}을 고치지 '
                          '않았습니다: 그 파일을 고치거나 지운 뒤 다시 실행하세요.') from None
    if not isinstance(data, dict):
        raise ScriptError(f'{shown(path)}의 최상위가 JSON 객체({{…}})가 아니라서 {what}을 고치지 않았습니다: '
                          '그 파일을 고치거나 지운 뒤 다시 실행하세요.')
    return data
