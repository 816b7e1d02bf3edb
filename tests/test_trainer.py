"""The Trainer: the loop, its history and plot, the NaN/divergence guard, its arguments, and the
sentence it gives when a learner's model or data breaks the first training step."""
import math
import time

import numpy as np
import pytest
import torch
from torch import nn

import d2lmini as d2l
from conftest import DenseBN, ListLoader, TinyCNN, TinyCNNFlat, TinyData, quiet_trainer


def history_without_time(history):
    return [{k: v for k, v in row.items() if k != 'seconds'} for row in history]


def test_fit_returns_one_history_row_per_epoch(tiny_data):
    history = quiet_trainer(max_epochs=3, seed=0).fit(TinyCNN(), tiny_data)
    assert [row['epoch'] for row in history] == [1, 2, 3]
    assert set(history[0]) == {'epoch', 'train_loss', 'val_loss', 'val_acc', 'seconds'}
    assert all(row['seconds'] > 0 for row in history)
    assert history.stop_reason is None
    assert history.column('val_acc') == [row['val_acc'] for row in history]


def test_training_lowers_the_loss():
    data = TinyData(n_train=256, n_val=64, batch_size=32)
    history = quiet_trainer(max_epochs=6, seed=0).fit(TinyCNN(lr=0.2), data)
    assert history[-1]['train_loss'] < history[0]['train_loss']
    assert history[-1]['val_acc'] > 0.7


def test_same_seed_gives_identical_history_and_other_seed_differs():
    def run(seed):
        trainer = quiet_trainer(max_epochs=2, seed=seed)
        model = TinyCNN()          # built after the seed, like the book's code
        return history_without_time(trainer.fit(model, TinyData()))

    assert run(0) == run(0)
    assert run(0) != run(1)


class ConstantPredictor(d2l.Classifier):
    """Predicts class 0 whatever the input: accuracy is the share of label 0."""

    def __init__(self):
        super().__init__()
        self.bias = nn.Parameter(torch.tensor([1.0, 0.0]))
        self.lr = 0.0

    def forward(self, X):
        return self.bias.expand(len(X), 2)


class FixedData(d2l.DataModule):
    def __init__(self, y_val, batch_size):
        super().__init__()
        self.y_val, self.batch_size = y_val, batch_size

    def get_dataloader(self, train):
        y = self.y_val
        return ListLoader(torch.zeros(len(y), 1, 2, 2), y, self.batch_size)


def test_validation_metrics_are_averaged_per_example_with_uneven_last_batch():
    # batches of 4, 4 and 2 examples: the last (small) batch is all wrong
    y = torch.tensor([0, 0, 0, 0, 0, 0, 0, 0, 1, 1])
    history = quiet_trainer(max_epochs=1).fit(ConstantPredictor(), FixedData(y, 4))
    assert history[0]['val_acc'] == pytest.approx(8 / 10)        # not (1 + 1 + 0) / 3
    losses = nn.functional.cross_entropy(torch.tensor([[1.0, 0.0]]).expand(10, 2), y)
    assert history[0]['val_loss'] == pytest.approx(losses.item(), rel=1e-6)


class LabelMeanLoss(d2l.Classifier):
    """Loss equals the mean label of the batch, so every plotted point can be predicted."""

    def __init__(self, plot_train_per_epoch=2):
        super().__init__(plot_train_per_epoch=plot_train_per_epoch)
        self.w = nn.Parameter(torch.zeros(1))
        self.lr = 0.0

    def training_step(self, batch):
        loss = batch[-1].float().mean() + 0 * self.w.sum()
        self.plot('loss', loss, train=True, n=len(batch[-1]))
        return loss

    def validation_step(self, batch):
        pass


class ValueData(d2l.DataModule):
    def __init__(self, values, batch_size):
        super().__init__()
        self.values, self.batch_size = torch.tensor(values), batch_size

    def get_dataloader(self, train):
        return ListLoader(torch.zeros(len(self.values), 1), self.values, self.batch_size)


