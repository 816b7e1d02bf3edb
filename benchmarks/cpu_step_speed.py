"""Is a CPU training step faster with channels_last memory format or bfloat16 autocast?

For two models of the cpu profile's size (ResNet (64, 128) and a RegNetX-32-like stack of
ResNeXt blocks, both at 28 px), one training step (forward, loss, backward, SGD step) on a batch of 128
is timed four ways on this machine: float32 as today, channels_last, bf16 autocast, and both.
The variants take turns for ROUNDS rounds (another process slowing one round hurts every variant
alike) and the best round counts.  Printed: images/s of each (median step of its best round) and
the ratio to float32, plus the loss after the same steps from the same weights (the arithmetic
still trains alike).

    python benchmarks/cpu_step_speed.py          # about two minutes on 2 cores
"""
import copy
import platform
import statistics
import time
from pathlib import Path

import torch
from torch import nn

import d2lmini as d2l

WARMUP, STEPS, BATCH, ROUNDS = 3, 10, 128, 3


def models():
    resnet = d2l.Classifier()
    resnet.net = nn.Sequential(
        nn.LazyConv2d(64, 7, 2, 3), nn.LazyBatchNorm2d(), nn.ReLU(), nn.MaxPool2d(3, 2, 1),
        d2l.Residual(64), d2l.Residual(128, use_1x1conv=True, strides=2),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.LazyLinear(10))
    regnet = d2l.Classifier()
    regnet.net = nn.Sequential(
        nn.LazyConv2d(32, 3, 2, 1), nn.LazyBatchNorm2d(), nn.ReLU(),
        d2l.ResNeXtBlock(32, 16, 1, True, 2), d2l.ResNeXtBlock(32, 16, 1),
        d2l.ResNeXtBlock(80, 16, 1, True, 2), *[d2l.ResNeXtBlock(80, 16, 1) for _ in range(3)],
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.LazyLinear(10))
    return {'ResNet (64, 128) 28px': (resnet, 28), 'RegNetX-32 28px': (regnet, 28)}


def time_steps(model, X, y, channels_last, bf16):
    model = copy.deepcopy(model)
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
        X = X.contiguous(memory_format=torch.channels_last)
    optim = torch.optim.SGD(model.parameters(), lr=0.05)
    times, loss = [], None
    for step in range(WARMUP + STEPS):
        start = time.perf_counter()
        with torch.autocast('cpu', dtype=torch.bfloat16, enabled=bf16):
            loss = nn.functional.cross_entropy(model(X), y)
        optim.zero_grad(set_to_none=True)
        loss.backward()
        optim.step()
        if step >= WARMUP:
            times.append(time.perf_counter() - start)
    return BATCH / statistics.median(times), loss.item()


def main():
    torch.manual_seed(0)
    cpu = platform.processor() or platform.machine()
    for line in open('/proc/cpuinfo', encoding='utf-8') if Path('/proc/cpuinfo').exists() else []:
        if line.startswith('model name'):
            cpu = line.split(':', 1)[1].strip()
            break
    print(f'{cpu}, torch {torch.__version__}, threads {torch.get_num_threads()}, '
          f'batch {BATCH}, best of {ROUNDS} rounds of {STEPS} steps after {WARMUP} warm-up')
    print(f"{'model':24} {'variant':22} {'img/s':>8} {'ratio':>6} {'loss':>7}")
    for name, (model, size) in models().items():
        X = torch.rand(BATCH, 1, size, size)
        y = torch.randint(0, 10, (BATCH,))
        model.apply_init([X[:2]])
        variants = {'float32': (False, False), 'channels_last': (True, False),
                    'bf16 autocast': (False, True), 'channels_last + bf16': (True, True)}
        best = {}
        for _ in range(ROUNDS):
            for variant, flags in variants.items():
                speed, loss = time_steps(model, X, y, *flags)
                if speed > best.get(variant, (0, 0))[0]:
                    best[variant] = (speed, loss)
        base = best['float32'][0]
        for variant, (speed, loss) in best.items():
            print(f'{name:24} {variant:22} {speed:8,.0f} {speed / base:6.2f} {loss:7.4f}')


if __name__ == '__main__':
    main()
