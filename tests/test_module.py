"""Module and Classifier: deferred initialisation, apply_init, layer_summary, loss and accuracy,
and the mistakes a learner makes in a model class of their own."""
import contextlib
import io
import math

import pytest
import torch
from torch import nn

import d2lmini as d2l
import seed_models
from conftest import TinyCNN, TinyCNNFlat, TinyData, quiet_trainer
from d2lmini.torchutil import has_lazy_parameters


def printed(fn, *args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        fn(*args)
    return out.getvalue()


def xavier_bound(layer):
    fan_in = layer.weight[0].numel()
    fan_out = layer.weight.shape[0] * layer.weight[0, 0].numel() if layer.weight.dim() > 2 \
        else layer.weight.shape[0]
    return math.sqrt(6 / (fan_in + fan_out))


def test_init_cnn_in_constructor_takes_effect_on_lazy_layers():
    torch.manual_seed(0)
    model = seed_models.NiN()  # its constructor calls self.net.apply(d2l.init_cnn)
    model.apply_init([torch.zeros(1, 1, 224, 224)])
    first = model.net[0][0]
    # PyTorch's default init draws from +-1/sqrt(fan_in) = +-0.091; Xavier from
    # +-sqrt(6 / (121 + 96*121)) = +-0.023.  11,616 weights fill their range.
    largest = first.weight.abs().max().item()
    assert 0.9 * xavier_bound(first) < largest <= xavier_bound(first)


def test_book_init_cnn_in_constructor_does_nothing_but_d2lmini_does():
    def build(init):
        torch.manual_seed(0)
        net = nn.Sequential(nn.LazyLinear(120))
        net.apply(init)
        net(torch.zeros(2, 400))
        return net[0].weight.abs().max().item()

    assert build(seed_models.init_cnn) <= 1 / math.sqrt(400)   # the book's flaw
    assert build(d2l.init_cnn) > 1 / math.sqrt(400)


def test_deferred_init_runs_once():
    net = nn.Sequential(nn.LazyLinear(3))
    net.apply(d2l.init_cnn)
    net(torch.zeros(1, 5))
    after_first = net[0].weight.clone()
    net(torch.zeros(1, 5))
    assert torch.equal(after_first, net[0].weight)
    assert not net[0]._forward_pre_hooks


def test_init_he_on_lazy_conv_uses_relu_gain_and_zero_bias():
    torch.manual_seed(0)
    net = nn.Sequential(nn.LazyConv2d(64, kernel_size=3))
    net.apply(d2l.init_he)
    net(torch.zeros(1, 16, 5, 5))
    conv = net[0]
    he_bound = math.sqrt(6 / (16 * 9))  # kaiming uniform, gain sqrt(2): sqrt(3 * 2 / fan_in)
    assert 0.9 * he_bound < conv.weight.abs().max().item() <= he_bound
    assert torch.count_nonzero(conv.bias) == 0


def test_later_deferred_init_replaces_the_earlier_one():
    torch.manual_seed(0)
    net = nn.Sequential(nn.LazyLinear(200))
    net.apply(d2l.init_cnn)   # as in a book constructor
    net.apply(d2l.init_he)    # chosen later: must win
    net(torch.zeros(1, 50))
    he_bound = math.sqrt(6 / 50)
    assert net[0].weight.abs().max().item() > xavier_bound(net[0])
    assert net[0].weight.abs().max().item() <= he_bound
    assert not net[0]._forward_pre_hooks


# --- init_cnn called on a model instead of applied to it -----------------------------------

def test_init_cnn_called_on_a_model_initialises_its_layers():
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(400, 120))
    d2l.init_cnn(net)               # instead of net.apply(d2l.init_cnn)
    xavier = math.sqrt(6 / (400 + 120))
    assert net[0].weight.abs().max().item() > 1 / math.sqrt(400)   # not PyTorch's default
    assert net[0].weight.abs().max().item() <= xavier


def test_apply_init_leaves_batch_norm_buffers_unchanged():
    model = TinyCNN()
    model.apply_init([torch.randn(8, 1, 8, 8)])   # materialise
    bn = model.net[1]
    bn.running_mean.fill_(0.5)
    bn.running_var.fill_(2.0)
    before = {k: v.clone() for k, v in model.state_dict().items() if 'running' in k or 'tracked' in k}
    model.train()
    model.apply_init([torch.randn(8, 1, 8, 8) * 5 + 3], d2l.init_cnn)
    after = {k: v for k, v in model.state_dict().items() if k in before}
    assert all(torch.equal(before[k], after[k]) for k in before)
    assert model.training and bn.training


