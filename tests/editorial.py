"""Mechanical editorial checks for the notebooks' markdown and README's Korean part.

Two checks live here (the tests in ``test_style.py`` and ``test_numbers.py`` call them):

* ``style_violations(doc)`` — writing-style rules from ``glossary-ko.md`` that a program can
  check: particle spacing, units after numerals, banned terms, references to a "노트".
* ``number_mismatches(notebook)`` — numbers that the markdown tags as coming from a run must
  appear in the notebook's committed outputs.

Both can be run by hand from the repository root, e.g. after re-executing notebooks::

    python -m tests.editorial numbers          # every notebook
    python -m tests.editorial numbers 04 07    # notebooks whose name starts with 04 or 07
    python -m tests.editorial style            # style report for every notebook and README

The module imports nothing beyond the standard library (no torch).
"""
import json
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / 'notebooks'
README = ROOT / 'README.md'
GLOSSARY_CANDIDATES = [ROOT / 'glossary-ko.md', ROOT.parent / 'shared' / 'glossary-ko.md',
                       ROOT / 'shared' / 'glossary-ko.md', ROOT / 'docs' / 'glossary-ko.md']


# --------------------------------------------------------------------------- reading

@dataclass
class Document:
    """Markdown text of one notebook (or README's Korean part) with its source line numbers.

    ``cells`` is a list of ``(first_line, text)``: ``text`` is one markdown cell and
    ``first_line`` the 1-based line of its first text line in ``path``.
    """
    name: str
    path: Path
    cells: list


def notebook_names():
    """Stems of every notebook in notebooks/ (a .py pair, an .ipynb, or both)."""
    stems = {p.stem for p in NOTEBOOK_DIR.glob('*.ipynb')}
    stems |= {p.stem for p in NOTEBOOK_DIR.glob('*.py') if _is_percent_script(p)}
    return sorted(stems)


def _is_percent_script(path):
    return '# %% [markdown]' in path.read_text(encoding='utf-8')


def read_notebook(name):
    """Markdown cells of a notebook: from the jupytext .py when it exists (its line numbers are
    the ones an editor uses), otherwise from the .ipynb (lines counted within each cell)."""
    script = NOTEBOOK_DIR / f'{name}.py'
    if script.exists():
        return Document(name, script, _markdown_from_percent(script.read_text(encoding='utf-8')))
    path = NOTEBOOK_DIR / f'{name}.ipynb'
    cells = [(1, ''.join(c['source'])) for c in json.loads(path.read_text(encoding='utf-8'))['cells']
             if c['cell_type'] == 'markdown']
    return Document(name, path, cells)


def _markdown_from_percent(text):
    cells, current, start = [], None, None
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith('# %%'):
            if current is not None:
                cells.append((start, '\n'.join(current)))
            current = [] if re.match(r'# %% \[markdown\]', line) else None
            start = number + 1
        elif current is not None:
            if line == '#' or line.startswith('# '):
                current.append(line[2:])
            elif not line.strip():          # blank line after the cell
                cells.append((start, '\n'.join(current)))
                current = None
            else:
                current.append(line)
    if current is not None:
        cells.append((start, '\n'.join(current)))
    return cells


def read_code_comments(name):
    """The comments in a notebook's code cells (from the .py pair), one cell per comment line,
    numbered as in the .py: the glossary's rules hold in code comments too."""
    import io
    import tokenize

    text = (NOTEBOOK_DIR / f'{name}.py').read_text(encoding='utf-8')
    in_code, code_lines = False, set()
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith('# %%'):
            in_code = not re.match(r'# %% \[markdown\]', line)
        elif in_code:
            code_lines.add(number)
    cells = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        line = token.start[0]
        if token.type == tokenize.COMMENT and line in code_lines and 'NBVAL_' not in token.string:
            cells.append((line, token.string.lstrip('#').strip()))
    return Document(f'{name} (code comments)', NOTEBOOK_DIR / f'{name}.py', cells)


def read_readme(path=README):
    """README's Korean part: everything before the ``## English`` heading."""
    lines = path.read_text(encoding='utf-8').splitlines()
    end = next((i for i, l in enumerate(lines) if l.strip() == '## English'), len(lines))
    return Document('README', path, [(1, '\n'.join(lines[:end]))])


