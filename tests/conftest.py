"""Shared test helpers: a tiny in-memory data module and small models."""
import pytest
import torch
from torch import nn

import d2lmini as d2l


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


@pytest.fixture(autouse=True)
def _default_profile(monkeypatch):
    """Each test starts in the cpu profile unless it sets another one itself, and as in a
    fresh kernel: the once-per-process notices have not been shown yet."""
    monkeypatch.setenv('D2LMINI_PROFILE', 'cpu')
    monkeypatch.setattr(d2l.profiles, '_NOTICES_SHOWN', set())


@pytest.fixture
def tiny_data():
    return TinyData()


def quiet_trainer(**kwargs):
    kwargs.setdefault('max_epochs', 2)
    return d2l.Trainer(progress=False, **kwargs)
