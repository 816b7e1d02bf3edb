"""Formulas survive: no control characters in any notebook or its .py, and every $…$ parses.

A Python string escape once turned ``\\frac`` into a form feed and ``\\text`` into a tab in a
notebook's markdown; the formula then showed as broken text.  These checks catch that kind of loss.
"""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = (sorted((ROOT / 'notebooks').glob('*.ipynb'))
             + sorted((ROOT / 'notebooks' / 'solutions').glob('*.ipynb')))
CONTROL = re.compile(r'[\x00-\x09\x0b-\x1f\x7f]')
MATH = re.compile(r'\$\$(.+?)\$\$|\$(.+?)\$', flags=re.S)
# The commands the series uses, all of which MathJax (JupyterLab, Notebook 7, GitHub) knows.
KNOWN = set('''Big Longrightarrow approx begin beta big boldsymbol cdot cdots dfrac dots ell end
epsilon frac gamma ge hat in lVert lceil ldots le left leftarrow lfloor ln log mapsto mathbb mathbf
mathcal mathrm max min mu odot operatorname partial phi pm prod qquad quad rVert rceil rfloor right
sigma sim sqrt subseteq sum text tfrac theta times to underbrace xrightarrow alpha lambda exp infty
neq leq geq cdot rightarrow Rightarrow bar tilde vec log2 top tanh exp varepsilon eta Phi Sigma
iff ne'''.split())


def markdown_cells(notebook):
    return [''.join(c['source']) for c in json.loads(notebook.read_text(encoding='utf-8'))['cells']
            if c['cell_type'] == 'markdown']


def formulas(text):
    text = re.sub(r'`[^`]*`', '', text)   # code spans may hold a literal $
    return [m.group(1) or m.group(2) for m in MATH.finditer(text)]


def problems_in(body):
    found = []
    depth = 0
    for char in re.sub(r'\\[{}]', '', body):
        depth += {'{': 1, '}': -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        found.append('unbalanced braces')
    # letters right before a brace with no backslash: a command that lost it (\frac → rac{)
    found += [f'command without a backslash: {word}{{' for word in
              re.findall(r'(?<![\\A-Za-z])([A-Za-z]{2,})\{', body)]
    found += [f'unknown command \\{name}' for name in re.findall(r'\\([A-Za-z]+)', body)
              if name not in KNOWN]
    return found


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_no_control_characters(notebook):
    """In the .py text and in every cell's source (outputs may hold tabs from programs)."""
    paired = notebook.with_suffix('.py').read_text(encoding='utf-8')
    sources = [''.join(c['source'])
               for c in json.loads(notebook.read_text(encoding='utf-8'))['cells']]
    for where, text in [(notebook.with_suffix('.py').name, paired)] + [
            (f'{notebook.name} cell {i}', src) for i, src in enumerate(sources)]:
        bad = [(text.count('\n', 0, m.start()) + 1, repr(m.group(0)))
               for m in CONTROL.finditer(text)]
        assert not bad, f'{where}: control characters at lines {bad[:5]}'


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_every_formula_parses(notebook):
    bad = []
    for cell in markdown_cells(notebook):
        stripped = re.sub(r'`[^`]*`', '', cell)
        if len(re.findall(r'(?<!\\)\$', stripped)) % 2:
            bad.append(f'odd number of $ in: {stripped[:80]!r}')
        for body in formulas(cell):
            bad += [f'{problem}: ${body[:60]}$' for problem in problems_in(body)]
    assert not bad, f'{notebook.stem}:\n' + '\n'.join(bad)


def test_the_checks_find_a_lost_escape():
    assert problems_in('\\frac{a}{b}') == []
    assert problems_in('a_{b}}') == ['unbalanced braces']
    assert problems_in('\\fracc{1}{2}') == ['unknown command \\fracc']
    assert problems_in('g \\cdot rac{c_i}{g}') == ['command without a backslash: rac{']
    assert CONTROL.search('\x0crac{1}{2}') and CONTROL.search('\text{FLOPs}')
