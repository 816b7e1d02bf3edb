"""configure_optimizers may return any shape Lightning accepts; the schedulers step when asked,
and an unusable return value gets one sentence naming what to return instead."""
import pytest
import torch
from torch import nn

from conftest import TinyCNN, TinyData, quiet_trainer


# --- every return shape, and when its scheduler steps ----------------------------------------

class Scheduled(TinyCNN):
    """TinyCNN whose configure_optimizers returns ``form`` built from one SGD and one StepLR."""

    def __init__(self, form, interval='epoch'):
        super().__init__()
        self.form, self.interval = form, interval

    def configure_optimizers(self):
        opt = torch.optim.SGD(self.parameters(), lr=self.lr)
        sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
        return {
            'optimizer': opt,
            'list': [opt],
            'tuple': (opt,),
            'lists': ([opt], [sched]),
            'pair': (opt, sched),
            'dict': {'optimizer': opt, 'lr_scheduler': sched},
            'dict_config': {'optimizer': opt,
                            'lr_scheduler': {'scheduler': sched, 'interval': self.interval}},
            'lists_config': ([opt], [{'scheduler': sched, 'interval': self.interval}]),
        }[self.form]


@pytest.mark.parametrize('form', ['optimizer', 'list', 'tuple'])
def test_configure_optimizers_may_return_an_optimizer_in_a_list(form):
    history = quiet_trainer(max_epochs=2).fit(Scheduled(form), TinyData())
    assert len(history) == 2 and 'lr' not in history[0]


@pytest.mark.parametrize('form', ['lists', 'pair', 'dict', 'dict_config', 'lists_config'])
def test_schedulers_are_stepped_once_per_epoch_by_default(form):
    trainer = quiet_trainer(max_epochs=3)
    history = trainer.fit(Scheduled(form), TinyData())
    assert [row['lr'] for row in history] == pytest.approx([0.1, 0.05, 0.025])
    assert trainer.optim.param_groups[0]['lr'] == pytest.approx(0.0125)


@pytest.mark.parametrize('form', ['dict_config', 'lists_config'])
def test_step_interval_steps_the_scheduler_every_batch(form):
    trainer = quiet_trainer(max_epochs=2)
    data = TinyData()                       # 96 examples, batch 16: 6 batches per epoch
    history = trainer.fit(Scheduled(form, interval='step'), data)
    assert [row['lr'] for row in history] == pytest.approx([0.1, 0.1 * 0.5 ** 6])
    assert trainer.optim.param_groups[0]['lr'] == pytest.approx(0.1 * 0.5 ** 12)


def test_reduce_on_plateau_reads_the_validation_loss():
    class Plateau(TinyCNN):
        def configure_optimizers(self):
            opt = torch.optim.SGD(self.parameters(), lr=self.lr)
            sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, patience=0, factor=0.5)
            return {'optimizer': opt, 'lr_scheduler': {'scheduler': sched, 'monitor': 'val_loss'}}

    history = quiet_trainer(max_epochs=2).fit(Plateau(), TinyData())
    assert len(history) == 2 and history[0]['lr'] == pytest.approx(0.1)


def test_book_code_path_keeps_its_history_columns(tiny_data):
    history = quiet_trainer(max_epochs=1).fit(TinyCNN(), tiny_data)
    assert list(history[0]) == ['epoch', 'train_loss', 'val_loss', 'val_acc', 'seconds']


# --- an unusable return value gets one sentence ----------------------------------------------

class Returns(TinyCNN):
    def __init__(self, returned):
        super().__init__()
        self.returned = returned

    def configure_optimizers(self):
        returned = self.returned
        return returned(self) if callable(returned) else returned


def two_optimizers(model):
    return [torch.optim.SGD(model.parameters(), lr=0.1),
            torch.optim.SGD(model.parameters(), lr=0.1)]


def foreign_scheduler(model):
    other = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.1)
    return (torch.optim.SGD(model.parameters(), lr=0.1),
            torch.optim.lr_scheduler.StepLR(other, step_size=1))


def bad_interval(model):
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1)
    return {'optimizer': opt, 'lr_scheduler': {'scheduler': sched, 'interval': 'batch'}}


@pytest.mark.parametrize('returned, words', [
    (None, ['None', 'return torch.optim.SGD(self.parameters(), lr=self.lr)']),
    (0.1, ['float', 'return torch.optim.SGD']),
    ({'lr': 0.1}, ["'optimizer'"]),
    (two_optimizers, ['하나']),
    (foreign_scheduler, ['스케줄러', '옵티마이저']),
    (bad_interval, ["'batch'", "'step'", "'epoch'"]),
])
def test_unusable_configure_optimizers_gets_one_sentence(returned, words):
    model = Returns(returned)
    with pytest.raises((TypeError, ValueError)) as error:
        quiet_trainer(max_epochs=1).fit(model, TinyData())
    message = str(error.value)
    assert 'configure_optimizers' in message and all(w in message for w in words), message
    assert '\n' not in message


# --- schedulers that do not fit the run ----------------------------------------------------

class _Scheduled(TinyCNN):
    def __init__(self, make, lr=0.1):
        super().__init__(lr=lr)
        self.make = make

    def configure_optimizers(self):
        optimizer = torch.optim.SGD(self.parameters(), lr=self.lr)
        return self.make(self, optimizer)


def test_plateau_on_accuracy_in_min_mode_is_refused():
    """It cut the learning rate while the accuracy held, with no word."""
    make = lambda model, opt: {'optimizer': opt, 'lr_scheduler': {
        'scheduler': torch.optim.lr_scheduler.ReduceLROnPlateau(opt), 'monitor': 'val_acc'}}
    with pytest.raises(ValueError, match="mode='max'"):
        quiet_trainer(max_epochs=1).fit(_Scheduled(make), TinyData())


def test_plateau_stepped_every_step_is_told_to_use_epochs():
    make = lambda model, opt: {'optimizer': opt, 'lr_scheduler': {
        'scheduler': torch.optim.lr_scheduler.ReduceLROnPlateau(opt), 'interval': 'step'}}
    with pytest.raises(ValueError, match="'interval': 'epoch'"):
        quiet_trainer(max_epochs=1).fit(_Scheduled(make), TinyData())


def test_one_cycle_shorter_than_the_run_is_refused_before_training():
    """total_steps=max_epochs stepped per step used to die in raw torch mid-training."""
    make = lambda model, opt: {'optimizer': opt, 'lr_scheduler': {
        'scheduler': torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=2),
        'interval': 'step'}}
    model = _Scheduled(make)
    with pytest.raises(ValueError, match='estimated_stepping_batches'):
        quiet_trainer(max_epochs=2).fit(model, TinyData())


def test_one_cycle_of_the_run_length_trains():
    make = lambda model, opt: {'optimizer': opt, 'lr_scheduler': {
        'scheduler': torch.optim.lr_scheduler.OneCycleLR(
            opt, max_lr=0.1, total_steps=model.trainer.estimated_stepping_batches),
        'interval': 'step'}}
    assert len(quiet_trainer(max_epochs=2).fit(_Scheduled(make), TinyData())) == 2
