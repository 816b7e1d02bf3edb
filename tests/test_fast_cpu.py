"""CPU speed path: bf16 autocast and channels_last where the CPU computes bf16 natively."""
import pytest
import torch

import d2lmini as d2l
from d2lmini import torchutil

from conftest import TinyCNN, TinyData, quiet_trainer


@pytest.mark.parametrize('device, profile_wants, requested, native, expected', [
    ('cpu', True, None, 'AMX', True),
    ('cpu', True, None, 'AVX512-BF16', True),
    ('cpu', True, None, None, False),          # emulated bf16 is slower: float32 (channels_last is timed)
    ('cpu', False, None, 'AMX', False),        # book and smoke profiles compute as the book does
    ('cpu', True, False, 'AMX', False),        # D2LMINI_FAST_CPU=0
    ('cpu', False, True, None, True),          # D2LMINI_FAST_CPU=1 asks for it anywhere on a CPU
    ('cuda', True, True, 'AMX', False),
])
def test_plan_follows_profile_cpu_and_switch(monkeypatch, device, profile_wants, requested,
                                             native, expected):
    monkeypatch.setattr(torchutil, 'native_bf16', lambda: native)
    plan = torchutil.fast_cpu_plan(device, profile_wants, requested)
    assert plan.bf16 is expected
    assert plan.channels_last is (expected or (device, profile_wants, requested) == ('cpu', True, None))


@pytest.mark.parametrize('native, candidates', [
    ('AMX', {'float32', 'channels_last', 'bf16', 'bf16 + channels_last'}),
    (None, {'float32', 'channels_last'}),     # no bf16 instructions: bf16 is never tried
])
def test_the_candidates_follow_the_cpu(monkeypatch, native, candidates):
    """Without AMX, channels_last alone is often the fastest (1.1-1.3x in float32, while bf16 is
    0.7-1.0x): it is a candidate on every CPU; bf16 only where the CPU computes it."""
    monkeypatch.setattr(torchutil, 'native_bf16', lambda: native)
    timed = []
    monkeypatch.setattr(torchutil, '_step_seconds',
                        lambda model, batch, found, rounds, steps: timed.extend(found) or
                        [1.0 + 0.1 * k for k in range(len(found))][::-1])
    plan = torchutil.fast_cpu_plan('cpu', True)
    assert plan.measured
    chosen = plan.tuned(TinyCNN(), [torch.zeros(2, 1, 8, 8), torch.zeros(2, dtype=torch.long)])
    assert {c.describe() for c in timed} == candidates
    assert chosen.describe() == timed[-1].describe() and chosen.speedup > 1


def test_switch_value_is_checked(monkeypatch):
    monkeypatch.setenv('D2LMINI_FAST_CPU', 'fast')
    with pytest.raises(ValueError, match='D2LMINI_FAST_CPU=0'):
        quiet_trainer(max_epochs=1)


def test_fast_path_trains_in_mixed_precision_and_keeps_float32_state(monkeypatch, capsys):
    monkeypatch.setenv('D2LMINI_FAST_CPU', '1')
    torch.manual_seed(0)
    data, model = TinyData(), TinyCNN()
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    trainer = quiet_trainer(max_epochs=3, seed=0)
    seen = []
    model.net[0].register_forward_hook(lambda m, i, o: seen.append(o.dtype))
    history = trainer.fit(model, data)
    assert torch.bfloat16 in seen                               # the convolution ran in bf16
    assert all(p.dtype == torch.float32 for p in model.parameters())
    assert model.net[1].running_mean.dtype == torch.float32
    assert model.net[0].weight.is_contiguous(memory_format=torch.channels_last)
    assert history[-1]['train_loss'] < history[0]['train_loss']   # it learns (accuracy: below)
    out = capsys.readouterr().out
    assert out.count('[d2lmini]') == 1 and 'D2LMINI_FAST_CPU=0' in out
    assert trainer.fast.as_dict() == {'bf16_autocast': True, 'channels_last': True}


def test_lazy_model_gets_channels_last_after_its_first_step(monkeypatch):
    monkeypatch.setenv('D2LMINI_FAST_CPU', '1')
    model = TinyCNN()                       # no apply_init: layers take their shape in step 1
    quiet_trainer(max_epochs=1).fit(model, TinyData())
    assert model.net[0].weight.is_contiguous(memory_format=torch.channels_last)


def test_float32_and_fast_path_reach_the_same_accuracy(monkeypatch):
    accuracies = {}
    for switch in ('0', '1'):
        monkeypatch.setenv('D2LMINI_FAST_CPU', switch)
        torch.manual_seed(0)
        data, model = TinyData(n_train=192, n_val=96), TinyCNN()
        trainer = quiet_trainer(max_epochs=4, seed=0)
        model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
        accuracies[switch] = trainer.fit(model, data)[-1]['val_acc']
    assert abs(accuracies['0'] - accuracies['1']) <= 0.05, accuracies


def test_auto_mode_times_the_candidates_and_says_which_it_chose(monkeypatch, capsys):
    monkeypatch.delenv('D2LMINI_FAST_CPU')
    monkeypatch.setattr(torchutil, 'native_bf16', lambda: 'AMX')
    data, model = TinyData(), TinyCNN()
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    trainer = quiet_trainer(max_epochs=1, seed=0)
    trainer.prepare_data(data)
    trainer._choose_computation(model)
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())  # copies only
    assert trainer.fast.describe() in ('float32', 'channels_last', 'bf16', 'bf16 + channels_last')
    out = capsys.readouterr().out
    assert out.startswith('[d2lmini] 이 CPU는 bf16을 직접 계산')
    assert ('기본 메모리 배치보다' in out) == trainer.fast.enabled


def test_a_cpu_without_bf16_says_it_stays_in_float32(monkeypatch, capsys):
    monkeypatch.delenv('D2LMINI_FAST_CPU')
    monkeypatch.setattr(torchutil, 'native_bf16', lambda: None)
    data, model = TinyData(), TinyCNN()
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    trainer = quiet_trainer(max_epochs=1, seed=0)
    trainer.prepare_data(data)
    trainer._choose_computation(model)
    assert not trainer.fast.bf16
    out = capsys.readouterr().out
    assert out.startswith('[d2lmini] 이 CPU는 bf16을 직접 계산하지 못') and 'bf16 +' not in out


def test_candidates_are_timed_on_copies():
    """Timing never trains or reshapes the learner's model (the copies have their own optimizer)."""
    model = TinyCNN()
    model.apply_init([torch.zeros(2, 1, 8, 8)])
    before = {k: (v.clone(), v.stride()) for k, v in model.state_dict().items()}
    batch = [torch.randn(16, 1, 8, 8), torch.randint(0, 2, (16,))]
    tuned = torchutil.FastCPU(why='AMX').tuned(model, batch, rounds=1, steps=1)
    assert tuned.speedup > 0 and tuned.why == 'AMX'
    for key, value in model.state_dict().items():
        assert torch.equal(before[key][0], value) and before[key][1] == value.stride()
