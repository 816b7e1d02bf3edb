"""The book's code for LeNet (7.6) and the modern-CNN chapter (8.1-8.8) runs on d2lmini.

For each section: the names the book saves into its package exist with the book's signatures
and give the shapes the book's text states, the framework aliases behave like the PyTorch
functions they stand for, and a small model written the way the section writes its model
trains for one epoch under the smoke profile (the library caps data and epochs).
Only ``import d2lmini as d2l`` is used for the book's names.
"""
import contextlib
import io
import math

import numpy as np
import pytest
import torch
from torch import nn
from torch.nn import functional as F

import d2lmini as d2l


@pytest.fixture(autouse=True)
def _smoke(monkeypatch):
    monkeypatch.setenv('D2LMINI_PROFILE', 'smoke')


def summary_shapes(model, shape):
    """(layer name, output shape) per child of ``model.net``, read off ``layer_summary``."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        model.layer_summary(shape)
    rows = []
    for line in out.getvalue().splitlines():
        name, shape_text = line.split(' output shape:\t ')
        rows.append((name, tuple(int(n) for n in shape_text[len('torch.Size(['):-2].split(', '))))
    return rows


def smoke_fit(model, resize, batch_size=128, init=True):
    """The sections' training cell: data, Trainer, (apply_init), fit — one smoke epoch."""
    trainer = d2l.Trainer(max_epochs=1, num_gpus=1, plot=False, progress=False)
    data = d2l.FashionMNIST(batch_size=batch_size, resize=(resize, resize))
    if init:
        model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    history = trainer.fit(model, data)
    assert len(history) == 1 and history.stop_reason is None
    row = history[0]
    assert math.isfinite(row['train_loss']) and math.isfinite(row['val_loss'])
    assert 0.0 <= row['val_acc'] <= 1.0
    return history


# ---------------------------------------------------------------------------
# Framework aliases (the book's package API: d2l.randn, d2l.reshape, ...)
# ---------------------------------------------------------------------------
A = torch.arange(1., 7.).reshape(2, 3)
B = torch.arange(24.).reshape(2, 3, 4)


def seeded(call):
    """Run a random call right after seeding, so d2l's and torch's draws can be compared."""
    def run(*args):
        torch.manual_seed(0)
        return call(*args)
    return run