def test_train_points_average_their_batches_even_when_batches_are_fewer_than_points():
    # 2 batches per epoch ([2, 4] and [9]) but 4 points asked: one point per batch
    data = ValueData([2, 4, 9], batch_size=2)
    trainer = quiet_trainer(max_epochs=1)
    history = trainer.fit(LabelMeanLoss(plot_train_per_epoch=4), data)
    xs, ys = trainer.board.lines['train_loss'].get_data()
    assert list(xs) == [0.5, 1.0]
    assert list(ys) == [3.0, 9.0]
    assert history[0]['train_loss'] == pytest.approx(5.0)   # (2 + 4 + 9) / 3


def test_train_points_weight_batches_by_examples():
    # 3 batches, 2 points: first point covers batches 1-2 (round(1.5) = 2)
    data = ValueData([1, 1, 4, 4, 10], batch_size=2)
    trainer = quiet_trainer(max_epochs=1)
    trainer.fit(LabelMeanLoss(plot_train_per_epoch=2), data)
    _, ys = trainer.board.lines['train_loss'].get_data()
    assert list(ys) == [2.5, 10.0]


def test_board_keeps_one_line_per_curve():
    trainer = quiet_trainer(max_epochs=4)
    trainer.fit(TinyCNN(), TinyData())
    assert sorted(trainer.board.lines) == ['train_loss', 'val_acc', 'val_loss']
    assert len(trainer.board.ax.get_lines()) == 3      # legend names are Korean where a font is
    assert len(trainer.board.lines['val_acc'].get_xdata()) == 4
    assert not trainer.board.live          # no kernel here: nothing drawn during training


class ExplodesAt(TinyCNN):
    """Returns a NaN loss from the given global step on."""

    def __init__(self, step):
        super().__init__()
        self.step, self.calls = step, 0

    def training_step(self, batch):
        self.calls += 1
        loss = super().training_step(batch)
        return loss * math.nan if self.calls >= self.step else loss


def test_nan_loss_stops_with_step_and_learning_rate_advice(capsys, tiny_data):
    model = ExplodesAt(step=8)   # 6 batches per epoch: step 8 is epoch 2, batch 2
    trainer = quiet_trainer(max_epochs=5)
    history = trainer.fit(model, tiny_data)
    message = capsys.readouterr().out
    assert '스텝 8' in message and '에폭 2' in message and '배치 2' in message
    assert 'lr=0.01' in message
    assert history.stop_reason == 'nan' and len(history) == 1
    assert all(torch.isfinite(p).all() for p in model.parameters())
    assert trainer.history is history


class InterruptingData(TinyData):
    def get_dataloader(self, train):
        loader = super().get_dataloader(train)
        if not train:
            return loader
        data = self

        class Interrupting(ListLoader):
            def __iter__(inner):
                for i, batch in enumerate(ListLoader.__iter__(inner)):
                    if data.epochs_started == 2 and i == 1:
                        raise KeyboardInterrupt
                    yield batch
                    if i == 0:
                        data.epochs_started += 1

        return Interrupting(loader.X, loader.y, loader.batch_size)


def test_keyboard_interrupt_ends_fit_and_keeps_model_history_and_plot(capsys):
    data = InterruptingData()
    data.epochs_started = 0
    model = TinyCNN()
    trainer = quiet_trainer(max_epochs=5)
    history = trainer.fit(model, data)
    assert history.stop_reason == 'interrupted'
    assert len(history) == 1
    assert '멈췄습니다' in capsys.readouterr().out
    assert len(trainer.board.lines['val_acc'].get_xdata()) == 1
    assert not any(isinstance(p, nn.parameter.UninitializedParameter) for p in model.parameters())


def test_more_gpus_than_available_falls_back_with_one_line_notice(capsys, monkeypatch):
    monkeypatch.setattr(torch.cuda, 'device_count', lambda: 0)
    monkeypatch.setattr(d2l.torchutil, '_mps_available', lambda: False)
    trainer = quiet_trainer(num_gpus=2)
    assert trainer.device == torch.device('cpu')
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and 'GPU' in out[0] and 'CPU' in out[0]