def test_apply_init_on_fresh_lazy_batch_norm_keeps_default_statistics():
    model = TinyCNN()
    model.apply_init([torch.randn(8, 1, 8, 8) + 4], d2l.init_cnn)
    bn = model.net[1]
    assert torch.equal(bn.running_mean, torch.zeros(4))
    assert torch.equal(bn.running_var, torch.ones(4))
    assert bn.num_batches_tracked.item() == 0


# --- apply_init checks its argument before touching the model -------------------------------

@pytest.mark.parametrize('wrong', [torch.zeros(2, 1, 8, 8), [], ()])
def test_apply_init_checks_its_argument_before_touching_the_model(wrong):
    model = TinyCNN()
    with pytest.raises(TypeError, match=r'apply_init\(\[X\]\)'):
        model.apply_init(wrong)
    assert has_lazy_parameters(model)


def test_apply_init_without_batch_axis_is_rejected():
    model = TinyCNN()
    with pytest.raises(ValueError, match='배치 축'):
        model.apply_init([torch.zeros(1, 8, 8)])
    assert has_lazy_parameters(model)


LENET_SUMMARY = """\
Conv2d output shape:\t torch.Size([1, 6, 28, 28])
Sigmoid output shape:\t torch.Size([1, 6, 28, 28])
AvgPool2d output shape:\t torch.Size([1, 6, 14, 14])
Conv2d output shape:\t torch.Size([1, 16, 10, 10])
Sigmoid output shape:\t torch.Size([1, 16, 10, 10])
AvgPool2d output shape:\t torch.Size([1, 16, 5, 5])
Flatten output shape:\t torch.Size([1, 400])
Linear output shape:\t torch.Size([1, 120])
Sigmoid output shape:\t torch.Size([1, 120])
Linear output shape:\t torch.Size([1, 84])
Sigmoid output shape:\t torch.Size([1, 84])
Linear output shape:\t torch.Size([1, 10])
"""


def test_layer_summary_prints_the_book_lines():
    assert printed(seed_models.LeNet().layer_summary, (1, 1, 28, 28)) == LENET_SUMMARY


@pytest.mark.parametrize('training', [True, False])
def test_layer_summary_changes_no_state_and_works_with_batch_size_one(training):
    model = seed_models.ResNet(((1, 64), (1, 16)))
    model.apply_init([torch.randn(4, 1, 32, 32)])
    model.train(training)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    # batch size 1 with 1x1 feature maps would fail in training-mode batch norm
    printed(model.layer_summary, (1, 1, 8, 8))
    after = model.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)
    assert all(m.training == training for m in model.modules())


def test_layer_summary_leaves_scratch_batch_norm_statistics_alone():
    model = seed_models.BNLeNetScratch()
    printed(model.layer_summary, (1, 1, 28, 28))
    assert torch.equal(model.net[1].moving_mean, torch.zeros(1, 6, 1, 1))
    assert torch.equal(model.net[1].moving_var, torch.ones(1, 6, 1, 1))


# --- layer_summary checks its shape and leaves a lazy model lazy ----------------------------

def test_layer_summary_without_batch_axis_is_rejected_and_model_untouched():
    model = seed_models.LeNet()
    with pytest.raises(ValueError, match=r'배치 축.*\(1, 1, 28, 28\)'):
        model.layer_summary((1, 28, 28))
    assert has_lazy_parameters(model)


def test_layer_summary_at_another_resolution_does_not_lock_the_model(capsys):
    model = TinyCNNFlat()
    model.layer_summary((1, 1, 16, 16))          # not the 8px the data has
    assert '16' in capsys.readouterr().out
    assert has_lazy_parameters(model)             # nothing materialised
    history = quiet_trainer(max_epochs=1).fit(model, TinyData(size=8))
    assert len(history) == 1


def test_layer_summary_keeps_random_state_and_rejects_wrong_channels():
    model = TinyCNNFlat()
    model.apply_init([torch.zeros(2, 1, 8, 8)])
    state = torch.random.get_rng_state()
    with pytest.raises(ValueError, match='채널'):
        model.layer_summary((1, 3, 8, 8))
    seed_models.LeNet().layer_summary((1, 1, 28, 28))
    assert torch.equal(state, torch.random.get_rng_state())