# alias: (how the book's code calls it on d2l, the same computation in PyTorch)
ALIASES = {
    'ones': (lambda d: d.ones(2, 3), lambda: torch.ones(2, 3)),
    'ones_like': (lambda d: d.ones_like(A), lambda: torch.ones_like(A)),
    'zeros': (lambda d: d.zeros((2, 3)), lambda: torch.zeros((2, 3))),
    'zeros_like': (lambda d: d.zeros_like(B), lambda: torch.zeros_like(B)),
    'tensor': (lambda d: d.tensor([[1, 2], [3, 4]]), lambda: torch.tensor([[1, 2], [3, 4]])),
    'arange': (lambda d: d.arange(1, 10, 2), lambda: torch.arange(1, 10, 2)),
    'linspace': (lambda d: d.linspace(0, 1, 5), lambda: torch.linspace(0, 1, 5)),
    'meshgrid': (lambda d: d.meshgrid(torch.arange(2), torch.arange(3), indexing='ij'),
                 lambda: torch.meshgrid(torch.arange(2), torch.arange(3), indexing='ij')),
    'eye': (lambda d: d.eye(3), lambda: torch.eye(3)),
    'rand': (seeded(lambda d: d.rand(2, 3)), seeded(lambda: torch.rand(2, 3))),
    'randn': (seeded(lambda d: d.randn(4, 3, 6, 6)), seeded(lambda: torch.randn(4, 3, 6, 6))),
    'normal': (seeded(lambda d: d.normal(0, 0.01, (3, 2))),
               seeded(lambda: torch.normal(0, 0.01, (3, 2)))),
    'sin': (lambda d: d.sin(A), lambda: torch.sin(A)),
    'sinh': (lambda d: d.sinh(A), lambda: torch.sinh(A)),
    'cos': (lambda d: d.cos(A), lambda: torch.cos(A)),
    'cosh': (lambda d: d.cosh(A), lambda: torch.cosh(A)),
    'tanh': (lambda d: d.tanh(A), lambda: torch.tanh(A)),
    'exp': (lambda d: d.exp(A), lambda: torch.exp(A)),
    'log': (lambda d: d.log(A), lambda: torch.log(A)),
    'abs': (lambda d: d.abs(A - 3), lambda: torch.abs(A - 3)),
    'sigmoid': (lambda d: d.sigmoid(A), lambda: torch.sigmoid(A)),
    'matmul': (lambda d: d.matmul(A, A.T), lambda: A @ A.T),
    'batch_matmul': (lambda d: d.batch_matmul(B, B.transpose(1, 2)),
                     lambda: torch.bmm(B, B.transpose(1, 2))),
    'concat': (lambda d: d.concat((A, A), 1), lambda: torch.cat((A, A), dim=1)),
    'stack': (lambda d: d.stack([A, A], 1), lambda: torch.stack([A, A], dim=1)),
    'int32': (lambda d: d.int32, lambda: torch.int32),
    'int64': (lambda d: d.int64, lambda: torch.int64),
    'float32': (lambda d: d.float32, lambda: torch.float32),
    'nn_Module': (lambda d: d.nn_Module, lambda: nn.Module),
    # method aliases: the tensor comes first, the rest goes to the method
    'reshape': (lambda d: d.reshape(B, (6, -1)), lambda: B.reshape(6, 4)),
    'size': (lambda d: d.size(B), lambda: 24),
    'numpy': (lambda d: d.numpy(A.clone().requires_grad_()), lambda: A.numpy()),
    'to': (lambda d: d.to(A, torch.float64), lambda: A.double()),
    'astype': (lambda d: d.astype(A, d.int64), lambda: A.long()),
    'reduce_sum': (lambda d: d.reduce_sum(B, dim=(0, 2)), lambda: B.sum(dim=(0, 2))),
    'reduce_mean': (lambda d: d.reduce_mean(A), lambda: A.mean()),
    'argmax': (lambda d: d.argmax(A, axis=1), lambda: torch.tensor([2, 2])),
    'transpose': (lambda d: d.transpose(A), lambda: A.T),
    'swapaxes': (lambda d: d.swapaxes(B, 0, 2), lambda: B.permute(2, 1, 0)),
    'expand_dims': (lambda d: d.expand_dims(A, 0), lambda: A[None]),
    'repeat': (lambda d: d.repeat(A, 2, 1), lambda: torch.cat((A, A), dim=0)),
}


