"""Mechanical editorial checks for the notebooks' markdown and README's Korean part.

Two checks live here (the tests in ``test_style.py`` and ``test_numbers.py`` call them):

* ``style_violations(doc)`` — writing-style rules from ``glossary-ko.md`` that a program can
  check: particles, the copula and endings written apart (read by the Korean analyser Kiwi),
  해라체/해요체 sentences, paragraphs of more than eight sentences, units after numerals, banned
  terms, references to a "노트"; ``shared_paragraphs(docs)`` finds a paragraph copied into
  another notebook.
* ``number_mismatches(notebook)`` — numbers that the markdown tags as coming from a run must
  appear in the notebook's committed outputs.

Both can be run by hand from the repository root, e.g. after re-executing notebooks::

    python -m tests.editorial numbers          # every notebook
    python -m tests.editorial numbers 04 07    # notebooks whose name starts with 04 or 07
    python -m tests.editorial style            # style report for every notebook and README

The module imports nothing beyond the standard library and kiwipiepy (no torch).
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
    prose: bool = True        # markdown (paragraph rule applies), not code comments or strings


def notebook_names():
    """Every notebook in notebooks/ and notebooks/solutions/ (a .py pair, an .ipynb, or both), as
    its path below notebooks/ without the suffix: ``07_resnet``, ``solutions/07_resnet_solutions``."""
    names = set()
    for folder in (NOTEBOOK_DIR, NOTEBOOK_DIR / 'solutions'):
        prefix = '' if folder == NOTEBOOK_DIR else 'solutions/'
        names |= {prefix + p.stem for p in folder.glob('*.ipynb')}
        names |= {prefix + p.stem for p in folder.glob('*.py') if _is_percent_script(p)}
    return sorted(names)


def matches(name, prefixes):
    """True when a notebook's own name (without its folder) starts with one of ``prefixes``."""
    return not prefixes or Path(name).name.startswith(tuple(prefixes))


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
    """The comments and the Korean string literals (docstrings, printed messages) in a notebook's
    code cells, from the .py pair, numbered as in the .py: the glossary's rules hold there too.
    A replacement field ``{…}`` of an f-string reads as one word."""
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
        if line not in code_lines:
            continue
        if token.type == tokenize.COMMENT and 'NBVAL_' not in token.string:
            cells.append((line, token.string.lstrip('#').strip()))
        elif token.type in _STRING_TOKENS and re.search('[가-힣]', token.string):
            body = re.sub(r'^[a-zA-Z]*(\'\'\'|"""|\'|")|(\'\'\'|"""|\'|")$', '', token.string)
            cells.append((line, re.sub(r'\{[^{}\n]*\}', 'X', body)))
    return Document(f'{name} (code comments)', NOTEBOOK_DIR / f'{name}.py', cells, prose=False)


def _string_token_types():
    import tokenize
    # Python 3.12 splits f-strings into FSTRING_START/MIDDLE/END; earlier versions use STRING.
    return {tokenize.STRING} | {getattr(tokenize, n) for n in ('FSTRING_MIDDLE',)
                                if hasattr(tokenize, n)}


_STRING_TOKENS = _string_token_types()


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

# Particles (and the copula's common forms) that must attach to the word before them.  Kiwi finds
# the rest (``detached_particles``); this list also catches a particle Kiwi misreads for lack of
# context (a text that ends right after it).  A match needs the particle to stand alone.
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

        for offset, shown, fix in detached_particles(text, codes):
            word = shown.rsplit(' ', 1)[0].rsplit('⏎', 1)[0]
            if re.search(r'[^\w\s]\*+$', word):
                # CommonMark: a closing ** right after punctuation and right before a letter does
                # not close the emphasis, so "**패딩(padding)**을" would show its asterisks.
                fix = ('붙여 쓰되, 닫는 ** 바로 앞이 괄호나 ` 같은 기호이면 뒤에 글자가 붙을 때 굵게가 '
                       '닫히지 않으므로 기호를 굵게 밖으로 빼거나 굵게를 없앱니다: "**패딩**(padding)을"')
            found.append(Violation(line_of(offset), '조사 띄어쓰기', shown, fix))
        for offset, shown, fix in impolite_endings(text, doc.prose):
            found.append(Violation(line_of(offset), '문체', shown, fix))
        if doc.prose:
            for offset, count in long_paragraphs(text):
                found.append(Violation(line_of(offset), '문단 길이', f'{count}문장',
                                       f'한 문단은 {MAX_SENTENCES}문장 이하로, 생각 하나씩 나눕니다'))
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