def notebook_outputs(name):
    """All text the committed .ipynb shows in its code cells' outputs."""
    path = NOTEBOOK_DIR / f'{name}.ipynb'
    if not path.exists():
        return ''
    parts = []
    for cell in json.loads(path.read_text(encoding='utf-8'))['cells']:
        for out in cell.get('outputs', []) if cell['cell_type'] == 'code' else []:
            parts.append(''.join(out.get('text', '')))
            data = out.get('data', {})
            parts.append(''.join(data.get('text/plain', '')))
            parts.append(re.sub(r'<[^>]+>', ' ', ''.join(data.get('text/html', ''))))
    return '\n'.join(parts)


# --------------------------------------------------------------------------- stripping

MASK = '◇'   # stands for an elided span (math, URL, comment) in messages
CODE = '▣'   # stands for an inline code span: a word, so a particle after it is judged


def strip_markup(text, codes=None):
    """Blank out what the style rules must not look at, keeping line breaks so line numbers hold:
    HTML comments, fenced code blocks, $$…$$ math, inline code and math, link targets, bare URLs
    and HTML tags.  An elided span becomes ``◇``, which is neither a letter nor a digit.  Inline
    code and inline math become ``▣``, which counts as a word: code names are Latin words and a
    formula is read as one, so ``` `x` 가 ``` must read ``` `x`가 ``` and ``$n$ 의`` ``$n$의``."""
    def mask(match):
        return MASK + '\n' * match.group(0).count('\n')
    text = re.sub(r'<!--.*?-->', mask, text, flags=re.S)
    text = re.sub(r'^(```|~~~).*?^\1[^\n]*$', mask, text, flags=re.S | re.M)
    text = re.sub(r'\$\$.*?\$\$', mask, text, flags=re.S)
    def code(match):
        if codes is not None:
            codes.append(match.group(0))
        return CODE
    # Inline code and inline math in one left-to-right pass (so ``codes`` keeps their order).
    text = re.sub(r'(`+)[^`\n]*?\1|(?<![\\$])\$(?!\s)[^$\n]+?(?<![\\\s])\$', code, text)
    text = re.sub(r'!\[[^\]\n]*\]\([^)\s]*\)', MASK, text)             # images
    text = re.sub(r'\[([^\]\n]*)\]\([^)\s]*\)', r'\1', text)           # links: keep the text
    text = re.sub(r'https?://\S+', MASK, text)
    text = re.sub(r'</?[A-Za-z][^>\n]*>', MASK, text)
    return text


# --------------------------------------------------------------------------- style rules

# Particles (and the copula's common forms) that must attach to the word before them.  A match
# needs the particle to stand alone: followed by whitespace, punctuation or the line end.
PARTICLES = ['입니다', '이라는', '에서는', '에서도', '으로는', '으로도', '에서', '으로', '에게',
             '까지', '부터', '처럼', '보다', '이나', '이라', '이고', '이며', '이다', '이란', '라는',
             '이면', '이므로', '이지만',
             '은', '는', '이', '가', '을', '를', '와', '과', '로', '의', '에', '도', '만', '나',
             '인', '란']
# Units and counters that attach after an Arabic numeral (5분, 10에폭, 28px).
UNITS = ['퍼센트포인트', '퍼센트', '에폭', '코어', '시간', '스텝', '가지', '픽셀', '분', '초',
         '배', '개', '장', '층', '번', '줄', '칸', '명', '년', 'px', 'MiB', 'GiB', 'MB', 'GB', 'KB',
         'ms']
# What may follow a unit: a particle or one of these endings, then no further Hangul/Latin
# letter (so 2 분기, 3 배치, 1 초기화 are not taken for 2 분, 3 배, 1 초).
UNIT_ENDINGS = PARTICLES + ['마다', '씩', '째', '짜리', '쯤', '가량', '동안', '만에', '만큼', '안']

_PART = '|'.join(sorted(PARTICLES, key=len, reverse=True))
_AFTER = r'(?=[\s.,;:!?)\]}"\'’”·…/*~]|$)'
PARTICLE_RE = re.compile(
    rf'(?P<word>(?:[A-Za-z0-9%)\]▣])(?:\*{{1,2}})?)(?P<gap>[ \t]+|[ \t]*\n[ \t]*)(?P<p>{_PART}){_AFTER}')