def assert_same(got, want):
    if isinstance(want, torch.Tensor):
        assert isinstance(got, torch.Tensor)
        assert got.dtype == want.dtype and got.shape == want.shape
        assert torch.equal(got, want)
    elif isinstance(want, (tuple, list)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert_same(g, w)
    elif isinstance(want, np.ndarray):
        assert isinstance(got, np.ndarray) and got.dtype == want.dtype
        assert np.array_equal(got, want)
    else:
        assert got == want


@pytest.mark.parametrize('alias', list(ALIASES))
def test_framework_alias_behaves_like_torch(alias):
    book_call, torch_call = ALIASES[alias]
    assert hasattr(d2l, alias)
    assert_same(book_call(d2l), torch_call())


# ---------------------------------------------------------------------------
# 7.6 LeNet: saved init_cnn, LeNet, Classifier.layer_summary (which calls d2l.randn)
# ---------------------------------------------------------------------------
LENET_SHAPES = [
    ('Conv2d', (1, 6, 28, 28)), ('Sigmoid', (1, 6, 28, 28)), ('AvgPool2d', (1, 6, 14, 14)),
    ('Conv2d', (1, 16, 10, 10)), ('Sigmoid', (1, 16, 10, 10)), ('AvgPool2d', (1, 16, 5, 5)),
    ('Flatten', (1, 400)), ('Linear', (1, 120)), ('Sigmoid', (1, 120)),
    ('Linear', (1, 84)), ('Sigmoid', (1, 84)), ('Linear', (1, 10))]


def test_lenet_layer_summary_as_the_section_defines_it(monkeypatch):
    # The section attaches its own layer_summary to d2l.Classifier; undo that afterwards.
    monkeypatch.setattr(d2l.Classifier, 'layer_summary', d2l.Classifier.layer_summary)

    @d2l.add_to_class(d2l.Classifier)
    def layer_summary(self, X_shape):
        X = d2l.randn(*X_shape)
        for layer in self.net:
            X = layer(X)
            print(layer.__class__.__name__, 'output shape:\t', X.shape)

    assert summary_shapes(d2l.LeNet(), (1, 1, 28, 28)) == LENET_SHAPES


def test_lenet_init_cnn_gives_xavier_weights():
    model = d2l.LeNet()
    model.apply_init([d2l.randn(2, 1, 28, 28)], d2l.init_cnn)
    for layer in model.net:
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(layer.weight)
            assert layer.weight.abs().max() <= math.sqrt(6 / (fan_in + fan_out))
    # PyTorch's default would keep the last layer's weights below 1/sqrt(84) = 0.11
    assert model.net[-1].weight.abs().max() > 0.15


def test_lenet_training():
    model = d2l.LeNet(lr=0.1)
    assert (model.lr, model.num_classes) == (0.1, 10)
    assert summary_shapes(model, (1, 1, 28, 28)) == LENET_SHAPES   # d2lmini's own summary
    smoke_fit(model, resize=28)


# ---------------------------------------------------------------------------
# 8.1 AlexNet (nothing saved; uses d2l.init_cnn in the constructor and layer_summary)
# ---------------------------------------------------------------------------
class AlexNetLike(d2l.Classifier):
    """AlexNet's layer pattern; ``widths``/``hidden`` shrink it for the smoke run."""

    def __init__(self, lr=0.1, num_classes=10, widths=(96, 256, 384, 384, 256), hidden=4096):
        super().__init__()
        self.save_hyperparameters()
        c1, c2, c3, c4, c5 = widths
        self.net = nn.Sequential(
            nn.LazyConv2d(c1, kernel_size=11, stride=4, padding=1), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.LazyConv2d(c2, kernel_size=5, padding=2), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.LazyConv2d(c3, kernel_size=3, padding=1), nn.ReLU(),
            nn.LazyConv2d(c4, kernel_size=3, padding=1), nn.ReLU(),
            nn.LazyConv2d(c5, kernel_size=3, padding=1), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2), nn.Flatten(),
            nn.LazyLinear(hidden), nn.ReLU(), nn.Dropout(p=0.5),
            nn.LazyLinear(hidden), nn.ReLU(), nn.Dropout(p=0.5),
            nn.LazyLinear(num_classes))
        self.net.apply(d2l.init_cnn)


def test_alexnet_shapes_and_training():
    shapes = dict(summary_shapes(AlexNetLike(hidden=16), (1, 1, 224, 224)))
    assert shapes['Flatten'] == (1, 6400)          # the 6400 x 4096 layer of the text
    model = AlexNetLike(lr=0.05, widths=(8, 16, 16, 16, 16), hidden=64)
    assert summary_shapes(model, (1, 1, 96, 96))[-1] == ('Linear', (1, 10))
    smoke_fit(model, resize=96, init=False)


# ---------------------------------------------------------------------------
# 8.2 VGG (nothing saved): blocks of 3x3 convolutions, each block halves the resolution
# ---------------------------------------------------------------------------
def vgg_block(num_convs, out_channels):
    layers = []
    for _ in range(num_convs):
        layers += [nn.LazyConv2d(out_channels, kernel_size=3, padding=1), nn.ReLU()]
    return nn.Sequential(*layers, nn.MaxPool2d(kernel_size=2, stride=2))


class VGGLike(d2l.Classifier):
    def __init__(self, arch, lr=0.1, num_classes=10, hidden=4096):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            *[vgg_block(*block) for block in arch], nn.Flatten(),
            nn.LazyLinear(hidden), nn.ReLU(), nn.Dropout(0.5),
            nn.LazyLinear(hidden), nn.ReLU(), nn.Dropout(0.5),
            nn.LazyLinear(num_classes))
        self.net.apply(d2l.init_cnn)


def test_vgg_shapes_and_training():
    five_blocks = ((1, 4), (1, 8), (2, 8), (2, 8), (2, 8))
    shapes = summary_shapes(VGGLike(five_blocks, hidden=16), (1, 1, 224, 224))
    assert [s for _, s in shapes[:5]] == [(1, 4, 112, 112), (1, 8, 56, 56), (1, 8, 28, 28),
                                          (1, 8, 14, 14), (1, 8, 7, 7)]
    smoke_fit(VGGLike(((1, 8), (1, 16)), lr=0.05, hidden=64), resize=28)