# --------------------------------------------------------------------------- Korean analyser

# The particle, copula and ending rules read the text with Kiwi (kiwipiepy), a Korean
# morphological analyser: it tells a particle (J…) from a determiner (이/두/한 are MM) or a noun
# (이전, 가지치기), which no word list can.
_KIWI = None


def kiwi():
    global _KIWI
    if _KIWI is None:
        from kiwipiepy import Kiwi
        _KIWI = Kiwi()
        for word in SERIES_WORDS:          # so that 마지막 에폭 is not read as 마지막에 + 폭
            _KIWI.add_user_word(word, 'NNG')
    return _KIWI


# The series' loanwords that Kiwi's dictionary lacks.
SERIES_WORDS = ['에폭', '스텝', '패딩', '스트라이드', '풀링', '드롭아웃', '스템', '프로필', '레시피',
                '미니배치', '시그모이드', '소프트맥스', '어블레이션', '원사이클', '워밍업']


_LATIN = {'SL', 'SN', 'SSC', 'SH'}                # Latin word (code and math too), number, bracket
_NOUN = {'NNG', 'NNP', 'NNB', 'NR', 'NP', 'XSN'}
# Bound nouns that follow a noun as particles (`arch`대로, X만큼): Kiwi reads them as nouns only
# because of the space.
_PARTICLE_NOUNS = {'대로', '만큼', '뿐', '마다', '처럼', '부터', '까지', '보다', '조차'}
# The same words standing alone after a Latin word, however Kiwi splits them (대 + 로).
_PARTICLE_WORD = re.compile('(?:' + '|'.join(sorted(_PARTICLE_NOUNS)) + ')(?![가-힣])')


def _analysable(text, elided='.'):
    """``strip_markup``'s output for Kiwi, every offset kept: inline code and math (▣) become the
    Latin letter X, and an elided span (◇: display math, a comment, a URL) becomes ``elided``:
    a full stop for the particle rule (nothing attaches across a display formula), a comma for
    the ending rule (a sentence goes on after its formula)."""
    return text.replace(CODE, 'X').replace(MASK, elided)


def _is_marker(token):
    return token.tag == 'SW' and set(token.form) <= set('*_~')


def _belongs_to_previous(token, following, previous):
    """True when ``token`` is a particle, the copula or a particle-like bound noun that must be
    written together with ``previous``."""
    if token.tag.startswith('J'):
        # A lone 이 before a noun is the determiner "this" (창) 이 셀을), however Kiwi tags it.
        if (token.form == '이' and following is not None and following.tag in _NOUN
                and following.start > token.start + 1):
            return False
        return previous.tag in _LATIN | _NOUN or previous.form == '%'
    if token.tag == 'VCP':
        return previous.tag in _LATIN | _NOUN or previous.form == '%'
    if token.tag == 'NNB' and token.form in _PARTICLE_NOUNS:
        return previous.tag in _LATIN
    # "3 으로": Kiwi splits 으 off as a noun when it stands alone after a number.
    return (token.form == '으' and following is not None and following.tag.startswith('J')
            and following.start == token.start + 1 and previous.tag in _LATIN)


def _starts_a_paragraph(plain, between, start):
    """True after a blank line or on the line after a heading or a table row."""
    if '\n' not in between:
        return False
    line_before = plain[:start - len(between)].rsplit('\n', 1)[-1]
    return bool(re.search(r'\n\s*\n', between) or _NOT_PROSE.match(line_before))


