"""scripts/results_table.py on a learner's mistakes: a run label that would break README's table,
a README or reference folder that is missing or is the wrong kind of path.  Each is the right
table or one Korean sentence with a non-zero exit, and neither README nor the reference runs is
half written.  (The script imports d2lmini, hence torch: run under ``flock /tmp/cpu.lock``.)"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / 'scripts' / 'results_table.py'
COMMITTED = ROOT / 'notebooks' / 'results' / 'cpu'


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def place(tmp_path):
    """README, a results folder holding one recorded run (07) and an empty reference folder."""
    source = COMMITTED / '07_resnet.json'
    if not source.exists():
        pytest.skip('notebooks/results/cpu/07_resnet.json is not recorded yet')
    (tmp_path / 'results' / 'cpu').mkdir(parents=True)
    shutil.copy(source, tmp_path / 'results' / 'cpu' / '07_resnet.json')
    shutil.copy(ROOT / 'README.md', tmp_path / 'README.md')
    return tmp_path


def relabel(place, label):
    path = place / 'results' / 'cpu' / '07_resnet.json'
    record = json.loads(path.read_text(encoding='utf-8'))
    record['runs'][0]['label'] = label
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding='utf-8')


def args(place, readme=None, reference=None):
    return ['--readme', readme or place / 'README.md', '--folder', place / 'results',
            '--reference', reference or place / 'ref']


def one_sentence(done, *words):
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2 and len(lines) == 1 and lines[0].startswith('오류: '), \
        (done.returncode, done.stdout, done.stderr)
    assert 'Errno' not in lines[0] and any('가' <= ch <= '힣' for ch in lines[0]), lines[0]
    for word in words:
        assert word in lines[0], (word, lines[0])


def rows(readme):
    text = readme.read_text(encoding='utf-8')
    block = text.split('<!-- results:start -->', 1)[1].split('<!-- results:end -->', 1)[0]
    return [line for line in block.splitlines() if line.startswith('|')]


def cells(row):
    """Columns of a markdown table row, as GitHub splits them (``\\|`` does not split)."""
    parts, current, escaped = [], '', False
    for ch in row.strip()[1:-1]:
        if ch == '|' and not escaped:
            parts.append(current)
            current = ''
        else:
            current += ch
        escaped = ch == '\\' and not escaped
    return parts + [current]


def test_a_label_with_a_pipe_stays_in_its_cell(place):
    relabel(place, 'ResNet | 작게')
    done = run(*args(place))
    assert done.returncode == 0, done.stdout + done.stderr
    table = rows(place / 'README.md')
    assert len(table) == 3, table
    assert [len(cells(row)) for row in table] == [9, 9, 9], table
    assert cells(table[2])[1].strip() == 'ResNet \\| 작게'


def test_a_label_with_a_line_break_is_one_sentence_and_changes_nothing(place):
    relabel(place, 'ResNet\n작게')
    before = (place / 'README.md').read_bytes()
    one_sentence(run(*args(place)))
    assert (place / 'README.md').read_bytes() == before
    assert not (place / 'ref').exists()


def test_a_reference_that_is_a_file_leaves_readme_alone(place):
    (place / 'README.md').write_text((place / 'README.md').read_text(encoding='utf-8').replace(
        '<!-- results:end -->', 'old row\n<!-- results:end -->'), encoding='utf-8')
    before = (place / 'README.md').read_bytes()
    (place / 'ref').write_text('not a folder')
    one_sentence(run(*args(place)), '--reference')
    assert (place / 'README.md').read_bytes() == before, 'README was rewritten before the reference failed'


def test_a_reference_below_a_file_leaves_readme_alone(place):
    (place / 'file').write_text('x')
    before = (place / 'README.md').read_bytes()
    one_sentence(run(*args(place, reference=place / 'file' / 'ref')), '폴더가 아닌 파일')
    assert (place / 'README.md').read_bytes() == before


@pytest.mark.parametrize('readme,word', [('missing.md', 'README 파일이 없습니다'), ('folder', '폴더')])
def test_a_readme_that_is_missing_or_a_folder_is_one_sentence(place, readme, word):
    (place / 'folder').mkdir()
    one_sentence(run(*args(place, readme=place / readme)), word)


def test_check_names_the_reference_folder_it_was_given(place):
    done = run('--check', *args(place))
    assert done.returncode == 1
    assert 'ref의 기준 실행' in done.stdout and 'd2lmini/reference' not in done.stdout, done.stdout


@pytest.mark.parametrize('text', ['a\rb', 'a\u2028b', 'a\x85b', 'a\vb'])
def test_every_kind_of_line_break_is_refused(text):
    if str(ROOT / 'scripts') not in sys.path:
        sys.path.insert(0, str(ROOT / 'scripts'))
    import results_table
    from script_checks import ScriptError
    with pytest.raises(ScriptError, match='줄바꿈'):
        results_table.cell(text, '07_resnet', '실행 이름')
    assert results_table.cell('a|b\\c') == 'a\\|b\\\\c'