# ---------------------------------------------------------------------------
# 8.3 NiN (nothing saved): 1x1 convolutions and a global-average-pooling head
# ---------------------------------------------------------------------------
def nin_block(out_channels, kernel_size, strides, padding):
    return nn.Sequential(
        nn.LazyConv2d(out_channels, kernel_size, strides, padding), nn.ReLU(),
        nn.LazyConv2d(out_channels, kernel_size=1), nn.ReLU(),
        nn.LazyConv2d(out_channels, kernel_size=1), nn.ReLU())


class TinyNiN(d2l.Classifier):
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nin_block(16, kernel_size=5, strides=1, padding=2), nn.MaxPool2d(3, stride=2),
            nn.Dropout(0.5),
            nin_block(num_classes, kernel_size=3, strides=1, padding=1),
            nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten())
        self.net.apply(d2l.init_cnn)


def test_nin_shapes_and_training():
    model = TinyNiN(lr=0.1)
    assert summary_shapes(model, (1, 1, 28, 28))[-2:] == [
        ('AdaptiveAvgPool2d', (1, 10, 1, 1)), ('Flatten', (1, 10))]
    smoke_fit(model, resize=28)


# ---------------------------------------------------------------------------
# 8.4 GoogLeNet (nothing saved): Inception blocks, the class split with add_to_class
# ---------------------------------------------------------------------------
class Inception(nn.Module):
    def __init__(self, c1, c2, c3, c4):
        super().__init__()
        self.b1 = nn.LazyConv2d(c1, kernel_size=1)
        self.b2 = nn.Sequential(nn.LazyConv2d(c2[0], kernel_size=1), nn.ReLU(),
                                nn.LazyConv2d(c2[1], kernel_size=3, padding=1))
        self.b3 = nn.Sequential(nn.LazyConv2d(c3[0], kernel_size=1), nn.ReLU(),
                                nn.LazyConv2d(c3[1], kernel_size=5, padding=2))
        self.b4 = nn.Sequential(nn.MaxPool2d(kernel_size=3, stride=1, padding=1),
                                nn.LazyConv2d(c4, kernel_size=1))

    def forward(self, x):
        branches = (F.relu(self.b1(x)), F.relu(self.b2(x)), F.relu(self.b3(x)),
                    F.relu(self.b4(x)))
        return d2l.concat(branches, dim=1)


class TinyGoogleNet(d2l.Classifier):
    def b1(self):
        return nn.Sequential(nn.LazyConv2d(16, kernel_size=3, padding=1), nn.ReLU(),
                             nn.MaxPool2d(kernel_size=3, stride=2, padding=1))


@d2l.add_to_class(TinyGoogleNet)
def __init__(self, lr=0.1, num_classes=10):
    super(TinyGoogleNet, self).__init__()
    self.save_hyperparameters()
    self.net = nn.Sequential(
        self.b1(), Inception(8, (8, 16), (4, 4), 4), nn.AdaptiveAvgPool2d((1, 1)),
        nn.Flatten(), nn.LazyLinear(num_classes))
    self.net.apply(d2l.init_cnn)


def test_googlenet_shapes_and_training():
    # the first Inception block of the text: 64 + 128 + 32 + 32 = 256 output channels
    block = Inception(64, (96, 128), (16, 32), 32)
    assert block(d2l.randn(1, 192, 12, 12)).shape == (1, 256, 12, 12)
    model = TinyGoogleNet(lr=0.1)
    assert summary_shapes(model, (1, 1, 28, 28))[1] == ('Inception', (1, 32, 14, 14))
    smoke_fit(model, resize=28)


# ---------------------------------------------------------------------------
# 8.5 Batch normalization (nothing saved): BN-LeNet with PyTorch's batch-norm layers
# ---------------------------------------------------------------------------
class BNLeNetLike(d2l.Classifier):
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(6, kernel_size=5), nn.LazyBatchNorm2d(), nn.Sigmoid(),
            nn.AvgPool2d(kernel_size=2, stride=2),
            nn.LazyConv2d(16, kernel_size=5), nn.LazyBatchNorm2d(), nn.Sigmoid(),
            nn.AvgPool2d(kernel_size=2, stride=2), nn.Flatten(),
            nn.LazyLinear(120), nn.LazyBatchNorm1d(), nn.Sigmoid(),
            nn.LazyLinear(84), nn.LazyBatchNorm1d(), nn.Sigmoid(),
            nn.LazyLinear(num_classes))


