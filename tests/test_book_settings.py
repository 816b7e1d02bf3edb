"""Each notebook's ``book`` settings are the book's: learning rate, resolution, batch size, epochs
and the initialization the book's code really applies.

The book's constructors call ``self.net.apply(d2l.init_cnn)`` on lazy layers, where it does
nothing; Xavier is applied only where its training code calls ``model.apply_init(..., init_cnn)``
before ``trainer.fit`` (LeNet, VGG, NiN, GoogLeNet, BN-LeNet, ResNet).  AlexNet, DenseNet and
RegNetX32 train with PyTorch's default initialization.
"""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BOOK = {   # notebook: (lr, resolution, effective initialization)
    '01_lenet': (0.1, 28, 'xavier'),
    '02_alexnet': (0.01, 224, 'default'),
    '03_vgg': (0.01, 224, 'xavier'),
    '04_nin': (0.05, 224, 'xavier'),
    '05_googlenet': (0.01, 96, 'xavier'),
    '06_batch_norm': (0.1, 28, 'xavier'),
    '07_resnet': (0.01, 96, 'xavier'),
    '08_densenet': (0.01, 96, 'default'),
    '09_cnn_design': (0.05, 96, 'default'),
}


def _value(node):
    """A literal, or the name of a ``d2l.`` constant such as ``d2l.CPU_RECIPE``."""
    if isinstance(node, ast.Attribute):
        return node.attr
    return ast.literal_eval(node)


def settings_call(source):
    """The training's ``d2l.profile_settings(book=…, cpu=…, smoke=…)`` call of a notebook, as
    dicts: the first one that sets ``max_epochs`` (01 and 04 declare a demo's step counts first)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, 'attr', '') == 'profile_settings':
            settings = {kw.arg: {k.arg: _value(k.value) for k in kw.value.keywords}
                        for kw in node.keywords}   # book=dict(lr=…, …)
            if 'max_epochs' in settings.get('book', {}):
                return settings
    raise AssertionError('no d2l.profile_settings(...) call with max_epochs')


def training_init(source, settings):
    """The initialization the training cell applies under these settings."""
    cell = next(c for c in source.split('# %%') if '.fit(' in c and 'apply_init(' in c)
    if 'initializer(cfg.init)' in cell:
        return settings['init']
    if re.search(r'apply_init\(\[[^\]]*\]\]?,\s*d2l\.init_cnn\)', cell):
        return 'xavier'
    raise AssertionError('the training cell applies neither cfg.init nor d2l.init_cnn')


@pytest.mark.parametrize('name', sorted(BOOK))
def test_book_profile_is_the_books_setting(name):
    source = (ROOT / 'notebooks' / f'{name}.py').read_text(encoding='utf-8')
    book = settings_call(source)['book']
    lr, size, init = BOOK[name]
    assert book['max_epochs'] == 10 and book['batch_size'] == 128
    assert book['lr'] == lr
    assert book['recipe'] == 'BOOK_RECIPE', f"{name}: the book profile trains the book's way"
    resize = book['resize'] if isinstance(book['resize'], (tuple, list)) else (book['resize'],) * 2
    assert tuple(resize) == (size, size)
    assert training_init(source, book) == init, \
        f"{name}: the book's run uses {init} initialization"


@pytest.mark.parametrize('name', sorted(BOOK))
def test_the_text_names_the_books_learning_rate_and_resolution(name):
    source = (ROOT / 'notebooks' / f'{name}.py').read_text(encoding='utf-8')
    start = source.index('## 훈련')
    training = source[start:source.index('d2l.profile_settings(', start)]
    lr, size, _ = BOOK[name]
    assert f'{lr:g}' in training, f'the 훈련 section should state the book\'s learning rate {lr:g}'
    assert str(size) in training, f'the 훈련 section should state the book\'s resolution {size}'


@pytest.mark.parametrize('name', [n for n, (_, _, init) in sorted(BOOK.items()) if init == 'default'])
def test_models_trained_with_the_default_init_do_not_schedule_xavier(name):
    """d2lmini's init_cnn does work on lazy layers (it waits for their first forward pass), so a
    constructor that keeps the book's ``self.net.apply(d2l.init_cnn)`` would train with Xavier."""
    source = (ROOT / 'notebooks' / f'{name}.py').read_text(encoding='utf-8')
    code = [line for line in source.splitlines() if not line.lstrip().startswith('#')]
    assert not any('self.net.apply(d2l.init_cnn)' in line for line in code)


RECIPE_NOTEBOOKS = [name for name in sorted(BOOK) if name != '01_lenet']


def test_cpu_profile_is_one_recipe_with_one_budget():
    """Every model after LeNet trains under ``cpu`` with the same recipe, epochs, batch and rate."""
    shared = {}
    for name in RECIPE_NOTEBOOKS:
        source = (ROOT / 'notebooks' / f'{name}.py').read_text(encoding='utf-8')
        cpu = settings_call(source)['cpu']
        shared[name] = (cpu['recipe'], cpu['max_epochs'], cpu['batch_size'], cpu['lr'])
        assert re.search(r'cfg\.recipe\.apply\(model(_\w+)?, data(_\w+)?\)', source), \
            f'{name}: the training cell must apply cfg.recipe'
    assert set(shared.values()) == {('CPU_RECIPE', 8, 128, 0.002)}, shared