def test_gpu_request_prefers_apple_mps_when_there_is_no_cuda(capsys, monkeypatch):
    monkeypatch.setattr(torch.cuda, 'device_count', lambda: 0)
    monkeypatch.setattr(d2l.torchutil, '_mps_available', lambda: True)
    assert d2l.choose_device(1) == torch.device('mps')
    assert 'MPS' in capsys.readouterr().out


def test_bad_arguments_get_clear_errors():
    with pytest.raises(ValueError, match='max_epochs'):
        d2l.Trainer(max_epochs=0)
    with pytest.raises(ValueError, match='num_gpus'):
        d2l.Trainer(max_epochs=1, num_gpus=-1)
    with pytest.raises(ValueError, match='gradient_clip_val'):
        d2l.Trainer(max_epochs=1, gradient_clip_val=-1)
    with pytest.raises(TypeError, match='d2l.Module'):
        quiet_trainer().fit(nn.Linear(2, 2), TinyData())


def test_shape_mismatch_on_first_batch_names_the_batch_shape():
    class NeedsEight(d2l.Classifier):
        def __init__(self):
            super().__init__()
            self.lr = 0.1
            self.net = nn.Sequential(nn.Flatten(), nn.Linear(8, 2))

    with pytest.raises(RuntimeError, match=r'\(16, 1, 8, 8\).*resize'):
        quiet_trainer().fit(NeedsEight(), TinyData())


def test_gradient_clipping_limits_the_global_norm():
    layer = nn.Linear(3, 2)
    for p in layer.parameters():
        p.grad = torch.full_like(p, 10.0)
    d2l.Trainer(max_epochs=1, progress=False).clip_gradients(1.0, layer)
    norm = torch.sqrt(sum((p.grad ** 2).sum() for p in layer.parameters()))
    assert norm.item() == pytest.approx(1.0, rel=1e-5)


def test_fit_clips_when_asked(monkeypatch, tiny_data):
    calls = []
    monkeypatch.setattr(d2l.Trainer, 'clip_gradients', lambda self, v, m: calls.append(v))
    quiet_trainer(max_epochs=1, gradient_clip_val=0.5).fit(TinyCNN(), tiny_data)
    assert calls == [0.5] * 6
    calls.clear()
    quiet_trainer(max_epochs=1).fit(TinyCNN(), tiny_data)
    assert calls == []


def test_notebook_progress_bar_is_saved_in_its_final_state(monkeypatch):
    """A saved notebook shows the bar's text form; it must read 100 %, not the initial 0 %."""
    import IPython.display
    from tqdm.notebook import tqdm_notebook
    from d2lmini import notebook

    shown = []

    class Handle:
        def update(self, obj, raw=False):
            shown.append(obj['text/plain'] if raw else repr(obj))

    def fake_display(obj, raw=False, display_id=None):
        shown.append(obj['text/plain'] if raw else repr(obj))
        return Handle()

    monkeypatch.setattr(notebook, 'tqdm', tqdm_notebook)
    monkeypatch.setattr(IPython.display, 'display', fake_display)
    bar = notebook.open_bar(total=5)
    bar.update(5)
    notebook.close_bar(bar)
    assert len(shown) == 2
    assert '0%' in shown[0] and '0/5' in shown[0]
    assert '100%' in shown[-1] and '5/5' in shown[-1]


# --- a loop that does not wait for the device -----------------------------------------------

HOST_READS = ('item', 'tolist', '__float__', '__int__', '__bool__', '__index__', 'numpy', 'cpu')


def count_host_reads(run):
    """Calls of every Tensor method that copies a value back to the host, during ``run()``."""
    calls = []
    with pytest.MonkeyPatch.context() as patch:
        for name in HOST_READS:
            original = getattr(torch.Tensor, name)

            def counted(self, *args, _original=original, _name=name, **kwargs):
                calls.append(_name)
                return _original(self, *args, **kwargs)

            patch.setattr(torch.Tensor, name, counted)
        run()
    return calls


