"""A learner's common mistakes: each ends in one clear sentence, or now just works.

Every test here failed (silent damage or a cryptic message) before the checks it names.
"""
import gzip
import math
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

import d2lmini as d2l
import seed_models
from conftest import ListLoader, TinyCNN, TinyData, quiet_trainer
from d2lmini.module import has_lazy_parameters


def is_lazy(model):
    return has_lazy_parameters(model)


# --- silently wrong before: now impossible ---------------------------------------------

def test_layer_summary_without_batch_axis_is_rejected_and_model_untouched():
    model = seed_models.LeNet()
    with pytest.raises(ValueError, match=r'배치 축.*\(1, 1, 28, 28\)'):
        model.layer_summary((1, 28, 28))
    assert is_lazy(model)


def test_layer_summary_at_another_resolution_does_not_lock_the_model(capsys):
    model = TinyCNNFlat()
    model.layer_summary((1, 1, 16, 16))          # not the 8px the data has
    assert '16' in capsys.readouterr().out
    assert is_lazy(model)                         # nothing materialised
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


@pytest.mark.parametrize('wrong', [torch.zeros(2, 1, 8, 8), [], ()])
def test_apply_init_checks_its_argument_before_touching_the_model(wrong):
    model = TinyCNN()
    with pytest.raises(TypeError, match=r'apply_init\(\[X\]\)'):
        model.apply_init(wrong)
    assert is_lazy(model)


def test_apply_init_without_batch_axis_is_rejected():
    model = TinyCNN()
    with pytest.raises(ValueError, match='배치 축'):
        model.apply_init([torch.zeros(1, 8, 8)])
    assert is_lazy(model)


def test_changing_one_data_module_leaves_the_next_alone():
    first = d2l.FashionMNIST(source='synthetic')
    first.train.images.zero_()
    first.val.labels.fill_(3)
    second = d2l.FashionMNIST(source='synthetic')
    assert second.train.images.sum() > 0
    assert second.val.labels.bincount().tolist() != [0, 0, 0, 10_000]
    small = d2l.FashionMNIST(source='synthetic', limit=100)
    small.train.images.zero_()
    assert d2l.FashionMNIST(source='synthetic', limit=100).train.images.sum() > 0


# --- the first-batch error names the actual cause ----------------------------------------

class TinyCNNFlat(d2l.Classifier):
    """A model whose input size is fixed once its lazy layers are materialised."""

    def __init__(self, lr=0.1, num_classes=2):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(nn.LazyConv2d(4, kernel_size=3, padding=1), nn.ReLU(),
                                 nn.Flatten(), nn.LazyLinear(num_classes))


class ThreeChannels(d2l.Classifier):
    def __init__(self, lr=0.1):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(nn.Conv2d(3, 4, kernel_size=3), nn.Flatten(), nn.LazyLinear(2))


def fit_error(model, data=None):
    with pytest.raises(Exception) as error:
        quiet_trainer(max_epochs=1).fit(model, data or TinyData())
    return str(error.value)


def test_wrong_number_of_input_channels_is_named():
    message = fit_error(ThreeChannels())
    assert '채널 3개' in message and '채널은 1개' in message and 'resize' not in message


def test_layers_locked_by_an_earlier_call_are_named():
    model = TinyCNNFlat()
    model.apply_init([torch.zeros(1, 1, 16, 16)])
    message = fit_error(model, TinyData(size=8))
    assert '(1, 16, 16)' in message and '(1, 8, 8)' in message and 'apply_init' in message


def test_model_without_loss_is_named():
    class NoLoss(d2l.Module):
        def __init__(self, lr=0.1):
            super().__init__()
            self.save_hyperparameters()
            self.net = nn.Sequential(nn.Flatten(), nn.LazyLinear(2))

    with pytest.raises(NotImplementedError, match=r'loss.*d2l.Classifier'):
        quiet_trainer(max_epochs=1).fit(NoLoss(), TinyData())


