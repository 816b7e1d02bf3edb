"""The glossary's mechanical writing-style rules hold in every notebook's markdown and README.

The checker is ``tests/editorial.py``; ``python -m tests.editorial style`` prints the same list.
Only markdown prose is checked: inline code, code blocks, $…$ / $$…$$ math, images, link targets,
bare URLs, HTML tags and comments are blanked out first (nothing inside them is judged).  The rules:

(a) 조사 띄어쓰기 — a particle standing alone (followed by a space, punctuation or the line end)
    right after a Latin word, an Arabic numeral, ``%``, a closing bracket or inline code:
    "NiN 을" → "NiN을", "0 으로" → "0으로", "(padding) 을" → "(padding)을", "`nn.Conv2d` 가" →
    "`nn.Conv2d`가" (code names are Latin words).  After bold that ends in a bracket the fix
    moves the bracket out ("**패딩(padding)** 을" → "**패딩**(padding)을"): CommonMark does not
    close ``**`` that follows punctuation and precedes a letter.  A particle after math
    (``$n$ 의``) is not judged: the series writes math as a unit of its own, and the span is
    blanked out, leaving no word to attach to.
(b) 단위 띄어쓰기 — a unit or counter after an Arabic numeral: "5 분" → "5분", "10 에폭",
    "28 px".  The unit must end the word or be followed by a particle/ending, so "2 분기",
    "3 배치" and "1 초기화" are not read as units.  Latin measures that are names of quantities
    (GFLOPs, MFLOPs) are left alone.
(c) 용어 — terms from the glossary's "avoid" column, read from the glossary file itself
    (../shared/glossary-ko.md next to the repository; a checkout without it skips this rule).  Which
    entries are checked is decided by ``editorial.banned_terms`` (see its docstring): an entry
    that is part of a required wording (학습 ⊂ 학습률, 학습 목표; 이동 ⊂ 이동 평균) or an ordinary
    word needed in another sense (위치) is skipped; 지도 is checked except in 지도 학습.
(d) No "노트" (other than 노트북) and no "이 컴퓨터": the reader has only the notebook.

A failing test lists every violation of that document at once, with the file, the line in the
.py pair (what an editor edits) and the fix.
"""
import pytest

import editorial
from editorial import Document

DOCUMENTS = (editorial.notebook_names() + ['README']
             + [f'{name} comments' for name in editorial.notebook_names()])


def load(name):
    if name == 'README':
        return editorial.read_readme()
    if name.endswith(' comments'):
        return editorial.read_code_comments(name.split()[0])
    return editorial.read_notebook(name)


def test_notebooks_are_found():
    assert editorial.notebook_names(), 'notebooks/*.ipynb or jupytext *.py not found'


@pytest.mark.parametrize('name', DOCUMENTS)
def test_writing_style(name):
    doc = load(name)
    found = editorial.style_violations(doc)
    if found:
        pytest.fail(f'{len(found)} style violations in {doc.name}:\n' +
                    '\n'.join(v.format(doc) for v in found), pytrace=False)


# --- the rules themselves ----------------------------------------------------------------

def check(text, banned=None):
    doc = Document('example', editorial.ROOT / 'example.md', [(1, text)])
    return [(v.rule, v.found) for v in editorial.style_violations(doc, banned or {})]