_UNIT = '|'.join(sorted(UNITS, key=len, reverse=True))
_END = '|'.join(sorted(UNIT_ENDINGS, key=len, reverse=True))
UNIT_RE = re.compile(
    rf'(?<![\w.])(?P<num>\d[\d,]*(?:\.\d+)?)(?P<gap>[ \t]+)(?P<unit>{_UNIT})(?:{_END})?(?![가-힣A-Za-z])')
NOTE_RE = re.compile(r'노트(?!북)|이 컴퓨터')

# Avoid-column entries that also name an ordinary Korean word the series uses in its other sense.
# They are not checked as a whole; ``EXCUSED`` lists the contexts in which a checked term is fine.
GENERAL_WORDS = {
    '위치': 'ordinary word for "position" (공간 위치, 위치마다)',
    # The glossary bans 정답 only for worked answers ("for worked reasoning"); the series
    # needs it for an example's true class (정답 클래스, 행은 정답, 제목: 정답 → 예측).
    '정답': 'the true class of an example (정답 클래스), not a worked answer',
}
EXCUSED = {
    '지도': ['지도 학습', '지도학습', '비지도', '지도하'],   # supervised learning, to guide
    '계층': ['계층적', '계층 구조'],                        # hierarchical
}
SECTIONS = ['학습 목표', '개념', '구현', '모양 확인', '인터랙티브', '훈련', '결과', '요약과 연습문제']


def find_glossary():
    """The glossary file, or None where this checkout has none (then terms are not checked)."""
    return next((path for path in GLOSSARY_CANDIDATES if path.exists()), None)


def glossary_banned():
    path = find_glossary()
    return banned_terms(path.read_text(encoding='utf-8')) if path else {}


def banned_terms(glossary_text):
    """``{avoided term: preferred wording}`` from the glossary table's "avoid" column.

    The rule for which entries are checked (so that a text search gives no false alarms):

    1. A parenthesised note in the avoid cell ("(mixing)", "(clashes with …)") is dropped; the
       words before it are the entry.
    2. An entry that is a substring of some *required* wording — any term in the "use this"
       column, a chapter name, or a section heading — is skipped: a text search cannot tell the
       avoided use from the required one (학습 ⊂ 학습률 and 학습 목표; 이동 ⊂ 이동 평균 and
       이동 불변성).
    3. A term matches only at the start of a Korean word (지도 in "…였는지도" is not the term).
    4. An entry that is also an ordinary Korean word the series needs in its other sense is
       skipped (``GENERAL_WORDS``: 위치), and an entry with a known harmless compound is checked
       everywhere except in that compound (``EXCUSED``: 지도 학습, 계층적).
    """
    rows, chapters, in_chapters = [], [], False
    for line in glossary_text.splitlines():
        cols = [c.strip() for c in line.strip().strip('|').split('|')]
        if line.startswith('|') and len(cols) == 3 and not set(cols[0]) <= set('-: '):
            rows.append(cols)
        in_chapters = line.startswith('Chapter names') or in_chapters and bool(line.strip())
        if in_chapters:
            chapters.append(line)
    required = ' | '.join([r[1] for r in rows[1:]] + chapters + SECTIONS)
    banned = {}
    for english, use, avoid in rows[1:]:
        for entry in re.sub(r'\([^)]*\)', '', avoid).split(','):
            entry = entry.strip()
            if entry and entry not in required and entry not in GENERAL_WORDS:
                banned[entry] = use
    return banned


@dataclass
class Violation:
    line: int
    rule: str
    found: str
    fix: str

    def format(self, doc):
        return f'{_rel(doc.path)}:{self.line}: [{self.rule}] "{self.found}" → {self.fix}'