def test_too_few_output_classes_are_named():
    data = TinyData()
    data.y = torch.arange(len(data.y)) % 10
    message = fit_error(TinyCNN(num_classes=2), data)
    assert '클래스 2개' in message and '번 클래스' in message and 'LazyLinear(' in message
    fashion = d2l.FashionMNIST(batch_size=64, source='synthetic', limit=(64, 64))
    message = fit_error(TinyCNN(num_classes=2), fashion)
    assert 'LazyLinear(10)' in message


def test_other_shape_errors_still_point_at_resize():
    class NeedsEight(d2l.Classifier):
        def __init__(self, lr=0.1):
            super().__init__()
            self.save_hyperparameters()
            self.net = nn.Sequential(nn.Flatten(), nn.Linear(8, 2))

    assert 'resize' in fit_error(NeedsEight())


# --- model and data classes written by the learner ---------------------------------------

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


def test_data_module_without_get_dataloader_is_named():
    class NoLoader(d2l.DataModule):
        pass

    with pytest.raises(NotImplementedError, match=r'get_dataloader\(self, train\)'):
        quiet_trainer(max_epochs=1).fit(TinyCNN(), NoLoader())


def test_history_column_typo_lists_the_keys():
    history = quiet_trainer(max_epochs=1).fit(TinyCNN(), TinyData())
    with pytest.raises(KeyError, match=r"'acc'.*val_acc"):
        history.column('acc')


def test_save_hyperparameters_outside_init_is_refused():
    class Model(d2l.HyperParameters):
        def __init__(self, lr=0.1):
            self.save_hyperparameters()

        def reset(self, lr=5):
            self.save_hyperparameters()

    model = Model()
    with pytest.raises(RuntimeError, match='__init__'):
        model.reset()
    assert model.lr == 0.1


def test_init_cnn_called_on_a_model_initialises_its_layers():
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(400, 120))
    d2l.init_cnn(net)               # instead of net.apply(d2l.init_cnn)
    xavier = math.sqrt(6 / (400 + 120))
    assert net[0].weight.abs().max().item() > 1 / math.sqrt(400)   # not PyTorch's default
    assert net[0].weight.abs().max().item() <= xavier


# --- arguments -------------------------------------------------------------------------

@pytest.mark.parametrize('lr', [math.nan, math.inf, -0.1, 'fast'])
def test_unusable_learning_rate_is_refused_before_training(lr):
    model = TinyCNN()
    model.lr = lr
    with pytest.raises(ValueError, match='lr=0.1처럼'):
        quiet_trainer(max_epochs=1).fit(model, TinyData())


class Exploding(TinyCNN):
    """A finite loss that grows to 1e7 from the 4th step on."""

    def training_step(self, batch):
        self.calls = getattr(self, 'calls', 0) + 1
        loss = super().training_step(batch)
        return loss * 1e7 if self.calls >= 4 else loss


def test_exploding_but_finite_loss_stops_with_the_nan_advice(capsys):
    trainer = quiet_trainer(max_epochs=3)
    history = trainer.fit(Exploding(), TinyData())
    out = capsys.readouterr().out
    assert history.stop_reason == 'diverged' and len(history) == 0
    assert '1000배' in out and 'lr=0.1 대신 lr=0.01' in out


def test_gradient_clip_val_none_means_no_clipping():
    trainer = quiet_trainer(max_epochs=1, gradient_clip_val=None)
    assert trainer.gradient_clip_val == 0
    assert len(trainer.fit(TinyCNN(), TinyData())) == 1


@pytest.mark.parametrize('kwargs', [dict(seed='abc'), dict(seed=1.5), dict(max_epochs=2.0),
                                    dict(gradient_clip_val='1')])
def test_trainer_argument_types_get_one_sentence(kwargs):
    name = next(iter(kwargs))
    kwargs.setdefault('max_epochs', 1)
    with pytest.raises(ValueError, match=f'{name}.*처럼'):
        d2l.Trainer(progress=False, **kwargs)