@pytest.mark.parametrize('text, found', [
    ('NiN 을 Fashion-MNIST 로 훈련합니다.', [('조사 띄어쓰기', 'NiN 을'),
                                           ('조사 띄어쓰기', 'Fashion-MNIST 로')]),
    ('값을 0 으로 둡니다.', [('조사 띄어쓰기', '0 으로')]),
    ('특성 맵(feature map) 은 크다.', [('조사 띄어쓰기', 'map) 은')]),
    ('**ReLU** 가 좋습니다', [('조사 띄어쓰기', '**ReLU** 가')]),
    ('[ResNet](https://arxiv.org/abs/1512.03385) 은', [('조사 띄어쓰기', 'ResNet 은')]),
    ('LeNet\n은 작습니다.', [('조사 띄어쓰기', 'LeNet⏎은')]),
    ('CPU 에서는 느립니다', [('조사 띄어쓰기', 'CPU 에서는')]),
    ('모델은 ResNet 입니다.', [('조사 띄어쓰기', 'ResNet 입니다')]),
    ('5 분 걸리고 10 에폭 동안 28 px 이미지', [('단위 띄어쓰기', '5 분'), ('단위 띄어쓰기', '10 에폭'),
                                          ('단위 띄어쓰기', '28 px')]),
    ('2 코어 CPU에서 3 배로', [('단위 띄어쓰기', '2 코어'), ('단위 띄어쓰기', '3 배')]),
    ('1,000 장을 씁니다', [('단위 띄어쓰기', '1,000 장')]),
    ('`nn.Conv2d` 가 있고 `a` 와 `b`를', [('조사 띄어쓰기', '`nn.Conv2d` 가'), ('조사 띄어쓰기', '`a` 와')]),
    ('`x = 1 가` 는 코드', [('조사 띄어쓰기', '`x = 1 가` 는')]),       # nothing inside code is judged
    ('$p_h$ 는 패딩이고 $5 \\times 5$ 가 커널, 합은 $= 400$ 입니다',
     [('조사 띄어쓰기', '$p_h$ 는'), ('조사 띄어쓰기', '$5 \\times 5$ 가'),
      ('조사 띄어쓰기', '$= 400$ 입니다')]),                                # math reads as a word
    ('128 이면 `resize` 를', [('조사 띄어쓰기', '128 이면'), ('조사 띄어쓰기', '`resize` 를')]),
])
def test_rules_find(text, found):
    assert check(text) == found


@pytest.mark.parametrize('text', [
    'NiN을 Fashion-MNIST로 훈련합니다. 0으로, 5분, 10에폭, 28px, (padding)을',
    '`nn.Conv2d`가 있고 $x$의 값과 $$y = 1$$ 이',                   # display math is not judged
    '분기 2 분기점, 3 배치, 1 초기화, 4 가지치기',                    # not units / not particles
    '이 값은 ResNet 이전의 모델이고, GPU 이용',                      # 이전, 이용 are words
    '[링크](https://example.com/a) 참고, https://example.com/b 와 <!-- NiN 을 -->',
    '[![Colab에서 열기](https://x.org/badge.svg)](https://x.org/nb) 를 누릅니다',
    '```\nNiN 을\n```',
    'ResNet은 (2016) 논문',
])
def test_rules_do_not_fire_on(text):
    assert check(text) == []


def test_bold_ending_in_a_bracket_gets_a_fix_that_renders():
    doc = Document('example', editorial.ROOT / 'x.md', [(1, '**패딩(padding)** 을 씁니다')])
    (v,) = editorial.style_violations(doc, {})
    assert '**패딩**(padding)을' in v.fix


def test_note_and_computer_references():
    assert check('원래 노트의 말로는 이 컴퓨터에서 빠릅니다. 노트북은 괜찮습니다.') == [
        ('노트·컴퓨터 언급', '노트의 말'), ('노트·컴퓨터 언급', '이 컴퓨터에서 ')]


def test_banned_terms_come_from_the_glossary():
    if editorial.find_glossary() is None:
        pytest.skip('glossary-ko.md is not in this checkout: banned terms are not checked')
    banned = editorial.glossary_banned()
    for term in ['컨볼루션', '피처 맵', '에포크', '학습 속도', '평가 모드', '지도', '찍기 수준', '잔여']:
        assert term in banned
    for ambiguous in ['학습', '이동', '위치']:       # see editorial.banned_terms
        assert ambiguous not in banned
    found = check('BN의 평가 모드와 클래스 지도, 지도 학습, 보이는지도', banned)
    assert [rule for rule, _ in found] == ['용어', '용어']
    assert '평가 모드' in found[0][1] and '클래스 지도' in found[1][1]


def test_code_comments_are_read_from_code_cells_only(tmp_path, monkeypatch):
    script = tmp_path / 'x.py'
    script.write_text('# %% [markdown]\n# 설명 NiN 을\n\n# %%\n# d2lmini 가 없으면\n'
                      "x = '# 글자 안의 샵 NiN 을'  # torch 는 그대로\n", encoding='utf-8')
    monkeypatch.setattr(editorial, 'NOTEBOOK_DIR', tmp_path)
    doc = editorial.read_code_comments('x')
    assert [(v.line, v.found) for v in editorial.style_violations(doc, {})] == [
        (5, 'd2lmini 가'), (6, 'torch 는')]


def test_line_numbers_point_into_the_source():
    doc = Document('example', editorial.ROOT / 'x.py', [(10, '첫 줄\n$$\na\n$$\nNiN 을')])
    assert [v.line for v in editorial.style_violations(doc, {})] == [14]