def test_layer_summary_of_a_single_layer_net(capsys):
    class OneLayer(d2l.Classifier):
        def __init__(self):
            super().__init__()
            self.net = nn.LazyLinear(3)

    model = OneLayer()
    model.layer_summary((2, 5))
    assert 'Linear output shape:\t torch.Size([2, 3])' in capsys.readouterr().out
    assert has_lazy_parameters(model)


def test_classifier_accuracy_and_loss():
    model = d2l.Classifier()
    Y_hat = torch.tensor([[2.0, 0.0], [0.0, 3.0], [1.0, 0.0]])
    Y = torch.tensor([0, 0, 0])
    assert model.accuracy(Y_hat, Y).item() == pytest.approx(2 / 3)
    assert model.accuracy(Y_hat, Y, averaged=False).tolist() == [1.0, 0.0, 1.0]
    expected = nn.functional.cross_entropy(Y_hat, Y)
    assert model.loss(Y_hat, Y).item() == pytest.approx(expected.item())
    assert model.loss(Y_hat, Y, averaged=False).shape == (3,)


def test_forward_without_net_says_what_to_do():
    with pytest.raises(AttributeError, match='self.net'):
        d2l.Classifier()(torch.zeros(1, 2))


def test_num_params_and_flops_of_a_linear_layer():
    model = d2l.Classifier()
    model.net = nn.Sequential(nn.Linear(400, 120))
    assert d2l.num_params(model) == 400 * 120 + 120
    assert d2l.count_flops(model, (1, 400)) == 2 * 400 * 120


def test_confusion_matrix_counts_true_by_predicted():
    preds = torch.tensor([0, 1, 1, 2, 2, 2])
    labels = torch.tensor([0, 1, 2, 2, 2, 0])
    matrix = d2l.confusion_matrix(preds, labels, num_classes=3)
    assert matrix.tolist() == [[1, 0, 1], [0, 1, 0], [0, 1, 2]]
    assert d2l.most_confused(matrix, ['a', 'b', 'c'], k=1) == [('a', 'c', 1)] or \
        d2l.most_confused(matrix, ['a', 'b', 'c'], k=1) == [('c', 'b', 1)]


def test_layer_summary_works_on_lazy_batch_norm_and_leaves_it_lazy(capsys):
    class LazyBN(d2l.Classifier):
        def __init__(self):
            super().__init__()
            self.net = nn.Sequential(nn.LazyConv2d(4, 3), nn.LazyBatchNorm2d(), nn.ReLU(),
                                     nn.Flatten(), nn.LazyLinear(3))

    model = LazyBN()
    model.layer_summary((2, 1, 8, 8))
    assert 'BatchNorm2d output shape:\t torch.Size([2, 4, 6, 6])' in capsys.readouterr().out
    assert isinstance(model.net[1].running_mean, nn.parameter.UninitializedBuffer)
    assert isinstance(model.net[0].weight, nn.parameter.UninitializedParameter)


# --- a model class written by the learner --------------------------------------------------

def test_model_without_loss_is_named():
    class NoLoss(d2l.Module):
        def __init__(self, lr=0.1):
            super().__init__()
            self.save_hyperparameters()
            self.net = nn.Sequential(nn.Flatten(), nn.LazyLinear(2))

    with pytest.raises(NotImplementedError, match=r'loss.*d2l.Classifier'):
        quiet_trainer(max_epochs=1).fit(NoLoss(), TinyData())


def test_model_without_lr_says_save_hyperparameters():
    class NoLr(d2l.Classifier):
        def __init__(self, lr=0.1):
            super().__init__()
            self.net = nn.Sequential(nn.Flatten(), nn.LazyLinear(2))

    with pytest.raises(AttributeError, match=r'lr.*save_hyperparameters'):
        quiet_trainer(max_epochs=1).fit(NoLr(), TinyData())


def test_net_without_self_is_named():
    class Forgot(d2l.Classifier):
        def __init__(self, lr=0.1):
            super().__init__()
            self.save_hyperparameters()
            net = nn.Sequential(nn.Flatten(), nn.LazyLinear(2))  # noqa: F841

    with pytest.raises(ValueError, match=r'self\.net = '):
        quiet_trainer(max_epochs=1).fit(Forgot(), TinyData())
    with pytest.raises(AttributeError, match='self.net'):
        Forgot().layer_summary((1, 1, 8, 8))
