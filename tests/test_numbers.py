"""Numbers that a notebook's text quotes from a run match the notebook's committed outputs.

How to tag a number (notebook writers)
--------------------------------------
Put the mark ``<!-- run -->`` right after a number in markdown that comes from this notebook's
run.  It is an HTML comment, so it does not show in Jupyter, Colab or on GitHub::

    검증 정확도는 약 0.87<!-- run -->입니다.
    훈련은 2코어 CPU에서 4.2분<!-- run --> 걸렸습니다.

The check then requires that some output of the notebook (printed text, tables, widget
defaults — every text the committed .ipynb shows) contains a number that rounds to the tagged
one at the tagged number's decimals: ``0.87`` is satisfied by an output 0.870, 0.866 or 0.8749,
not by 0.853.  Thousands separators are ignored (``1,612`` = 1612); a unit right after the
number (``4.2분``, ``14배``, ``50%``) may stand between the number and the mark.

* **"약"** needs nothing more: write the number as precisely as you mean it ("약 0.87" is checked
  at two decimals; "약 0.9" at one).
* **Bounds** ("0.85 이상", "넘게", "초과", "이하", "미만", "아래", "남짓") need the run's value in the
  mark, so the check can compare: ``0.85 이상<!-- run 0.853 -->``.  The outputs must show
  ``0.853`` itself and 0.853 must satisfy the bound.  (The mark may also come between the
  number and the word: ``0.85<!-- run 0.853 --> 이상`` reads the same.)
* **A rounded figure** can name the value too: ``약 1,600배<!-- run 1,612 -->`` requires 1,612
  in the outputs and that it rounds to 1,600 (a written integer ending in zeros is read at its
  significant figures).  ``약 0.85<!-- run 0.853 -->`` works the same way.

A bare mark is compared with *every* number in the outputs, so a coarse figure is a weak check
("약 0.9" is met by any printed 0.85…0.95).  Naming the value (``약 0.9<!-- run 0.882 -->``)
pins it to the printed result line and is the better habit for headline numbers.

Untagged numbers are not checked.  Tag numbers that describe *this* run (accuracies, minutes,
ratios printed by a cell); don't tag the book's numbers or fixed settings.  After re-executing
notebooks, list every mismatch with ``python -m tests.editorial numbers`` (or ``… numbers 04``).
"""
import pytest

import editorial
from editorial import Document

NAMES = editorial.notebook_names()


@pytest.mark.parametrize('name', NAMES)
def test_tagged_numbers_match_the_outputs(name):
    doc = editorial.read_notebook(name)
    found = editorial.number_mismatches(name, doc)
    if found:
        pytest.fail(f'{len(found)} tagged numbers in {name} do not match its outputs:\n' +
                    '\n'.join(m.format(doc) for m in found), pytrace=False)


# --- the check itself ---------------------------------------------------------------------

OUTPUTS = """실행 프로필: cpu
[ResNet] 4.3분, 검증 정확도 0.853
비율: 1,612.4배, 파라미터 60,000개, 분산 4.3e-06
   정확도  예제 수
t-shirt  0.870  1000
"""


def problems(markdown, outputs=OUTPUTS):
    doc = Document('example', editorial.ROOT / 'x.py', [(1, markdown)])
    return [m.problem for m in editorial.number_mismatches('example', doc, outputs)]


@pytest.mark.parametrize('markdown', [
    '정확도는 약 0.85<!-- run -->입니다.',             # 0.853 rounds to 0.85
    '정확도 0.853<!-- run -->, 시간 4.3분<!-- run -->',
    '약 0.9<!-- run -->',
    '0.87<!-- run -->',                                # from the table
    '약 1,600배<!-- run 1,612.4 -->',
    '60,000<!-- run -->장',
    '0.85 이상<!-- run 0.853 -->',
    '0.9 미만<!-- run 0.853 -->',
    '0.9<!-- run 0.853 --> 미만',
    '분산은 4.3e-06<!-- run -->',
    '태그 없는 0.99 는 검사하지 않습니다',
])
def test_supported_numbers_pass(markdown):
    assert problems(markdown) == []


@pytest.mark.parametrize('markdown, problem', [
    ('정확도는 약 0.88<!-- run -->', 'no output number rounds to 0.88'),
    ('4.2분<!-- run -->', 'no output number rounds to 4.2'),
    ('0.86 이상<!-- run 0.853 -->', '"0.86 이상" does not hold'),
    ('0.85 이상<!-- run -->', 'needs the run value'),
    ('0.86<!-- run 0.853 --> 이상', '"0.86 이상" does not hold'),
    ('약 0.86<!-- run 0.853 -->', 'does not round to 0.86'),
    ('약 0.85<!-- run 0.854 -->', 'the outputs do not show 0.854'),
    ('숫자 없이<!-- run -->', 'no number right before'),
])
def test_unsupported_numbers_fail(markdown, problem):
    (found,) = problems(markdown)
    assert problem in found


def test_mismatch_names_the_line():
    doc = Document('example', editorial.ROOT / 'notebooks/x.py', [(20, '첫 줄\n약 0.99<!-- run -->')])
    (m,) = editorial.number_mismatches('example', doc, OUTPUTS)
    assert m.format(doc).startswith('notebooks/x.py:21: "0.99<!-- run -->"')


def test_command_line_lists_every_notebook(capsys):
    editorial.main(['numbers'])
    printed = capsys.readouterr().out
    assert all(f'{name}:' in printed for name in NAMES)
