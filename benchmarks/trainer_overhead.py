"""How much does d2lmini's Trainer cost on top of a hand-written PyTorch loop?

Both train the same model from the same initial weights on the same batches (d2lmini's
Fashion-MNIST loader, same seed) for one epoch plus validation.  Printed per model:
images/s of each, their ratio, and the share of the Trainer's time spent on the live
plot.  In a script the plot is not shown, so to price it honestly the board here
renders a PNG every time it would refresh a notebook (what a notebook refresh costs).
Both compute in float32 with the default memory format: the Trainer's per-model choice of
bf16 / channels_last (README, 「벤치마크」) is turned off here, or it would be timed as overhead.

    D2LMINI_DATA=../shared/data/fashion-mnist python benchmarks/trainer_overhead.py
"""
import copy
import io
import os
import time

import torch
from torch import nn

import d2lmini as d2l
from d2lmini import board as board_module

import seed_models  # the study notes' model code (benchmarks/seed_models.py)

REPEATS = 2


def hand_written_fit(model, data):
    """The loop a learner would write by hand, reporting the same numbers as the Trainer
    (mean training loss, validation loss and accuracy) but with no plot, bar or checks."""
    optim = torch.optim.SGD(model.parameters(), lr=model.lr)
    model.train()
    train_loss = seen = 0
    for X, y in data.train_dataloader():
        loss = nn.functional.cross_entropy(model(X), y)
        optim.zero_grad(set_to_none=True)
        loss.backward()
        optim.step()
        train_loss += loss.item() * len(y)
        seen += len(y)
    model.eval()
    val_loss = correct = total = 0
    with torch.no_grad():
        for X, y in data.val_dataloader():
            Y_hat = model(X)
            val_loss += nn.functional.cross_entropy(Y_hat, y).item() * len(y)
            correct += (Y_hat.argmax(1) == y).sum().item()
            total += len(y)
    return train_loss / seen, val_loss / total, correct / total


class PricedBoard(board_module.ProgressBoard):
    """A board that renders a PNG at each refresh and keeps the seconds spent drawing."""
    seconds = 0.0

    def __init__(self, **kwargs):
        kwargs['live'] = True
        super().__init__(**kwargs)

    def draw(self, *args):
        start = time.perf_counter()
        super().draw(*args)
        PricedBoard.seconds += time.perf_counter() - start

    def finish(self):
        start = time.perf_counter()
        super().finish()
        PricedBoard.seconds += time.perf_counter() - start

    def show(self):
        self.fig.savefig(io.BytesIO(), format='png')   # what a notebook refresh costs


def d2lmini_fit(model, data):
    trainer = d2l.Trainer(max_epochs=1, progress=True)
    trainer.fit(model, data)


def measure(name, make_model, resize, n_train, n_val):
    data = d2l.FashionMNIST(batch_size=128, resize=resize, limit=(n_train, n_val), seed=0)
    torch.manual_seed(0)
    template = make_model()
    template.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    images = n_train + n_val
    best = {'hand': float('inf'), 'd2lmini': float('inf')}
    plot_share = []
    for _ in range(REPEATS):   # alternate the two so machine noise hits both alike
        for kind, fit in (('hand', hand_written_fit), ('d2lmini', d2lmini_fit)):
            model = copy.deepcopy(template)
            PricedBoard.seconds = 0.0
            start = time.perf_counter()
            fit(model, data)
            seconds = time.perf_counter() - start
            best[kind] = min(best[kind], seconds)
            if kind == 'd2lmini':
                plot_share.append(PricedBoard.seconds / seconds)
    hand, mine = images / best['hand'], images / best['d2lmini']
    print(f'{name:<22} {hand:>10.0f} {mine:>10.0f} {mine / hand:>8.3f} '
          f'{(best["d2lmini"] / best["hand"] - 1) * 100:>9.1f}% {min(plot_share) * 100:>8.2f}%')


def main():
    os.environ[d2l.profiles.FAST_CPU_ENV] = '0'   # same arithmetic as the hand-written loop
    board_module.ProgressBoard = PricedBoard
    d2l.trainer.ProgressBoard = PricedBoard
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    print(f'torch {torch.__version__}, {torch.get_num_threads()} threads, '
          f'best of {REPEATS} alternating runs, 1 epoch + validation each')
    print(f'{"model":<22} {"hand img/s":>10} {"d2l img/s":>10} {"ratio":>8} '
          f'{"overhead":>10} {"plot":>9}')
    measure('LeNet 28px', seed_models.LeNet, 28, 60000, 10000)
    measure('ResNet (64,128) 28px',
            lambda: seed_models.ResNet(((1, 64), (1, 128)), lr=0.05), 28, 8000, 2000)


if __name__ == '__main__':
    main()