@pytest.mark.parametrize('points', [1, 2, 4])
def test_host_reads_scale_with_plot_points_not_batches(points):
    def reads(n_batches, epochs=2):
        data = TinyData(n_train=16 * n_batches, n_val=32, batch_size=16)
        model = TinyCNN()
        model.plot_train_per_epoch = points
        model.apply_init([data.X[:2]])
        trainer = quiet_trainer(max_epochs=epochs)
        return count_host_reads(lambda: trainer.fit(model, data))

    few, many = reads(8), reads(64)
    assert len(few) == len(many), (few, many)      # the same for 8 and 64 batches an epoch
    # one read per plot point and one at the end of each validation
    assert len(many) == 2 * (points + 1), many


def test_train_seconds_counts_training_batches_only():
    class SlowValidation(TinyCNN):
        def validation_step(self, batch):
            time.sleep(0.05)
            super().validation_step(batch)

    data = TinyData(n_train=32, n_val=64, batch_size=16)   # 4 validation batches an epoch
    trainer = quiet_trainer(max_epochs=2)
    history = trainer.fit(SlowValidation(), data)
    total = sum(row['seconds'] for row in history)
    assert 0 < trainer.train_seconds < total - 2 * 4 * 0.05 + 0.01


def test_nan_message_says_it_stops_within_one_plot_interval(capsys, tiny_data):
    quiet_trainer(max_epochs=2).fit(ExplodesAt(step=5), tiny_data)   # points after batches 3, 6
    out = capsys.readouterr().out
    assert '스텝 5' in out and '그래프 간격' in out
    assert '되돌렸' in out


def test_history_is_a_table_in_notebooks_and_text_elsewhere(tiny_data):
    history = quiet_trainer(max_epochs=2).fit(TinyCNN(), tiny_data)
    frame = history.to_frame()
    assert list(frame.index) == [1, 2]
    assert list(frame.columns) == ['train_loss', 'val_loss', 'val_acc', 'seconds']
    assert frame['val_acc'].tolist() == history.column('val_acc')
    assert '<table' in history._repr_html_()
    text = repr(history)
    assert 'val_acc' in text and len(text.splitlines()) == 3
    assert repr(d2l.History()) == 'History(비어 있음)'


# --- a typo in a history column name lists the keys -----------------------------------------

def test_history_column_typo_lists_the_keys():
    history = quiet_trainer(max_epochs=1).fit(TinyCNN(), TinyData())
    with pytest.raises(KeyError, match=r"'acc'.*val_acc"):
        history.column('acc')


# --- a loss that explodes without becoming NaN ----------------------------------------------

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


# --- arguments: one sentence for each mistake, numpy integers accepted -----------------------

@pytest.mark.parametrize('lr, error', [(math.nan, ValueError), (math.inf, ValueError),
                                       (-0.1, ValueError), ('fast', TypeError)])
def test_unusable_learning_rate_is_refused_before_training(lr, error):
    model = TinyCNN()
    model.lr = lr
    with pytest.raises(error, match='lr=0.1처럼'):
        quiet_trainer(max_epochs=1).fit(model, TinyData())


def test_gradient_clip_val_none_means_no_clipping():
    trainer = quiet_trainer(max_epochs=1, gradient_clip_val=None)
    assert trainer.gradient_clip_val == 0
    assert len(trainer.fit(TinyCNN(), TinyData())) == 1


@pytest.mark.parametrize('kwargs', [dict(seed='abc'), dict(seed=1.5), dict(max_epochs=2.0),
                                    dict(gradient_clip_val='1'), dict(num_gpus='1')])
def test_trainer_argument_types_get_one_sentence(kwargs):
    name = next(iter(kwargs))
    kwargs.setdefault('max_epochs', 1)
    with pytest.raises(TypeError, match=f'{name}.*처럼'):
        d2l.Trainer(progress=False, **kwargs)


