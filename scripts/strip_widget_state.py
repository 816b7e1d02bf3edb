"""실행해 저장한 노트북에서 위젯 상태와 위젯 표시를 뺍니다 (``make execute``가 실행 뒤에 부릅니다).

저장소의 노트북은 읽기만 해도 바뀌면 안 됩니다.  그런데 위젯 상태(``metadata.widgets``)가 든
노트북을 JupyterLab에서 열면, 위젯 관리자가 그 상태를 되살리며 노트북을 '저장 안 됨'으로 표시하고
자동 저장이 파일을 다시 씁니다.  d2lmini의 인터랙티브와 진행 막대는 위젯 옆에 보통 출력(그림, 표,
글자)을 함께 남기므로, 위젯 부분만 빼면 커널이 없는 곳(GitHub, 막 연 JupyterLab)에서도 보이는 것은
그대로이고 열어도 아무것도 바뀌지 않습니다.  커널을 실행하면 막대는 다시 생깁니다.

    python scripts/strip_widget_state.py notebooks/*.ipynb          # 고치기
    python scripts/strip_widget_state.py --check notebooks          # 남아 있으면 실패(폴더는 풀이까지)
    python scripts/strip_widget_state.py                            # notebooks/ 아래 모든 노트북

폴더를 주면 그 아래의 모든 노트북(``notebooks/solutions/``의 풀이 포함)을 봅니다.  없는 파일, 빈 노트북,
깨진 노트북이 하나라도 있으면 아무 파일도 고치지 않고 한 문장으로 알린 뒤 실패로 끝납니다.
"""
import argparse
import json
import sys
from pathlib import Path

from script_checks import notebook_files, read_notebook, run, write_text

ROOT = Path(__file__).resolve().parents[1]
WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json'


def strip(notebook):
    """노트북(dict)에서 위젯 상태와 위젯 표시를 뺍니다.  바뀐 것이 있으면 True."""
    metadata = notebook.get('metadata')
    changed = isinstance(metadata, dict) and metadata.pop('widgets', None) is not None
    for cell in notebook.get('cells', []):
        kept = []
        for output in cell.get('outputs') or []:
            data = output.get('data') if isinstance(output, dict) else None
            if isinstance(data, dict) and WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
                changed = True
                if not data:   # 글자 대신 보일 것이 없는 위젯 표시는 통째로 뺍니다
                    continue
            kept.append(output)
        if 'outputs' in cell:
            cell['outputs'] = kept
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--check', action='store_true', help='고치지 않고, 위젯 상태가 남아 있으면 실패')
    parser.add_argument('notebooks', nargs='*', type=Path,
                        help='노트북(.ipynb)이나 노트북 폴더 (기본: 저장소의 notebooks/)')
    args = parser.parse_args(argv)
    paths = notebook_files(args.notebooks or [ROOT / 'notebooks'])
    # 모두 읽어 본 다음에 씁니다: 하나가 깨져 있으면 아무것도 바뀌지 않습니다.
    notebooks = {path: read_notebook(path) for path in paths}
    left = [path for path, notebook in notebooks.items() if strip(notebook)]
    if args.check:
        if left:
            print(f'위젯 상태가 남은 노트북: {", ".join(p.name for p in left)}. '
                  'python scripts/strip_widget_state.py notebooks로 빼세요.')
            return 1
        return 0
    for path in left:
        # nbformat과 같은 모양(들여쓰기 1칸, 끝 줄바꿈)으로 써서 다른 줄은 바뀌지 않습니다.
        write_text(path, json.dumps(notebooks[path], indent=1, ensure_ascii=False) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(run(main))