def test_batch_norm_training():
    model = BNLeNetLike(lr=0.1)
    smoke_fit(model, resize=28)
    # the section then looks at the first layer's learned scale and shift
    gamma, beta = model.net[1].weight.reshape((-1,)), model.net[1].bias.reshape((-1,))
    assert gamma.shape == beta.shape == (6,)
    assert not torch.equal(gamma, torch.ones(6))          # they were trained


# ---------------------------------------------------------------------------
# 8.6 ResNet and ResNeXt: saved Residual and ResNeXtBlock
# ---------------------------------------------------------------------------
def test_residual_shapes_from_the_text():
    X = d2l.randn(4, 3, 6, 6)
    assert d2l.Residual(3)(X).shape == (4, 3, 6, 6)
    assert d2l.Residual(6, use_1x1conv=True, strides=2)(X).shape == (4, 6, 3, 3)


def test_residual_parts_match_the_book():
    blk = d2l.Residual(6, use_1x1conv=True, strides=2)
    blk(d2l.randn(2, 3, 6, 6))
    assert blk.conv1.stride == (2, 2) and blk.conv1.kernel_size == (3, 3)
    assert blk.conv2.stride == (1, 1)
    assert blk.conv3.kernel_size == (1, 1) and blk.conv3.stride == (2, 2)
    assert d2l.Residual(3).conv3 is None
    # identity shortcut: with the residual branch silenced the block passes ReLU(X) on
    blk = d2l.Residual(3).eval()
    X = d2l.randn(2, 3, 5, 5)
    blk(X)
    nn.init.zeros_(blk.bn2.weight)
    nn.init.zeros_(blk.bn2.bias)
    assert torch.allclose(blk(X), F.relu(X))


def test_resnext_block_shapes_from_the_text():
    X = d2l.randn(4, 32, 96, 96)
    blk = d2l.ResNeXtBlock(32, 16, 1)
    assert blk(X).shape == (4, 32, 96, 96)
    # the book's `groups` is the width of one group: 32 bottleneck channels in 2 groups of 16
    assert blk.conv2.groups == 2 and blk.conv2.out_channels == 32 and blk.conv4 is None
    halving = d2l.ResNeXtBlock(64, 16, 0.5, use_1x1conv=True, strides=2)
    assert halving(X).shape == (4, 64, 48, 48)
    assert halving.conv1.out_channels == 32 and halving.conv2.groups == 2
    assert isinstance(halving.bn4, nn.BatchNorm2d)       # the 1x1 shortcut is normalized too


class ResNetLike(d2l.Classifier):
    def b1(self):
        return nn.Sequential(
            nn.LazyConv2d(16, kernel_size=7, stride=2, padding=3),
            nn.LazyBatchNorm2d(), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2, padding=1))


@d2l.add_to_class(ResNetLike)
def block(self, num_residuals, num_channels, first_block=False):
    blk = []
    for i in range(num_residuals):
        if i == 0 and not first_block:
            blk.append(d2l.Residual(num_channels, use_1x1conv=True, strides=2))
        else:
            blk.append(d2l.Residual(num_channels))
    return nn.Sequential(*blk)


@d2l.add_to_class(ResNetLike)
def __init__(self, arch, lr=0.1, num_classes=10):
    super(ResNetLike, self).__init__()
    self.save_hyperparameters()
    self.net = nn.Sequential(self.b1())
    for i, b in enumerate(arch):
        self.net.add_module(f'b{i+2}', self.block(*b, first_block=(i == 0)))
    self.net.add_module('last', nn.Sequential(
        nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.LazyLinear(num_classes)))
    self.net.apply(d2l.init_cnn)


def test_resnet_with_saved_residual_shapes_and_training():
    model = ResNetLike(((1, 16), (1, 32)), lr=0.05)
    assert summary_shapes(model, (1, 1, 28, 28)) == [
        ('Sequential', (1, 16, 7, 7)), ('Sequential', (1, 16, 7, 7)),
        ('Sequential', (1, 32, 4, 4)), ('Sequential', (1, 10))]
    smoke_fit(model, resize=28)


# ---------------------------------------------------------------------------
# 8.7 DenseNet (nothing saved): dense blocks concatenate, transition layers shrink
# ---------------------------------------------------------------------------
def conv_block(num_channels):
    return nn.Sequential(nn.LazyBatchNorm2d(), nn.ReLU(),
                         nn.LazyConv2d(num_channels, kernel_size=3, padding=1))