@pytest.mark.parametrize('kwargs', [dict(seed=-1), dict(max_epochs=0), dict(num_gpus=-1),
                                    dict(gradient_clip_val=-1.0),
                                    dict(gradient_clip_val=math.inf)])
def test_trainer_arguments_out_of_range_get_one_sentence(kwargs):
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
    with pytest.raises(TypeError, match='seed'):
        d2l.FashionMNIST(source='synthetic', seed='abc', limit=10)


# --- the first-batch error names the actual cause -------------------------------------------

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


def test_one_example_batch_from_own_loader_names_the_fix():
    data = TinyData(n_train=33, batch_size=16)
    message = fit_error(DenseBN(), data)
    assert '예제가 1개' in message and 'batch_size' in message and 'drop_last' in message


# --- what the model's forward returns ---------------------------------------------------------

class Head(d2l.Classifier):
    """A tiny conv net whose head or forward makes one of the classic mistakes."""

    def __init__(self, mistake, lr=0.1):
        super().__init__()
        self.save_hyperparameters()
        body = [nn.LazyConv2d(4, kernel_size=3, padding=1), nn.ReLU()]
        if mistake == 'no_flatten':     # NiN-like: class channels, pooled, never flattened
            self.net = nn.Sequential(*body, nn.LazyConv2d(10, kernel_size=1),
                                     nn.AdaptiveAvgPool2d(1))
        elif mistake == 'linear_without_flatten':
            self.net = nn.Sequential(*body, nn.AdaptiveAvgPool2d(1), nn.LazyLinear(10))
        else:
            self.net = nn.Sequential(*body, nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                     nn.LazyLinear(10))

    def forward(self, X):
        Y = self.net(X)
        if self.mistake == 'tuple':
            return Y, X
        if self.mistake == 'transposed':
            return Y.T
        if self.mistake == 'class_ids':
            return Y.argmax(dim=1)
        return Y


def ten_class_data():
    data = TinyData()
    data.y = torch.arange(len(data.y)) % 10
    return data


@pytest.mark.parametrize('mistake, error, words', [
    ('no_flatten', ValueError, ['(16, 10, 1, 1)', 'nn.Flatten()']),
    ('linear_without_flatten', ValueError, ['(16, 4, 1, 10)', 'nn.Flatten()']),
    ('tuple', TypeError, ['tuple', '텐서 하나']),
    ('transposed', ValueError, ['(10, 16)', '(16, 10)']),
    ('class_ids', TypeError, ['argmax', '로짓']),
])
def test_wrong_model_output_gets_one_sentence(mistake, error, words):
    model = Head(mistake)
    with pytest.raises(error) as caught:
        quiet_trainer(max_epochs=1).fit(model, ten_class_data())
    message = str(caught.value).split('\n')[0]
    assert all(w in message for w in words), message
    assert 'LazyLinear(10)' not in message and '클래스 1개' not in message


def test_correct_head_still_trains():
    assert len(quiet_trainer(max_epochs=1).fit(Head('none'), ten_class_data())) == 1


def test_each_fit_keeps_its_planned_epochs_time_and_examples_and_the_model_keeps_every_fit(tiny_data):
    from d2lmini.history import History, fits_of
    model = TinyCNN()
    first = quiet_trainer(max_epochs=2, plot=False)
    first.fit(model, tiny_data)
    second = quiet_trainer(max_epochs=1, plot=False)
    second.fit(model, tiny_data)
    assert fits_of(model) == [first.history, second.history]
    assert fits_of(model)[0] is first.history
    assert first.history.max_epochs == 2 and first.history.train_examples == 2 * 96
    assert first.train_seconds == first.history.train_seconds > 0
    whole = History.joined(fits_of(model))
    assert [row['epoch'] for row in whole] == [1, 2, 3] and whole.max_epochs == 3
    assert whole.train_examples == 3 * 96 and whole.stop_reason is None
