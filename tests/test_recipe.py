"""The training recipe: its ingredients act where they should and nowhere else."""
import pytest
import torch
from torch import nn

import d2lmini as d2l
from d2lmini.data import augment_batch
from d2lmini.recipe import parameter_groups
from d2lmini.results import _plain
from d2lmini.runs import settings_summary


def small_model(lr=0.01):
    class Small(d2l.Classifier):
        def __init__(self, lr):
            super().__init__()
            self.save_hyperparameters()
            self.net = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(),
                                     nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 10))
    return Small(lr)


def crops_of(image, pad):
    """Every crop (and its mirror) that augment_batch may return for one (C, H, W) image."""
    C, H, W = image.shape
    padded = torch.nn.functional.pad(image, (pad,) * 4)
    for top in range(2 * pad + 1):
        for left in range(2 * pad + 1):
            crop = padded[:, top:top + H, left:left + W]
            yield crop
            yield crop.flip(-1)


def test_augment_returns_a_crop_or_mirror_of_each_image():
    images = torch.randint(1, 255, (64, 1, 6, 5), dtype=torch.uint8)
    out = augment_batch(images, torch.Generator().manual_seed(0), pad=2)
    assert out.shape == images.shape and out.dtype == images.dtype
    for image, got in zip(images, out):
        assert any(torch.equal(got, crop) for crop in crops_of(image, 2))
    # Not one random choice for the whole batch: images are shifted and flipped differently.
    unchanged = [torch.equal(a, b) for a, b in zip(images, out)]
    flipped = [torch.equal(a.flip(-1), b) for a, b in zip(images, out)]
    assert 0 < sum(unchanged) < len(images) and 0 < sum(flipped) < len(images)


def test_augmentation_touches_training_batches_only():
    data = d2l.FashionMNIST(batch_size=32, source='synthetic', limit=64, augment=True)
    plain = d2l.FashionMNIST(batch_size=32, source='synthetic', limit=64)
    X_val, _ = next(iter(data.val_dataloader()))
    assert torch.equal(X_val, next(iter(plain.val_dataloader()))[0])
    X_train, y_train = next(iter(data.train_dataloader()))
    X_plain, y_plain = next(iter(plain.train_dataloader()))
    assert torch.equal(y_train, y_plain) and not torch.equal(X_train, X_plain)


def test_augment_argument_is_checked():
    with pytest.raises(TypeError, match='augment'):
        d2l.FashionMNIST(source='synthetic', limit=16, augment='yes')


def test_book_recipe_is_plain_sgd_at_the_models_rate():
    model = small_model(lr=0.03)
    d2l.BOOK_RECIPE.apply(model)
    optimizer = model.configure_optimizers()
    assert type(optimizer) is torch.optim.SGD
    assert {g['lr'] for g in optimizer.param_groups} == {0.03}
    assert {g['momentum'] for g in optimizer.param_groups} == {0}
    assert {g['weight_decay'] for g in optimizer.param_groups} == {0}


def test_weight_decay_skips_biases_and_normalization():
    model = small_model()
    decay, no_decay = parameter_groups(model, 0.05)
    assert decay['weight_decay'] == 0.05 and no_decay['weight_decay'] == 0
    decayed = {id(p) for p in decay['params']}
    assert decayed == {id(model.net[0].weight), id(model.net[5].weight)}
    assert len(no_decay['params']) == 4   # two biases, BN's gamma and beta


def test_weight_decay_skips_a_hand_made_normalization_layer():
    """06's scratch BatchNorm keeps gamma and beta as (1, C, 1, 1) tensors: still no decay."""
    class ScratchNorm(nn.Module):
        def __init__(self, channels):
            super().__init__()
            self.gamma = nn.Parameter(torch.ones(1, channels, 1, 1))
            self.beta = nn.Parameter(torch.zeros(1, channels, 1, 1))

        def forward(self, X):
            return X * self.gamma + self.beta

    net = nn.Sequential(nn.LazyConv2d(4, 3), ScratchNorm(4), nn.Flatten(), nn.LazyLinear(10))
    net(torch.zeros(1, 1, 5, 5))
    decay, no_decay = parameter_groups(net, 0.05)
    assert {id(p) for p in decay['params']} == {id(net[0].weight), id(net[3].weight)}
    assert {id(net[1].gamma), id(net[1].beta)} <= {id(p) for p in no_decay['params']}