def _rel(path):
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def style_violations(doc, banned=None):
    """Every style violation in a document, in line order."""
    if banned is None:
        banned = glossary_banned()
    found = []
    for first_line, raw in doc.cells:
        codes = []
        text = strip_markup(raw, codes)

        def line_of(offset):
            return first_line + text.count('\n', 0, offset)

        for m in PARTICLE_RE.finditer(text):
            start = m.start('word')
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            word = text[start:m.end('word')]
            if CODE in word:          # show the code span itself
                word = word.replace(CODE, codes[text.count(CODE, 0, m.end('word')) - 1])
            gap = '⏎' if '\n' in m.group('gap') else ' '
            shown = f'{word}{gap}{m.group("p")}'
            fix = f'붙여 씁니다: "{word}{m.group("p")}"'
            if re.search(r'[^\w\s]\*+$', word):
                # CommonMark: a closing ** right after punctuation and right before a letter does
                # not close the emphasis, so "**패딩(padding)**을" would show its asterisks.
                fix = ('붙여 쓰되, 닫는 ** 바로 앞이 괄호나 ` 같은 기호이면 뒤에 글자가 붙을 때 굵게가 '
                       '닫히지 않으므로 기호를 굵게 밖으로 빼거나 굵게를 없앱니다: "**패딩**(padding)을"')
            found.append(Violation(line_of(m.start('p')), '조사 띄어쓰기', shown, fix))
        for m in UNIT_RE.finditer(text):
            found.append(Violation(line_of(m.start()), '단위 띄어쓰기',
                                   f'{m.group("num")} {m.group("unit")}',
                                   f'붙여 씁니다: "{m.group("num")}{m.group("unit")}"'))
        for term, use in banned.items():
            for m in re.finditer(r'(?<![가-힣])' + re.escape(term), text):
                around = text[max(0, m.start() - 6):m.end() + 6]
                if any(ok in around and _covers(text, m, ok) for ok in EXCUSED.get(term, [])):
                    continue
                found.append(Violation(line_of(m.start()), '용어', around.strip(),
                                       f'"{term}" 대신 용어집의 표기를 씁니다: {use}'))
        for m in NOTE_RE.finditer(text):
            fix = ('독자는 이 노트북만 봅니다: 논문을 인용하거나 "흔히 …라고 설명합니다"로 씁니다'
                   if m.group(0).startswith('노트') else
                   '"2코어 CPU에서"처럼 실행 환경을 씁니다')
            found.append(Violation(line_of(m.start()), '노트·컴퓨터 언급',
                                   text[m.start():m.end() + 3].split('\n')[0], fix))
    return sorted(found, key=lambda v: v.line)


def _covers(text, match, phrase):
    """True when an occurrence of ``phrase`` in ``text`` contains ``match``'s span."""
    for m in re.finditer(re.escape(phrase), text):
        if m.start() <= match.start() and match.end() <= m.end():
            return True
    return False


def style_report(docs=None):
    """A printable report: every violation of every document, grouped by document."""
    docs = docs if docs is not None else [read_notebook(n) for n in notebook_names()] + [read_readme()]
    banned = glossary_banned()
    blocks, counts = [], []
    for doc in docs:
        found = style_violations(doc, banned)
        counts.append(f'{doc.name}: {len(found)}')
        if found:
            blocks.append(f'## {doc.name} ({len(found)})\n' + '\n'.join(v.format(doc) for v in found))
    checked = ', '.join(sorted(banned)) or 'none (glossary-ko.md not found)'
    return ('Style violations per document: ' + '; '.join(counts) +
            f'\nBanned terms checked: {checked}\n\n' + '\n\n'.join(blocks) + '\n')


# --------------------------------------------------------------------------- run numbers

RUN_MARK = re.compile(r'<!--\s*run(?:\s+(?P<value>[^-\s][^>]*?))?\s*-->')
NUMBER = r'-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?'
TAGGED = re.compile(
    rf'(?P<num>{NUMBER})(?P<unit>\s?(?:%|×|{_UNIT}))?'
    rf'(?P<bound>\s?(?:이상|이하|넘게|초과|미만|아래|남짓))?\s*' + RUN_MARK.pattern)
NUMBER_RE = re.compile(rf'(?<![\w.])(?:{NUMBER})(?![\d])')
LOWER = ('이상', '넘게', '초과', '남짓')
UPPER = ('이하', '미만', '아래')


def _number(text):
    return Decimal(text.replace(',', ''))


