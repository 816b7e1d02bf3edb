"""The one place that tells a learner what went wrong: one exception rule, one sentence shape."""
import math

import numpy as np
import pytest
import torch

import d2lmini as d2l
from d2lmini import diagnose
from d2lmini.optim import optimizers_and_schedulers

from conftest import TinyCNN, TinyData, quiet_trainer


@pytest.mark.parametrize('value, error', [('3', TypeError), (2.0, TypeError), (True, TypeError),
                                          (None, TypeError), (0, ValueError), (-4, ValueError)])
def test_whole_number_follows_the_exception_rule(value, error):
    with pytest.raises(error) as raised:
        diagnose.whole_number('max_epochs', value, 1, 'max_epochs=10')
    assert type(raised.value) is error
    assert str(raised.value) == (f'max_epochs에는 1 이상의 정수를 주어야 합니다: '
                                 f'max_epochs={value!r} 대신 max_epochs=10처럼 쓰세요.')


def test_whole_number_returns_a_python_int():
    value = diagnose.whole_number('seed', np.int64(3), 0, 'seed=0')
    assert value == 3 and type(value) is int


@pytest.mark.parametrize('value, error', [('0.1', TypeError), (True, TypeError),
                                          (math.nan, ValueError), (math.inf, ValueError),
                                          (1.0, ValueError), (-0.5, ValueError)])
def test_number_between_names_owner_field_and_fix(value, error):
    with pytest.raises(error, match=r"Recipe의 warmup에는 0 이상 1 미만의 유한한 수") as raised:
        diagnose.number_between('warmup', value, 0, 1, 'warmup=0.1', owner='Recipe')
    assert f'warmup={value!r} 대신 warmup=0.1처럼 쓰세요.' in str(raised.value)


def test_every_library_check_lives_in_diagnose():
    """The library has no second home for argument checks: checks.py is gone and the helpers
    other files used to import privately are public in torchutil."""
    import importlib
    with pytest.raises(ImportError):
        importlib.import_module('d2lmini.checks')
    from d2lmini import module
    assert not [name for name in vars(module) if name.startswith('_') and callable(vars(module)[name])
                and name not in ('__init__',) and not name.startswith('__')]


# --- recipes say what they train ---------------------------------------------------------

def test_recipe_fields_are_keyword_only():
    """Recipe('adamw') used to be a recipe *named* adamw that trained with SGD."""
    with pytest.raises(TypeError):
        d2l.Recipe('adamw')
    assert d2l.Recipe(name='mine', optimizer='adamw').optimizer == 'adamw'


@pytest.mark.parametrize('kwargs, error, words', [
    (dict(weight_decay=True), TypeError, 'weight_decay=True 대신'),
    (dict(weight_decay=math.inf), ValueError, 'weight_decay=inf 대신'),
    (dict(warmup=1.5), ValueError, 'warmup'),
    (dict(augment='no'), TypeError, 'augment'),
    (dict(name=''), ValueError, 'name'),
    (dict(name=3), TypeError, 'name'),
    (dict(optimizer='adamw', momentum=0.9), ValueError, 'SGD에서만'),
])
def test_recipe_that_would_train_otherwise_than_it_says_is_refused(kwargs, error, words):
    with pytest.raises(error, match=words):
        d2l.Recipe(**kwargs)


def test_one_cycle_warmup_is_used_as_given():
    """A warmup above 0.5 used to be capped silently at 0.5."""
    model = TinyCNN(lr=0.01)
    d2l.Recipe(name='long-warmup', optimizer='adamw', schedule='one-cycle',
               warmup=0.8).apply(model)
    model(torch.zeros(2, 1, 8, 8))
    returned = model.recipe.configure_optimizers(model, total_steps=100)
    scheduler = returned['lr_scheduler']['scheduler']
    peak = scheduler._schedule_phases[0]['end_step']
    assert peak == pytest.approx(0.8 * 100 - 1)


def test_recipe_gets_the_step_count_from_its_caller():
    model = TinyCNN(lr=0.01)
    d2l.CPU_RECIPE.apply(model)
    model(torch.zeros(2, 1, 8, 8))
    with pytest.raises(RuntimeError, match='trainer.fit'):
        model.recipe.configure_optimizers(model)      # no step count: one-cycle cannot plan
    optimizer, schedulers = optimizers_and_schedulers(
        model.recipe.configure_optimizers(model, total_steps=50))
    assert schedulers[0].scheduler.total_steps == 50


def test_estimated_stepping_batches_before_fit_is_one_sentence():
    trainer = quiet_trainer(max_epochs=3)
    with pytest.raises(RuntimeError, match='trainer.fit'):
        trainer.estimated_stepping_batches
    data = TinyData()
    trainer.fit(TinyCNN(), data)
    assert trainer.estimated_stepping_batches == 3 * len(data.train_dataloader())


# --- switches ----------------------------------------------------------------------------

@pytest.mark.parametrize('raw, on', [('1', True), ('true', True), ('Yes', True), ('ON', True),
                                     ('0', False), ('false', False), ('No', False),
                                     ('off', False), ('', False), (' 0 ', False)])
def test_boolean_switches_read_every_common_spelling(monkeypatch, raw, on):
    monkeypatch.setenv('D2LMINI_TINY', raw)
    assert d2l.profiles.switch_on('D2LMINI_TINY') is on
    assert d2l.profiles.size_limited() is on      # the cpu profile itself limits nothing


def test_unknown_switch_value_names_the_variable(monkeypatch):
    monkeypatch.setenv('D2LMINI_TINY', 'maybe')
    with pytest.raises(ValueError, match="D2LMINI_TINY='maybe'.*D2LMINI_TINY=1"):
        d2l.profiles.size_limited()


def test_tiny_false_does_not_limit_training(monkeypatch):
    """D2LMINI_TINY=false used to switch the size limit on."""
    monkeypatch.setenv('D2LMINI_TINY', 'false')
    assert d2l.Trainer(max_epochs=5, progress=False).max_epochs == 5


def test_smoke_cap_caps_and_says_so_once(monkeypatch, capsys):
    monkeypatch.setenv('D2LMINI_PROFILE', 'smoke')
    assert d2l.profiles.smoke_cap('max_epochs', 10) == 1
    assert d2l.profiles.smoke_cap('max_epochs', 7) == 1
    assert d2l.profiles.smoke_cap('train_examples', 100) == 100
    out = capsys.readouterr().out
    assert out.count('[d2lmini] smoke 크기 제한') == 1 and '처음 요청: 10' in out