def test_one_cycle_rises_to_the_models_rate_then_falls():
    data = d2l.FashionMNIST(batch_size=16, source='synthetic', limit=(160, 32))
    model = small_model(lr=0.01)
    d2l.CPU_RECIPE.apply(model, data)
    trainer = d2l.Trainer(max_epochs=4, seed=0, plot=False, progress=False)
    history = trainer.fit(model, data)
    assert trainer.estimated_stepping_batches == 40
    assert type(trainer.optim) is torch.optim.AdamW
    lrs = history.column('lr')          # the rate at the start of each epoch
    assert lrs[0] < lrs[1] and lrs[1] > lrs[2] > lrs[3]
    assert max(lrs) <= 0.01 + 1e-9
    assert trainer.optim.param_groups[0]['lr'] < 0.01 / 100   # annealed to almost zero
    rates = trainer.learning_rates                          # one rate per step
    assert len(rates) == 40 and max(rates) == pytest.approx(0.01)
    assert rates.index(max(rates)) == pytest.approx(0.25 * 40, abs=1)


def test_a_constant_rate_is_recorded_at_every_step_too():
    data = d2l.FashionMNIST(batch_size=16, source='synthetic', limit=(48, 16))
    model = small_model(lr=0.03)
    d2l.BOOK_RECIPE.apply(model, data)
    trainer = d2l.Trainer(max_epochs=2, seed=0, plot=False, progress=False)
    trainer.fit(model, data)
    assert trainer.learning_rates == [0.03] * trainer.estimated_stepping_batches == [0.03] * 6


def test_label_smoothing_applies_to_the_training_loss_only():
    model = small_model()
    Y_hat, Y = torch.randn(8, 10), torch.randint(0, 10, (8,))
    plain = model.loss(Y_hat, Y)
    d2l.CPU_RECIPE.apply(model)
    model.train()
    assert not torch.isclose(model.loss(Y_hat, Y), plain)
    model.eval()
    assert torch.isclose(model.loss(Y_hat, Y), plain)


def test_replace_changes_one_ingredient():
    augmented = d2l.CPU_RECIPE.replace(name='augment', augment=True)
    assert augmented.augment is True and augmented.optimizer == d2l.CPU_RECIPE.optimizer
    assert d2l.CPU_RECIPE.augment is False


@pytest.mark.parametrize('kwargs, match', [
    (dict(optimizer='adam'), "'sgd' 또는 'adamw'"),
    (dict(schedule='cosine'), "'constant' 또는 'one-cycle'"),
    (dict(label_smoothing=1.5), 'label_smoothing'),
    (dict(weight_decay=-1), 'weight_decay'),
])
def test_bad_ingredient_gets_one_sentence(kwargs, match):
    with pytest.raises(ValueError, match=match):
        d2l.Recipe(**kwargs)


def test_unknown_ingredient_and_swapped_arguments_are_named():
    with pytest.raises(TypeError, match='재료'):
        d2l.CPU_RECIPE.replace(mixup=0.2)
    data = d2l.FashionMNIST(source='synthetic', limit=16)
    with pytest.raises(TypeError, match='recipe.apply'):
        d2l.CPU_RECIPE.apply(data, small_model())


def test_recorded_settings_keep_every_ingredient():
    stored = _plain({'lr': 0.002, 'recipe': d2l.CPU_RECIPE})
    assert stored['recipe'] == d2l.CPU_RECIPE.as_dict()
    assert 'recipe=cpu' in settings_summary(stored)
    assert str(d2l.CPU_RECIPE).startswith('cpu(AdamW, 원사이클')


@pytest.mark.parametrize('recipe, cycled', [
    (d2l.CPU_RECIPE, '원사이클(학습률·β1)'),
    (d2l.CPU_RECIPE.replace(optimizer='sgd', momentum=0.9), '원사이클(학습률·모멘텀)'),
    (d2l.BOOK_RECIPE.replace(schedule='one-cycle'), '원사이클(학습률)'),   # momentum 0: cycle_momentum off
])
def test_the_recipe_name_says_what_one_cycle_moves(recipe, cycled):
    assert cycled in str(recipe)


@pytest.mark.parametrize('train_examples', [16, 32, 48, 64, 80])
def test_one_cycle_survives_very_short_runs(train_examples):
    data = d2l.FashionMNIST(batch_size=16, source='synthetic', limit=(train_examples, 16))
    model = small_model()
    d2l.CPU_RECIPE.replace(warmup=0.0).apply(model, data)
    history = d2l.Trainer(max_epochs=1, plot=False, progress=False).fit(model, data)
    assert len(history) == 1


