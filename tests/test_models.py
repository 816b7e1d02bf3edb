"""d2lmini.models holds the lesson's own model classes: each must build the same model as the
notebook's 「구현」 cells (same layers and shapes, same output from the same seed), so that the
solutions and benchmarks that import it train what the lesson teaches. Also d2l.LeNet / d2l.Residual
against notebooks 01 and 07."""
import ast
from pathlib import Path

import pytest
import torch
from torch import nn
from torch.nn import functional as F

import d2lmini as d2l

NOTEBOOKS = Path(__file__).resolve().parents[1] / 'notebooks'


def lesson_definitions(notebook):
    """Run only the imports, functions and classes of a lesson's code (no training, no figures)."""
    tree = ast.parse((NOTEBOOKS / notebook).read_text(encoding='utf-8'))
    kept = [node for node in tree.body
            if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef))]
    namespace = {'d2l': d2l, 'nn': nn, 'torch': torch, 'F': F}
    for node in kept:
        try:
            exec(compile(ast.Module(body=[node], type_ignores=[]), notebook, 'exec'), namespace)
        except NameError:   # a helper whose default reads a setting of the notebook: not a model
            pass
    return namespace


def same_model(build_lesson, build_library, shape):
    """Both builds, from the same seed, have the same parameters and give the same output."""
    outputs, states = [], []
    for build in (build_lesson, build_library):
        torch.manual_seed(0)
        model = build()
        X = torch.randn(shape, generator=torch.Generator().manual_seed(1))
        model.eval()
        with torch.no_grad():
            outputs.append(model(X))
        states.append({k: v for k, v in model.state_dict().items()})
    assert list(states[0]) == list(states[1])
    for key in states[0]:
        assert states[0][key].shape == states[1][key].shape, key
        assert torch.equal(states[0][key], states[1][key]), key
    assert torch.equal(outputs[0], outputs[1])


CASES = [   # (notebook, class or function name, arguments, input shape)
    ('01_lenet.py', 'LeNet', {}, (2, 1, 28, 28)),
    ('02_alexnet.py', 'AlexNet', dict(channels=(8, 16, 16, 16, 8), hidden=32, stem=(5, 2, 2)),
     (2, 1, 56, 56)),
    ('03_vgg.py', 'VGG', dict(arch=((1, 8), (2, 16))), (2, 1, 32, 32)),
    ('03_vgg.py', 'SlimVGG', dict(arch=((1, 8), (2, 16)), num_hiddens=24), (2, 1, 32, 32)),
    ('04_nin.py', 'NiN', {}, (2, 1, 67, 67)),
    ('04_nin.py', 'NarrowNiN', dict(width=0.125), (2, 1, 67, 67)),
    ('05_googlenet.py', 'GoogleNet', {}, (2, 1, 28, 28)),
    ('05_googlenet.py', 'NarrowGoogleNet', dict(width=0.125), (2, 1, 28, 28)),
    ('06_batch_norm.py', 'BNLeNetScratch', {}, (4, 1, 28, 28)),
    ('06_batch_norm.py', 'BNLeNet', {}, (4, 1, 28, 28)),
    ('07_resnet.py', 'Residual', dict(num_channels=6, use_1x1conv=True, strides=2), (2, 3, 8, 8)),
    ('07_resnet.py', 'ResNet', dict(arch=((1, 64), (1, 16))), (2, 1, 28, 28)),
    ('07_resnet.py', 'ResNet18', {}, (2, 1, 32, 32)),
    ('08_densenet.py', 'DenseNet', dict(num_channels=8, growth_rate=4, arch=(2, 2)), (2, 1, 28, 28)),
    ('09_cnn_design.py', 'AnyNet', dict(arch=((1, 16, 8, 1), (2, 24, 8, 1)), stem_channels=8),
     (2, 1, 28, 28)),
    ('09_cnn_design.py', 'RegNetX32', {}, (2, 1, 28, 28)),
    ('03_vgg.py', 'vgg_block', dict(num_convs=2, out_channels=8), (2, 3, 8, 8)),
    ('04_nin.py', 'nin_block', dict(out_channels=8, kernel_size=3, strides=1, padding=1), (2, 3, 8, 8)),
    ('05_googlenet.py', 'Inception', dict(c1=4, c2=(3, 5), c3=(2, 3), c4=2), (2, 6, 8, 8)),
    ('08_densenet.py', 'DenseBlock', dict(num_convs=2, num_channels=4), (2, 3, 8, 8)),
    ('08_densenet.py', 'transition_block', dict(num_channels=4), (2, 6, 8, 8)),
]


@pytest.mark.parametrize('notebook, name, kwargs, shape', CASES,
                         ids=[f'{nb[:2]}-{name}' for nb, name, _, _ in CASES])
def test_library_model_is_the_lessons_model(notebook, name, kwargs, shape):
    lesson = lesson_definitions(notebook)[name]
    same_model(lambda: lesson(**kwargs), lambda: getattr(d2l, name)(**kwargs), shape)


def test_scratch_batch_norm_matches_the_lesson_in_both_modes():
    lesson = lesson_definitions('06_batch_norm.py')
    X = torch.randn(8, 3, 5, 5)
    results = []
    for make in (lesson['BatchNorm'], d2l.BatchNorm):
        layer = make(3, num_dims=4)
        train_out = layer(X)
        with torch.no_grad():
            results.append((train_out.detach(), layer(X), layer.moving_mean, layer.moving_var))
    for a, b in zip(*results):
        assert torch.equal(a, b)


def test_the_comparison_fails_on_a_different_model():
    """The check above can fail: one changed kernel size is caught."""
    with pytest.raises(AssertionError):
        same_model(lambda: d2l.VGG(arch=((1, 8),)),
                   lambda: d2l.SlimVGG(arch=((1, 8),), num_hiddens=4096 // 2), (2, 1, 16, 16))
