"""Shared test helpers: a tiny in-memory data module, small models, and the real-data guard."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from torch import nn

import d2lmini as d2l

# Read once when the tests start, so a test may unset D2LMINI_DATA and still use the files.
_REAL_DATA = os.environ.get('D2LMINI_DATA')
REAL_DATA_DIR = Path(_REAL_DATA) if _REAL_DATA else None
REAL_DATA_PRESENT = REAL_DATA_DIR is not None and all(
    (REAL_DATA_DIR / f'{name}.gz').is_file()
    for pair in d2l.data.FILES.values() for name in pair)


class ListLoader:
    """A loader over fixed batch boundaries (so tests control uneven last batches)."""

    def __init__(self, X, y, batch_size, shuffle=False, seed=0):
        self.X, self.y, self.batch_size = X, y, batch_size
        self.shuffle, self.generator = shuffle, torch.Generator().manual_seed(seed)

    def __len__(self):
        return -(-len(self.y) // self.batch_size)

    def __iter__(self):
        order = (torch.randperm(len(self.y), generator=self.generator) if self.shuffle
                 else torch.arange(len(self.y)))
        for i in range(0, len(self.y), self.batch_size):
            idx = order[i:i + self.batch_size]
            yield self.X[idx], self.y[idx]


class TinyData(d2l.DataModule):
    """Random images with labels that depend on the image, so a model can learn them."""

    def __init__(self, n_train=96, n_val=40, batch_size=16, size=8, seed=0):
        super().__init__()
        self.save_hyperparameters()
        g = torch.Generator().manual_seed(seed)
        self.X = torch.randn(n_train + n_val, 1, size, size, generator=g)
        self.y = (self.X.mean(dim=(1, 2, 3)) > 0).long()

    def get_dataloader(self, train):
        part = slice(0, self.n_train) if train else slice(self.n_train, None)
        return ListLoader(self.X[part], self.y[part], self.batch_size, shuffle=train,
                          seed=self.seed)


class TinyCNN(d2l.Classifier):
    def __init__(self, lr=0.1, num_classes=2):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(4, kernel_size=3, padding=1), nn.LazyBatchNorm2d(), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.LazyLinear(num_classes))
        self.net.apply(d2l.init_cnn)


class TinyCNNFlat(d2l.Classifier):
    """A model whose input size is fixed once its lazy layers are materialised."""

    def __init__(self, lr=0.1, num_classes=2):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(nn.LazyConv2d(4, kernel_size=3, padding=1), nn.ReLU(),
                                 nn.Flatten(), nn.LazyLinear(num_classes))


class DenseBN(d2l.Classifier):
    """Two classes through a lazy BatchNorm1d: a one-example training batch breaks it."""

    def __init__(self, lr=0.1):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(nn.Flatten(), nn.LazyLinear(8), nn.LazyBatchNorm1d(), nn.ReLU(),
                                 nn.LazyLinear(2))


@pytest.fixture(autouse=True)
def _default_profile(monkeypatch):
    """Each test starts in the cpu profile unless it sets another one itself, computes in
    float32, and runs as in a fresh kernel: the once-per-process notices have not been shown yet."""
    monkeypatch.setenv('D2LMINI_PROFILE', 'cpu')
    # float32 everywhere, whatever the CPU: tests of the bf16/channels_last path switch it on.
    monkeypatch.setenv('D2LMINI_FAST_CPU', '0')
    monkeypatch.setattr(d2l.notebook, '_NOTICES_SHOWN', set())


@pytest.fixture
def real_data_dir():
    """The directory in D2LMINI_DATA with the four official Fashion-MNIST .gz files; a test
    that asks for it is skipped when they are not all there."""
    if not REAL_DATA_PRESENT:
        pytest.skip('D2LMINI_DATA is unset or lacks the four official Fashion-MNIST .gz files: '
                    'point it at a directory that has them to run the real-data tests')
    return REAL_DATA_DIR


@pytest.fixture
def fresh_root(tmp_path, monkeypatch):
    """No data anywhere, no cached tensors, no offline switch; returns an empty root."""
    monkeypatch.delenv('D2LMINI_DATA', raising=False)
    monkeypatch.delenv('D2LMINI_OFFLINE', raising=False)
    monkeypatch.setattr(d2l.data, '_CACHE', {})
    return tmp_path / 'fm'


@pytest.fixture
def tiny_data():
    return TinyData()


def quiet_trainer(**kwargs):
    kwargs.setdefault('max_epochs', 2)
    return d2l.Trainer(progress=False, **kwargs)


# --- recorded runs (test_results, test_runs, test_results_table) ---------------------------

def trained_run(epochs=1, **data_kwargs):
    """A TinyCNN trained on TinyData from seed 0: ``(model, data, trainer)`` for record_run."""
    d2l.seed_everything(0)
    data, model = TinyData(**data_kwargs), TinyCNN()
    trainer = quiet_trainer(max_epochs=epochs, plot=False)
    trainer.fit(model, data)
    return model, data, trainer


def run_settings(max_epochs=2, **kw):
    """Settings as d2l.profile_settings returns them, for the cpu profile."""
    from types import SimpleNamespace
    return SimpleNamespace(profile='cpu', max_epochs=max_epochs, batch_size=16, lr=0.1, **kw)


def one_korean_sentence(err):
    """The raised message is one Korean sentence (no traceback-like second line)."""
    text = str(err.value)
    assert '\n' not in text and any('가' <= ch <= '힣' for ch in text), text
    return text


# A second process that holds the results/download file lock for a while (lock tests).
HOLD_LOCK = r'''
import sys, time
from d2lmini.download import FileLock
with FileLock(sys.argv[1]):
    print('locked', flush=True)
    time.sleep(float(sys.argv[2]))
'''


def hold_lock(path, seconds):
    """Start a process that takes the file lock at ``path`` for ``seconds``; returns once it holds it."""
    holder = subprocess.Popen([sys.executable, '-c', HOLD_LOCK, str(path), str(seconds)],
                              stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[1])
    assert holder.stdout.readline().strip() == 'locked'
    return holder