def test_committed_ablation_is_what_the_script_runs():
    """The recipe table of notebook 10: six committed runs, one ingredient added per row."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'benchmarks'))
    import recipe_ablation

    runs = d2l.reference_results('cpu')
    steps = runs[runs['label'].str.startswith(recipe_ablation.LABEL_PREFIX)]
    assert list(steps['label']) == [recipe_ablation.LABEL_PREFIX + label
                                    for label, _, _ in recipe_ablation.STEPS]
    for settings, (_, recipe, lr) in zip(steps['settings'], recipe_ablation.STEPS):
        assert settings['recipe'] == recipe.as_dict() and settings['lr'] == lr
        assert settings['max_epochs'] == recipe_ablation.EPOCHS
    # Each row differs from the one before in exactly one ingredient (or the optimizer's rate).
    recipes = [r.as_dict() for _, r, _ in recipe_ablation.STEPS]
    for before, after in zip(recipes, recipes[1:]):
        changed = {k for k in before if k != 'name' and before[k] != after[k]}
        assert len(changed) == 1, changed
    assert recipe_ablation.STEPS[4][1] == d2l.CPU_RECIPE
    # The same network as notebook 07's cpu run.
    resnet = runs[runs['notebook'] == '07_resnet'].iloc[0]
    assert steps['params'].iloc[4] == resnet['params']


def test_a_model_with_its_own_optimizer_is_told_what_the_recipe_still_does(capsys):
    class OwnOptimizer(d2l.Classifier):
        def __init__(self, lr=0.1):
            super().__init__()
            self.save_hyperparameters()
            self.net = nn.Linear(4, 10)

        def configure_optimizers(self):
            return torch.optim.SGD(self.parameters(), lr=self.lr)

    model = OwnOptimizer()
    d2l.CPU_RECIPE.apply(model)
    assert 'configure_optimizers를 직접 정의' in capsys.readouterr().out
    assert type(model.configure_optimizers()) is torch.optim.SGD
    d2l.CPU_RECIPE.apply(small_model())
    assert capsys.readouterr().out == ''


def test_recipe_name_reads_a_recorded_setting():
    from d2lmini.runs import recipe_name
    stored = _plain({'lr': 0.002, 'recipe': d2l.CPU_RECIPE})
    assert recipe_name(stored) == 'cpu'
    assert recipe_name({'lr': 0.1}) is None and recipe_name('not settings') is None


# --- one-cycle moves the learning rate and the momentum together (Smith 2018) ---------------

def _stepped(recipe, steps=5, total=20):
    """The optimizer of ``recipe`` on a small model after ``steps`` scheduler steps."""
    model = small_model(lr=0.01)
    recipe.apply(model)
    returned = recipe.configure_optimizers(model, total_steps=total)
    optimizer, scheduler = returned['optimizer'], returned['lr_scheduler']['scheduler']
    seen = []
    for _ in range(steps):
        optimizer.step()
        scheduler.step()
        seen.append(dict(optimizer.param_groups[0]))
    return seen


def test_one_cycle_cycles_adamws_beta1_while_the_rate_rises():
    seen = _stepped(d2l.CPU_RECIPE, steps=4)                        # the warm-up: 25% of 20 steps
    beta1 = [group['betas'][0] for group in seen]
    assert beta1[0] < 0.95 and beta1 == sorted(beta1, reverse=True)   # falls while the rate rises
    assert beta1[-1] == pytest.approx(0.85) and seen[-1]['lr'] == pytest.approx(0.01)


def test_one_cycle_adds_no_momentum_to_the_books_sgd():
    """With SGD whose momentum is 0 the one-cycle schedule used to switch momentum 0.85-0.95 on."""
    seen = _stepped(d2l.CPU_RECIPE.replace(name='sgd-cycle', optimizer='sgd'))
    assert [group['momentum'] for group in seen] == [0.0] * len(seen)
    assert seen[-1]['lr'] > seen[0]['lr']                             # the rate still rises


def test_one_cycle_lowers_sgd_momentum_from_the_given_value():
    recipe = d2l.CPU_RECIPE.replace(name='sgd-momentum', optimizer='sgd', momentum=0.9)
    momenta = [group['momentum'] for group in _stepped(recipe, steps=12)]
    assert max(momenta) <= 0.9 + 1e-9 and min(momenta) == pytest.approx(0.8, abs=0.01)


def test_recipe_description_says_one_cycle_moves_the_rate_and_adamws_beta1():
    from d2lmini import recipe
    text = ' '.join(recipe.__doc__.split())
    assert '원사이클은 학습률과 모멘텀을 함께 바꿉니다' in text and 'β1은 0.95→0.85→0.95' in text
    assert '모멘텀이 0인 SGD(책의 SGD)에는 모멘텀을 더하지 않습니다' in text


def test_recipe_name_that_would_break_the_results_table_is_refused():
    with pytest.raises(ValueError, match=r"name='a/b'"):
        d2l.Recipe(name='a|b')
    with pytest.raises(ValueError, match='줄바꿈'):
        d2l.CPU_RECIPE.replace(name='two\nlines')


# --- the recipe's augmentation and the data's agree before training -------------------------

def test_augmenting_recipe_applied_to_the_model_only_is_refused_before_training():
    """An augmenting recipe applied without the data used to train without augmentation."""
    data = d2l.FashionMNIST(batch_size=16, source='synthetic', limit=(32, 16))
    model = small_model()
    d2l.CPU_RECIPE.replace(name='augment', augment=True).apply(model)
    trainer = d2l.Trainer(max_epochs=1, plot=False, progress=False)
    with pytest.raises(RuntimeError, match=r'recipe.apply\(model, data\)') as err:
        trainer.fit(model, data)
    assert '\n' not in str(err.value) and not trainer.history


def test_recipe_applied_to_another_data_object_is_refused_before_training():
    applied = d2l.FashionMNIST(batch_size=16, source='synthetic', limit=(32, 16))
    other = d2l.FashionMNIST(batch_size=16, source='synthetic', limit=(32, 16), augment=True)
    model = small_model()
    d2l.CPU_RECIPE.apply(model, applied)
    with pytest.raises(RuntimeError, match='augment=False.*augment=True'):
        d2l.Trainer(max_epochs=1, plot=False, progress=False).fit(model, other)


def test_augmenting_recipe_with_data_that_cannot_augment_is_one_sentence():
    from conftest import TinyData
    model = small_model()
    d2l.CPU_RECIPE.replace(name='augment', augment=True).apply(model)
    with pytest.raises(TypeError, match='TinyData'):
        d2l.Trainer(max_epochs=1, plot=False, progress=False).fit(model, TinyData())


def test_what_trained_is_the_models_recipe_or_the_books_method():
    from conftest import TinyData
    from d2lmini.recipe import recipe_in_use, trained_with
    model = small_model(lr=0.003)
    assert recipe_in_use(model, TinyData()) == d2l.BOOK_RECIPE          # no recipe: SGD at lr
    d2l.CPU_RECIPE.apply(model)
    assert trained_with(model, TinyData(batch_size=8)) == {
        'recipe': d2l.CPU_RECIPE, 'lr': 0.003, 'batch_size': 8}


def lazy_model(lr=0.01):
    class Lazy(d2l.Classifier):
        def __init__(self, lr):
            super().__init__()
            self.save_hyperparameters()
            self.net = nn.Sequential(nn.LazyConv2d(4, 3, padding=1), nn.ReLU(),
                                     nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.LazyLinear(10))
    return Lazy(lr)


def _optimizer_of(recipe, model):
    found = recipe.configure_optimizers(model, total_steps=20)
    return found['optimizer'] if isinstance(found, dict) else found


@pytest.mark.parametrize('recipe', [d2l.CPU_RECIPE, d2l.BOOK_RECIPE], ids=['adamw', 'sgd'])
def test_the_optimizer_step_is_one_fused_kernel_on_cpu(recipe):
    assert _optimizer_of(recipe, small_model()).defaults['fused'] is True


def test_no_fused_step_while_lazy_layers_may_still_change_layout():
    """Trainer turns a lazy model channels_last after its first step; the fused kernel would then
    read optimizer state of the old layout and write wrong weights."""
    model = lazy_model()
    assert not _optimizer_of(d2l.CPU_RECIPE, model).defaults.get('fused')
    model.apply_init([torch.zeros(2, 1, 8, 8)])
    assert _optimizer_of(d2l.CPU_RECIPE, model).defaults['fused'] is True


@pytest.mark.parametrize('recipe', [d2l.CPU_RECIPE, d2l.BOOK_RECIPE.replace(name='m', momentum=0.9)],
                         ids=['adamw', 'sgd'])
def test_the_fused_step_trains_like_the_step_per_parameter(recipe, monkeypatch):
    X, y = torch.randn(16, 1, 8, 8), torch.randint(0, 10, (16,))
    weights = []
    for fused in (True, False):
        if not fused:
            monkeypatch.setattr('d2lmini.recipe.fused_on_cpu', lambda model: {})
        torch.manual_seed(0)
        model = small_model(lr=0.05).to(memory_format=torch.channels_last)
        start = torch.cat([p.detach().flatten() for p in model.parameters()])
        optimizer = _optimizer_of(recipe, model)
        assert bool(optimizer.defaults.get('fused')) is fused
        for _ in range(5):
            loss = model.loss(model(X.contiguous(memory_format=torch.channels_last)), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        weights.append(torch.cat([p.detach().flatten() for p in model.parameters()]))
    assert torch.allclose(weights[0], weights[1], atol=1e-5)
    assert not torch.allclose(weights[0], start)   # the steps did move the weights
