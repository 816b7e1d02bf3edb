"""d2l.draw draws a model from the module itself; the concept figures carry their Korean labels."""
import pytest
import torch
from matplotlib.figure import Figure
from matplotlib.patches import Circle
from torch import nn
from torch.nn import functional as F

import d2lmini as d2l
from d2lmini import fonts
from d2lmini.draw import MAX_HEIGHT, model_graph
from d2lmini.torchutil import has_lazy_parameters


def texts(fig):
    """Every piece of text in the figure: box labels, shapes, titles."""
    return [t.get_text() for ax in fig.axes for t in [*ax.texts, ax.title] if t.get_text()]


def small_model():
    return nn.Sequential(nn.LazyConv2d(4, kernel_size=3, padding=1), nn.ReLU(),
                         nn.MaxPool2d(2, 2), nn.Flatten(), nn.LazyLinear(10))


class TinyInception(nn.Module):
    def __init__(self):
        super().__init__()
        self.b1 = nn.LazyConv2d(2, kernel_size=1)
        self.b2 = nn.LazyConv2d(3, kernel_size=3, padding=1)

    def forward(self, X):
        return torch.cat((F.relu(self.b1(X)), F.relu(self.b2(X))), dim=1)


class ScratchNorm(nn.Module):
    """Like the book's from-scratch BatchNorm: its forward branches on the input (fx cannot follow)."""
    def __init__(self, num_features):
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(1, num_features, 1, 1))
        self.beta = nn.Parameter(torch.zeros(1, num_features, 1, 1))

    def forward(self, X):
        if X.dim() == 4:
            return self.gamma * X + self.beta
        return X


class Wrapped(d2l.Classifier):
    """The book's layout: everything in self.net, two stages of residual blocks and a head."""
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Sequential(d2l.Residual(3), d2l.Residual(3)),
            nn.Sequential(d2l.Residual(6, use_1x1conv=True, strides=2)),
            nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.LazyLinear(10)))


def test_every_layer_and_its_output_shape_is_drawn():
    fig = d2l.draw(small_model(), (1, 3, 8, 8))
    assert isinstance(fig, Figure)
    drawn = texts(fig)
    for label in ('Conv2d 3×3, 4', 'ReLU', 'MaxPool 2×2 /2', 'Flatten', 'Linear 10',
                  d2l.label('입력', 'input'), d2l.label('출력', 'output')):
        assert label in drawn
    for shape in ('3×8×8', '4×8×8', '4×4×4', '64', '10'):
        assert shape in drawn


def test_a_residual_block_has_one_addition_node_and_its_shortcut_convolution():
    nodes = model_graph(d2l.Residual(6, use_1x1conv=True, strides=2), (1, 3, 8, 8))
    assert [n.kind for n in nodes].count('add') == 1
    add = next(n for n in nodes if n.kind == 'add')
    assert len(add.inputs) == 2 and add.shape == '6×4×4'
    assert 'Conv2d 1×1, 6 /2' in [n.text for n in nodes]
    fig = d2l.draw(d2l.Residual(3), (1, 3, 8, 8))
    assert sum(isinstance(p, Circle) for ax in fig.axes for p in ax.patches) == 1


def test_an_inception_like_block_has_a_concatenation_node():
    concat = d2l.label('이어 붙이기', 'concat')
    nodes = model_graph(TinyInception(), (1, 4, 6, 6))
    cat = [n for n in nodes if n.kind == 'cat']
    assert len(cat) == 1 and cat[0].text == concat and cat[0].shape == '5×6×6'
    assert len(cat[0].inputs) == 2
    assert concat in texts(d2l.draw(TinyInception(), (1, 4, 6, 6)))


def test_depth_opens_blocks_and_skips_the_net_wrapper():
    shallow = model_graph(Wrapped(), (1, 3, 8, 8), depth=1)
    middle = model_graph(Wrapped(), (1, 3, 8, 8), depth=2)
    deep = model_graph(Wrapped(), (1, 3, 8, 8), depth=3)
    # depth 1: input, the three stages of self.net, output (self.net itself is not a level)
    assert len(shallow) == 5
    assert len(shallow) < len(middle) < len(deep)
    assert [n.text.split('\n')[0] for n in middle[1:4]] == ['Residual'] * 3
    assert sum(n.kind == 'add' for n in deep) == 3
    params = d2l.num_params(_initialised(d2l.Residual(3), (1, 3, 8, 8)))
    assert middle[1].text.endswith(f' {params:,}')


def _initialised(module, shape):
    module(torch.zeros(shape))
    return module


