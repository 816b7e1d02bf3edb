"""Every exercise of every notebook has a worked answer in ``notebooks/solutions/``.

For each main notebook ``NN_name.ipynb`` there is ``solutions/NN_name_solutions.ipynb`` with its
jupytext pair; the main notebook's 연습문제 list links to it; the solution answers every exercise
in the same numbering (a heading per exercise: ``## 연습문제 3``), asks the learner to try first
and links back to the lesson.  (nbval runs the solution notebooks like the others.)
"""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / 'notebooks'
LESSONS = sorted(NOTEBOOKS.glob('[0-9][0-9]_*.ipynb'))
EXERCISE_HEADING = re.compile(r'^#{2,4}\s*연습문제\s*(\d+)\b', re.M)


def markdown(notebook):
    cells = json.loads(notebook.read_text(encoding='utf-8'))['cells']
    return '\n\n'.join(''.join(c['source']) for c in cells if c['cell_type'] == 'markdown')


def exercises(lesson):
    """The numbers of the lesson's exercises: the numbered list after its **연습문제** line."""
    text = markdown(lesson)
    start = text.rfind('**연습문제**')
    assert start >= 0, f'{lesson.name} has no **연습문제** list'
    return [int(n) for n in re.findall(r'^(\d+)\.\s', text[start:], flags=re.M)]


def solution_of(lesson):
    return NOTEBOOKS / 'solutions' / f'{lesson.stem}_solutions.ipynb'


def test_every_lesson_is_found():
    assert len(LESSONS) == 10, [p.name for p in LESSONS]


@pytest.mark.parametrize('lesson', LESSONS, ids=lambda p: p.stem)
def test_solution_notebook_exists_and_is_paired(lesson):
    solution = solution_of(lesson)
    assert solution.exists(), f'{solution.relative_to(NOTEBOOKS.parent)} is missing'
    paired = solution.with_suffix('.py')
    assert paired.exists(), f'{paired.name} is missing: run `make sync`'
    converted = subprocess.run(
        [sys.executable, '-m', 'jupytext', '--to', 'py:percent', '-o', '-', str(solution)],
        capture_output=True, text=True, check=True).stdout
    assert converted == paired.read_text(encoding='utf-8'), \
        f'{solution.name} and {paired.name} differ: run `make sync`'


@pytest.mark.parametrize('lesson', LESSONS, ids=lambda p: p.stem)
def test_lesson_links_to_its_solutions(lesson):
    text = markdown(lesson)
    exercises_part = text[text.rfind('**연습문제**'):]
    assert f'solutions/{solution_of(lesson).name}' in exercises_part, \
        f'{lesson.name}: the 연습문제 list does not link to solutions/{solution_of(lesson).name}'


@pytest.mark.parametrize('lesson', LESSONS, ids=lambda p: p.stem)
def test_every_exercise_is_answered_in_order(lesson):
    numbers = exercises(lesson)
    assert numbers == list(range(1, len(numbers) + 1)), f'{lesson.name}: exercises numbered {numbers}'
    solution = solution_of(lesson)
    if not solution.exists():
        pytest.fail(f'{solution.name} is missing')
    text = markdown(solution)
    answered = [int(n) for n in EXERCISE_HEADING.findall(text)]
    assert answered == numbers, (f'{solution.name} answers exercises {answered}; '
                                 f'{lesson.name} has {numbers}')
    assert f'../{lesson.name}' in text, f'{solution.name} does not link back to {lesson.name}'