class DenseBlock(nn.Module):
    def __init__(self, num_convs, num_channels):
        super().__init__()
        self.net = nn.Sequential(*[conv_block(num_channels) for _ in range(num_convs)])

    def forward(self, X):
        for blk in self.net:
            X = d2l.concat((X, blk(X)), dim=1)
        return X


def transition_block(num_channels):
    return nn.Sequential(nn.LazyBatchNorm2d(), nn.ReLU(),
                         nn.LazyConv2d(num_channels, kernel_size=1),
                         nn.AvgPool2d(kernel_size=2, stride=2))


class TinyDenseNet(d2l.Classifier):
    def __init__(self, num_channels=16, growth_rate=8, arch=(2, 2), lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(nn.Sequential(
            nn.LazyConv2d(num_channels, kernel_size=3, padding=1), nn.LazyBatchNorm2d(),
            nn.ReLU(), nn.MaxPool2d(kernel_size=2, stride=2)))
        for i, num_convs in enumerate(arch):
            self.net.add_module(f'dense_blk{i+1}', DenseBlock(num_convs, growth_rate))
            num_channels += num_convs * growth_rate
            if i != len(arch) - 1:
                num_channels //= 2
                self.net.add_module(f'tran_blk{i+1}', transition_block(num_channels))
        self.net.add_module('last', nn.Sequential(
            nn.LazyBatchNorm2d(), nn.ReLU(), nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(),
            nn.LazyLinear(num_classes)))
        self.net.apply(d2l.init_cnn)


def test_densenet_shapes_and_training():
    Y = DenseBlock(2, 10)(torch.randn(4, 3, 8, 8))
    assert Y.shape == (4, 23, 8, 8)                       # 3 + 10 + 10 channels
    assert transition_block(10)(Y).shape == (4, 10, 4, 4)
    model = TinyDenseNet(lr=0.1)
    assert summary_shapes(model, (1, 1, 28, 28))[1:4] == [
        ('DenseBlock', (1, 32, 14, 14)), ('Sequential', (1, 16, 7, 7)),
        ('DenseBlock', (1, 32, 7, 7))]
    smoke_fit(model, resize=28, init=False)


# ---------------------------------------------------------------------------
# 8.8 Designing CNN architectures: AnyNet and RegNetX built from d2l.ResNeXtBlock
# ---------------------------------------------------------------------------
class AnyNet(d2l.Classifier):
    def stem(self, num_channels):
        return nn.Sequential(
            nn.LazyConv2d(num_channels, kernel_size=3, stride=2, padding=1),
            nn.LazyBatchNorm2d(), nn.ReLU())


@d2l.add_to_class(AnyNet)
def stage(self, depth, num_channels, groups, bot_mul):
    blk = []
    for i in range(depth):
        if i == 0:
            blk.append(d2l.ResNeXtBlock(num_channels, groups, bot_mul,
                                        use_1x1conv=True, strides=2))
        else:
            blk.append(d2l.ResNeXtBlock(num_channels, groups, bot_mul))
    return nn.Sequential(*blk)


@d2l.add_to_class(AnyNet)
def __init__(self, arch, stem_channels, lr=0.1, num_classes=10):
    super(AnyNet, self).__init__()
    self.save_hyperparameters()
    self.net = nn.Sequential(self.stem(stem_channels))
    for i, s in enumerate(arch):
        self.net.add_module(f'stage{i+1}', self.stage(*s))
    self.net.add_module('head', nn.Sequential(
        nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.LazyLinear(num_classes)))
    self.net.apply(d2l.init_cnn)


def test_regnetx32_stage_shapes():
    # RegNetX-32 of the text: stem 32, stages (depth, width) = (4, 32) and (6, 80),
    # group width 16, no bottleneck
    regnetx32 = AnyNet(((4, 32, 16, 1), (6, 80, 16, 1)), stem_channels=32)
    assert summary_shapes(regnetx32, (1, 1, 96, 96)) == [
        ('Sequential', (1, 32, 48, 48)), ('Sequential', (1, 32, 24, 24)),
        ('Sequential', (1, 80, 12, 12)), ('Sequential', (1, 10))]


def test_anynet_training():
    model = AnyNet(((1, 16, 8, 1), (1, 32, 8, 1)), stem_channels=16, lr=0.05)
    smoke_fit(model, resize=32, init=False)