def _decimals(text):
    mantissa = text.replace(',', '').lower().split('e')[0]
    return len(mantissa.split('.')[1]) if '.' in mantissa else 0


def _rounds_to(value, written):
    """True when ``value`` rounded at ``written``'s number of decimals equals ``written``."""
    step = Decimal(1).scaleb(-_decimals(written))
    return abs(value - _number(written)) <= step / 2


def _agrees(value_text, written):
    """Does the run value support the written number?  At the written decimals it must round to
    it; a written integer with trailing zeros (1,600) is read at its significant figures."""
    value, target = _number(value_text), _number(written)
    if _rounds_to(value, written):
        return True
    digits = written.replace(',', '').lstrip('-')
    if '.' not in digits and digits.rstrip('0') != digits and target != 0:
        zeros = len(digits) - len(digits.rstrip('0'))
        return abs(value - target) <= Decimal(10) ** zeros / 2
    return False


@dataclass
class Mismatch:
    line: int
    written: str
    problem: str

    def format(self, doc):
        return f'{_rel(doc.path)}:{self.line}: "{self.written}" — {self.problem}'


def number_mismatches(name, doc=None, outputs=None):
    """Tagged numbers in a notebook's markdown that its committed outputs do not support."""
    doc = doc or read_notebook(name)
    outputs = notebook_outputs(name) if outputs is None else outputs
    seen = [m.group(0) for m in NUMBER_RE.finditer(outputs)]
    problems = []
    for first_line, raw in doc.cells:
        tagged = list(TAGGED.finditer(raw))
        for mark in RUN_MARK.finditer(raw):
            if not any(t.end() == mark.end() for t in tagged):
                problems.append(Mismatch(first_line + raw.count('\n', 0, mark.start()),
                                         raw[max(0, mark.start() - 12):mark.end()],
                                         'no number right before the <!-- run --> mark'))
        for t in tagged:
            line = first_line + raw.count('\n', 0, t.start())
            bound = (t.group('bound') or '').strip()
            after = re.match(r'\s?(이상|이하|넘게|초과|미만|아래|남짓)', raw[t.end():])
            if not bound and after:          # "0.85<!-- run 0.853 --> 이상" reads the same
                bound = after.group(1)
            problem = _check_tag(t.group('num'), bound, (t.group('value') or '').strip(), seen)
            if problem:
                problems.append(Mismatch(line, t.group(0), problem))
    return problems


def _check_tag(written, bound, value, seen):
    if value:
        if not re.fullmatch(NUMBER, value):
            return f'the value in the mark must be a plain number, not "{value}"'
        if not any(_number(s) == _number(value) and _decimals(s) == _decimals(value) for s in seen):
            return f'the outputs do not show {value}'
        if bound in LOWER and not _number(value) >= _number(written):
            return f'the run gave {value}, so "{written} {bound}" does not hold'
        if bound in UPPER and not _number(value) <= _number(written):
            return f'the run gave {value}, so "{written} {bound}" does not hold'
        if not bound and not _agrees(value, written):
            return f'the run gave {value}, which does not round to {written}'
        return None
    if bound:
        return f'"{written} {bound}" needs the run value in the mark, e.g. <!-- run 0.853 -->'
    if not any(_agrees(s, written) for s in seen):
        return f'no output number rounds to {written}'
    return None


# --------------------------------------------------------------------------- command line

def main(argv):
    what, prefixes = (argv[0] if argv else 'numbers'), argv[1:]
    names = [n for n in notebook_names() if not prefixes or n.startswith(tuple(prefixes))]
    if what == 'style':
        docs = [read_notebook(n) for n in names] + ([] if prefixes else [read_readme()])
        print(style_report(docs), end='')
        return 0
    if what != 'numbers':
        print('usage: python -m tests.editorial [numbers|style] [notebook prefix …]')
        return 2
    total = 0
    for name in names:
        doc = read_notebook(name)
        found = number_mismatches(name, doc)
        tags = sum(len(RUN_MARK.findall(raw)) for _, raw in doc.cells)
        print(f'{name}: {tags} tagged, {len(found)} mismatched')
        for m in found:
            print('  ' + m.format(doc))
        total += len(found)
    return 1 if total else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