def test_numpy_integers_are_accepted():
    trainer = quiet_trainer(max_epochs=np.int64(1), seed=np.int32(0))
    assert type(trainer.max_epochs) is int
    data = d2l.FashionMNIST(batch_size=np.int64(32), resize=np.int64(16),
                            source='synthetic', limit=(np.int64(64), 32))
    assert type(data.batch_size) is int and data.image_size == (16, 16)
    X, _ = next(iter(data.train_dataloader()))
    assert X.shape == (32, 1, 16, 16)
    d2l.FashionMNIST(resize=(np.int32(20), np.int32(20)), source='synthetic', limit=10)
    with pytest.raises(ValueError, match='seed'):
        d2l.FashionMNIST(source='synthetic', seed='abc', limit=10)


# --- batch normalisation and a one-example last batch ------------------------------------

def test_fashion_mnist_never_yields_a_one_example_training_batch():
    data = d2l.FashionMNIST(batch_size=32, source='synthetic', limit=(65, 33))
    loader = data.train_dataloader()
    sizes = [len(y) for _, y in loader]
    assert len(loader) == 2 and sorted(sizes) == [32, 33]
    assert [len(y) for _, y in data.val_dataloader()] == [32, 1]   # prediction mode: fine
    history = quiet_trainer(max_epochs=1).fit(DenseBN(), TenClassesAsTwo(data))
    assert len(history) == 1


class TenClassesAsTwo(d2l.DataModule):
    """Fashion-MNIST batches with labels folded to two classes (for the small DenseBN)."""

    def __init__(self, data):
        self.data = data

    def get_dataloader(self, train):
        self.data.device = getattr(self, 'device', self.data.device)
        loader = self.data.get_dataloader(train)

        class Folded:
            def __len__(inner):
                return len(loader)

            def __iter__(inner):
                return ((X, y % 2) for X, y in loader)

        return Folded()


class DenseBN(d2l.Classifier):
    def __init__(self, lr=0.1):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(nn.Flatten(), nn.LazyLinear(8), nn.LazyBatchNorm1d(), nn.ReLU(),
                                 nn.LazyLinear(2))


def test_one_example_batch_from_own_loader_names_the_fix():
    data = TinyData(n_train=33, batch_size=16)
    message = fit_error(DenseBN(), data)
    assert '예제가 1개' in message and 'batch_size' in message and 'drop_last' in message


# --- data directory ----------------------------------------------------------------------

def test_data_env_pointing_at_a_file_is_named(tmp_path, monkeypatch):
    file = tmp_path / 'train-images-idx3-ubyte.gz'
    file.write_bytes(b'x')
    monkeypatch.setenv('D2LMINI_DATA', str(file))
    with pytest.raises(ValueError, match=r'D2LMINI_DATA.*파일'):
        d2l.FashionMNIST()
    with pytest.raises(ValueError, match=r'root 인자.*파일'):
        d2l.FashionMNIST(root=file)


REAL_DIR = Path('/nonexistent') if not __import__('os').environ.get('D2LMINI_DATA') \
    else Path(__import__('os').environ['D2LMINI_DATA'])


@pytest.mark.skipif(not (REAL_DIR / 't10k-labels-idx1-ubyte.gz').is_file(),
                    reason='needs the real files in D2LMINI_DATA')
def test_regzipped_official_files_are_accepted(tmp_path, monkeypatch):
    from d2lmini import data as data_module
    monkeypatch.setattr(data_module, '_CACHE', {})
    for path in REAL_DIR.glob('*-ubyte.gz'):
        content = gzip.decompress(path.read_bytes())
        (tmp_path / path.name).write_bytes(gzip.compress(content, compresslevel=1, mtime=1))
    data = d2l.FashionMNIST(root=tmp_path, source='real')
    assert data.val.labels[:3].tolist() == [9, 2, 1]