def test_a_module_fx_cannot_follow_is_drawn_as_one_box():
    model = nn.Sequential(nn.LazyConv2d(2, kernel_size=3), ScratchNorm(2), nn.ReLU())
    nodes = model_graph(model, (1, 1, 5, 5), depth=5)
    assert [n.text.split('\n')[0] for n in nodes[1:4]] == ['Conv2d 3×3, 2', 'ScratchNorm', 'ReLU']
    assert nodes[2].text.endswith(' 4') and nodes[2].shape == '2×3×3'


def test_a_model_whose_own_forward_fx_cannot_follow_is_one_box_with_a_notice(capsys):
    nodes = model_graph(ScratchNorm(2), (1, 2, 3, 3))
    assert [n.kind for n in nodes] == ['input', 'layer', 'output']
    assert nodes[1].text.startswith('ScratchNorm') and nodes[1].shape == '2×3×3'
    assert '따라갈 수 없어' in capsys.readouterr().out


def test_the_learners_lazy_model_and_random_state_stay_untouched():
    model = d2l.LeNet()
    model.train()
    state = torch.get_rng_state()
    d2l.draw(model, (1, 1, 28, 28))
    assert has_lazy_parameters(model)
    assert model.training
    assert torch.equal(torch.get_rng_state(), state)


def test_side_by_side_draws_one_titled_panel_per_model():
    fig = d2l.draw([small_model(), d2l.Residual(3)], [(1, 3, 8, 8), (1, 3, 8, 8)],
                   titles=['작은 모델', '잔차 블록'])
    assert [ax.get_title() for ax in fig.axes] == ['작은 모델', '잔차 블록']
    left, right = (ax.get_position() for ax in fig.axes)
    assert left.x1 <= right.x0
    with pytest.raises(TypeError):
        d2l.draw([small_model(), d2l.Residual(3)], (1, 3, 8, 8))


def test_an_input_without_its_batch_axis_is_explained():
    with pytest.raises(ValueError, match='배치 축'):
        d2l.draw(d2l.LeNet(), (1, 28, 28))
    with pytest.raises(ValueError, match='depth'):
        d2l.draw(d2l.LeNet(), (1, 1, 28, 28), depth=0)


def test_a_long_chain_is_split_into_columns_of_readable_height():
    chain = nn.Sequential(*[nn.ReLU() for _ in range(60)])
    fig = d2l.draw(chain, (1, 4))
    width, height = fig.get_size_inches()
    assert height < MAX_HEIGHT + 1 and width > 3 * 0.5   # three columns or more, side by side
    assert texts(fig).count('ReLU') == 60


def test_without_a_korean_font_the_labels_are_english(monkeypatch):
    monkeypatch.setitem(fonts._state, 'font', None)
    monkeypatch.setitem(fonts._state, 'checked', True)
    drawn = texts(d2l.draw(TinyInception(), (1, 4, 6, 6)))
    assert {'input', 'concat', 'output'} <= set(drawn)
    assert not any('이어' in t or '입력' in t for t in drawn)


@pytest.fixture
def korean():
    if fonts.korean_font() is None:
        pytest.skip('no Korean font installed (apt install fonts-noto-cjk)')


def test_function_classes_figure(korean):
    drawn = texts(d2l.plot_function_classes())
    assert '중첩된 함수 클래스' in drawn and '중첩되지 않는 함수 클래스' in drawn
    assert sum('mathcal{F}' in t for t in drawn) == 12


def test_add_vs_concat_figure(korean):
    drawn = texts(d2l.plot_add_vs_concat())
    assert 'ResNet: 더하기' in drawn and 'DenseNet: 이어 붙이기' in drawn
    assert '이어 붙이기' in drawn and '+' in drawn
    assert '채널 C' in drawn and '채널 2C' in drawn


def test_one_cycle_figure_follows_the_recipe(korean):
    fig = d2l.plot_one_cycle(max_lr=0.01, total_steps=200, warmup=0.25)
    assert [ax.get_title() for ax in fig.axes] == ['학습률', 'AdamW의 β1']
    lr, beta = (ax.get_lines()[0].get_ydata() for ax in fig.axes)
    assert len(lr) == 200 and lr.max() == pytest.approx(0.01)
    assert abs(int(lr.argmax()) - 50) <= 1          # the peak after a quarter of the run
    assert beta[0] == pytest.approx(0.95) and beta.min() == pytest.approx(0.85)
    assert int(beta.argmin()) == int(lr.argmax())   # β1 is lowest where the learning rate peaks