def detached_particles(text, codes):
    """``(offset, shown, fix)`` for every particle, copula or ending written apart from the word
    it belongs to (한글 맞춤법 제41항): `$s_h$ 라고`, `` `arch` 대로``, `True 면`, `[I, 0] 가`."""
    plain = _analysable(text)
    tokens = [t for t in kiwi().tokenize(plain) if not _is_marker(t)]
    found = []
    for previous, token, following in zip([None] + tokens, tokens, tokens[1:] + [None]):
        start = token.start
        between = '' if previous is None else plain[previous.start + previous.len:start]
        # Kiwi may cut one syllable into two tokens with the same start (저 + ㄴ = 전): only a
        # token that opens a new word after whitespace is judged.
        if (previous is None or not between or between.strip('*_~ \t\n')
                or not plain[start - 1].isspace() or _starts_a_paragraph(plain, between, start)
                or any(q.start() < start < q.end() for q in _QUOTED.finditer(plain))
                or not (_belongs_to_previous(token, following, previous)
                        or previous.tag in _LATIN and _PARTICLE_WORD.match(plain, start))):
            continue
        gap_start = start
        while plain[gap_start - 1].isspace():
            gap_start -= 1
        word = _word_before(text, gap_start, codes)
        attached = re.match(r'[가-힣]*', plain[start:]).group(0) or token.form
        gap = '⏎' if '\n' in plain[gap_start:start] else ' '
        found.append((gap_start, f'{word}{gap}{attached}', f'붙여 씁니다: "{word}{attached}"'))
    seen = {offset for offset, _, _ in found}
    for m in PARTICLE_RE.finditer(text):
        if m.end('word') in seen or (m.group('p') == '이' and re.match(r' [가-힣]', text[m.end():])):
            continue                         # a lone 이 before a word: Kiwi has judged it
        word = _word_before(text, m.end('word'), codes)
        gap = '⏎' if '\n' in m.group('gap') else ' '
        found.append((m.end('word'), f'{word}{gap}{m.group("p")}',
                      f'붙여 씁니다: "{word}{m.group("p")}"'))
    return sorted(found)


