"""The glossary's mechanical writing-style rules hold in every notebook's markdown and README.

The checker is ``tests/editorial.py``; ``python -m tests.editorial style`` prints the same list.
Markdown prose, code comments and Korean strings are checked: inline code, code blocks, $…$ / $$…$$ math, images, link targets,
bare URLs, HTML tags and comments are blanked out first (nothing inside them is judged).  The rules:

(a) 조사 띄어쓰기 — read with Kiwi (kiwipiepy, a Korean morphological analyser): a particle (J…),
    the copula 이다 or an ending after it, or a particle-like bound noun (대로, 만큼) written apart
    from the Latin word, number, closing bracket, code, math or noun before it: "`arch` 대로",
    "$s_h$ 라고", "True 면", "[I, 0] 가".  Kiwi tells a determiner (이/두/한) or a noun (이전) from a
    particle.  Also a particle standing alone (followed by a space, punctuation or the line end)
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
(e) 문체 — the series writes 합쇼체: a sentence ending in 해라체 ("넣는다.") or 해요체 ("되니까요.")
    is an error; headings, run-in bold headings, tables, quotations, -세요 instructions and
    -나요?/-까요? questions are fine.  In code comments and strings only a sentence that ends with a
    stop is judged (labels like "없음" are not sentences).
(f) 문단 길이 — a markdown paragraph of more than eight sentences (list items are not paragraphs).
(g) 한 곳에 한 번 — a paragraph of which half the four-word runs appear in a paragraph of another
    notebook (a notebook and its own solutions excepted).

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


@pytest.fixture(scope='module')
def shared():
    return editorial.shared_paragraphs([editorial.read_notebook(n) for n in editorial.notebook_names()])


@pytest.mark.parametrize('name', editorial.notebook_names())
def test_no_paragraph_is_copied_into_another_notebook(name, shared):
    """One explanation lives in one place: a paragraph of which half the four-word runs appear
    in a paragraph of another notebook is a copy (link to the one place instead)."""
    copies = shared[name]
    if copies:
        doc = editorial.read_notebook(name)
        pytest.fail(f'{len(copies)} paragraphs of {name} repeat another notebook (keep the '
                    'explanation in one place and link to it in one sentence):\n' +
                    '\n'.join(f'{editorial._rel(doc.path)}:{line} ≈ notebooks/{other}.py:{other_line}'
                               for line, other, other_line in copies), pytrace=False)


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
    ('특성 맵(feature map) 은 큽니다.', [('조사 띄어쓰기', 'map) 은')]),
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
    # particles, the copula and endings that no word list holds (Kiwi reads them)
    ('이 값을 $s_h$ 라고 부릅니다.', [('조사 띄어쓰기', '$s_h$ 라고')]),
    ('`LazyConv2d` 라서 모양을 몰라도 됩니다.', [('조사 띄어쓰기', '`LazyConv2d` 라서')]),
    ('`arch` 대로 만듭니다.', [('조사 띄어쓰기', '`arch` 대로')]),
    ('r 과 s 가 같고, True 면 켭니다.', [('조사 띄어쓰기', 'r 과'), ('조사 띄어쓰기', 's 가'),
                                   ('조사 띄어쓰기', 'True 면')]),
    ('블록의 가중치는 [I, 0] 가 됩니다.', [('조사 띄어쓰기', '0] 가')]),
    ('모델 은 작습니다.', [('조사 띄어쓰기', '모델 은')]),
    # 합쇼체: 해라체 and 해요체 statements are errors
    ('값을 넣는다. 그다음 모델을 쓴다.', [('문체', '넣는다.'), ('문체', '쓴다.')]),
    ('이렇게 하면 빨라지니까요.', [('문체', '빨라지니까요.')]),
    ('그럼 깊이를 두 배로 하면요?', [('문체', '하면요?')]),
    ('- 입력을 넣는다\n- 출력을 본다', [('문체', '넣는다'), ('문체', '본다')]),
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
    # determiners and nouns are not particles; headings, questions, instructions, quotations
    '이 값은 두 층이 있고 한 번 더 봅니다. 마지막 에폭의 값입니다.',
    '# 책의 설정은 얼마나 걸릴까\n\n**어느 쪽이 큰가.** 활성화 함수입니다.',
    '어느 쪽이 클까요? 직접 바꿔 보세요. 함께 봅시다. 무엇이 다른가요?',
    '논문은 "깊게 쌓는다"라고 썼습니다.',
    '파일을 올린 뒤(Colab: 왼쪽 파일 창) 이 셀을 다시 실행하세요.',
    '편향이 $c_o$개이므로\n$$p = c_o$$\n입니다.',
    '| 열 | 없음 |\n|---|---|\n| 값 | 쓴다 |',
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


def test_code_comments_and_strings_are_read_from_code_cells_only(tmp_path, monkeypatch):
    script = tmp_path / 'x.py'
    script.write_text('# %% [markdown]\n# 설명 NiN 을\n\n# %%\n# d2lmini 가 없으면\n'
                      "x = '글자 안의 NiN 을 봅니다'  # torch 는 그대로\n"
                      'print(f"{n} 개를 넣는다.")  # 없음\n', encoding='utf-8')
    monkeypatch.setattr(editorial, 'NOTEBOOK_DIR', tmp_path)
    doc = editorial.read_code_comments('x')
    assert [(v.line, v.found) for v in editorial.style_violations(doc, {})] == [
        (5, 'd2lmini 가'), (6, 'NiN 을'), (6, 'torch 는'), (7, '넣는다.')]


def test_long_paragraphs_and_copies():
    long = ' '.join(f'문장 {i}번을 씁니다.' for i in range(9))
    assert check(long) == [('문단 길이', '9문장')]
    tagged = ' '.join(f'정확도는 0.9{i}<!-- run -->입니다.' for i in range(8))
    assert check(tagged) == []                        # a run tag does not end a sentence
    assert check('- ' + long.replace('. ', '.\n- ')) == []          # list items are not a paragraph
    text = ('모든 모델은 같은 레시피로 여덟 에폭 동안 훈련하고 검증 정확도와 걸린 시간을 함께 기록해 '
            '한 표에서 나란히 비교합니다.')
    a = Document('03_vgg', editorial.ROOT / 'a.py', [(1, text)])
    b = Document('05_googlenet', editorial.ROOT / 'b.py', [(7, '머리말입니다.\n\n' + text)])
    own = Document('solutions/03_vgg_solutions', editorial.ROOT / 'c.py', [(1, text)])
    found = editorial.shared_paragraphs([a, b, own])
    assert found['03_vgg'] == [(1, '05_googlenet', 9)]
    assert found['solutions/03_vgg_solutions'] == [(1, '05_googlenet', 9)]


def test_line_numbers_point_into_the_source():
    doc = Document('example', editorial.ROOT / 'x.py', [(10, '첫 줄\n$$\na\n$$\nNiN 을')])
    assert [v.line for v in editorial.style_violations(doc, {})] == [14]