def _word_before(text, end, codes):
    """The whitespace-delimited word of ``text`` that ends at ``end``, its ▣ shown as code."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:end]
    first_code = text.count(CODE, 0, start)
    for code in codes[first_code:first_code + word.count(CODE)]:
        word = word.replace(CODE, code, 1)
    return word


# The series writes 합쇼체.  Endings a prose sentence may have: statements (-ㅂ니다), questions
# (-ㅂ니까, -나요, -까요, -ㄴ가요), instructions (-세요, -십시오) and suggestions (-ㅂ시다).
_POLITE_ENDINGS = ('니다', '니까', '시다', '세요', '시오', '나요', '까요', '가요')
_CASUAL_ENDINGS = ('니까요',)            # -니까요 is 해요체, though it ends in 까요
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|「[^」\n]*」')
# A bold lead-in that opens a line ("**책의 설정은 얼마나 걸릴까.** …") is a run-in heading.
_RUN_IN_HEADING = re.compile(r'^\s*(?:[-*+]\s+)?\*\*[^*\n]+\*\*', re.M)
_NOT_PROSE = re.compile(r'^\s*(#|\||```)')


def _blank(match):
    return ' ' * len(match.group(0))


def impolite_endings(text, prose=True):
    """``(offset, shown, fix)`` for every sentence ending in 해라체 (`넣는다.`) or 해요체
    (`되니까요.`).  Headings, table rows and quotations are not judged."""
    plain = _QUOTED.sub(_blank, _analysable(text, elided=','))
    plain = _RUN_IN_HEADING.sub(_blank, plain)
    plain = '\n'.join(' ' * len(line) if _NOT_PROSE.match(line) else line
                      for line in plain.split('\n'))
    tokens = kiwi().tokenize(plain)
    found = []
    for token, following in zip(tokens, tokens[1:] + [None]):
        if token.tag != 'EF':
            continue
        end = token.start + token.len
        form = token.form
        if following is not None and following.form == '요' and following.start == end:
            form, end = form + '요', end + 1            # 큰가 + 요: one ending
        # -음/-ㅁ nominal endings ("없음", "초기화됨") end notes and labels, not prose sentences.
        if ((form.endswith(_POLITE_ENDINGS) and not form.endswith(_CASUAL_ENDINGS))
                or form in ('음', 'ᆷ')
                or not _ends_sentence(plain, end, explicit=not prose)):
            continue
        start = max(plain.rfind(' ', 0, token.start) + 1, plain.rfind('\n', 0, token.start) + 1)
        shown = text[start:end + 1].strip()
        kind = '해요체' if form.endswith('요') or form == '죠' else '해라체'
        found.append((token.start, shown, f'{kind} 대신 합쇼체로 씁니다(-ㅂ니다, -세요, -나요?)'))
    return found


def _ends_sentence(plain, end, explicit=False):
    """True when a sentence ends at ``end``: a full stop, ! or ? follows (closing marks may come
    between), or — unless ``explicit`` (code comments and strings, where labels end without a
    stop) — the paragraph, a list item or the text ends there."""
    rest = plain[end:].lstrip('*_)"\'”’」 \t')
    if rest and rest[0] in '.!?':
        return True
    return (not explicit) and (not rest
            or bool(re.match(r'\n\s*(\n|[-*+]\s|\d+[.)]\s|$)', rest)))


MAX_SENTENCES = 8
_LIST_OR_BLOCK = re.compile(r'^\s*([-*+>]|\d+[.)]|#|\|)')


def long_paragraphs(text):
    """``(offset, sentences)`` for every markdown paragraph of more than ``MAX_SENTENCES``
    sentences (list items, headings and tables are not paragraphs).  An elided span (a
    ``<!-- run -->`` tag, a display formula) does not end a sentence."""
    plain = _analysable(text, elided=',')
    found, offset = [], 0
    for block in re.split(r'(\n\s*\n)', plain):
        lines = block.split('\n')
        if block.strip() and not any(_LIST_OR_BLOCK.match(line) for line in lines):
            count = len(kiwi().split_into_sents(block.replace('\n', ' ')))
            if count > MAX_SENTENCES:
                found.append((offset + len(block) - len(block.lstrip()), count))
        offset += len(block)
    return found


def _shingles(paragraph):
    words = re.findall(r'[\w▣]+', paragraph)
    return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}


def _paragraphs(doc):
    """``(line, shingles, text)`` for each markdown paragraph of a document worth comparing."""
    for first_line, raw in doc.cells:
        text = strip_markup(raw)
        offset = 0
        for block in re.split(r'(\n\s*\n)', text):
            shingles = _shingles(block)
            if len(shingles) >= 12:
                line = first_line + text.count('\n', 0, offset + len(block) - len(block.lstrip()))
                yield line, shingles, block.strip()
            offset += len(block)


def _number_of(name):
    return Path(name).name[:2]


def shared_paragraphs(docs):
    """``{document name: [(line, other name, other line)]}``: paragraphs of which at least half
    the four-word runs also appear in one paragraph of another notebook (a notebook and its own
    solutions are one lesson and may quote each other's exercises)."""
    paragraphs = {doc.name: list(_paragraphs(doc)) for doc in docs}
    found = {doc.name: [] for doc in docs}
    names = sorted(paragraphs)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if _number_of(a) == _number_of(b):
                continue
            for line_a, runs_a, _ in paragraphs[a]:
                for line_b, runs_b, _ in paragraphs[b]:
                    if len(runs_a & runs_b) * 2 >= min(len(runs_a), len(runs_b)):
                        found[a].append((line_a, b, line_b))
                        found[b].append((line_b, a, line_a))
    return found


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
    names = [n for n in notebook_names() if matches(n, prefixes)]
    if what == 'style':
        docs = ([read_notebook(n) for n in names] + [read_code_comments(n) for n in names]
                + ([] if prefixes else [read_readme()]))
        print(style_report(docs), end='')
        shared = shared_paragraphs([read_notebook(n) for n in notebook_names()])
        for name in names:
            for line, other, other_line in shared[name]:
                print(f'notebooks/{name}.py:{line}: [한 곳에 한 번] 문단이 '
                      f'notebooks/{other}.py:{other_line}와 겹칩니다 → 한 곳에만 두고 링크합니다')
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
