"""CPU의 훈련 스텝은 channels_last 메모리 배치나 bf16 자동 혼합 정밀도로 얼마나 빨라질까?

cpu 프로필의 모든 모델(노트북이 기록하는 훈련의 모델: ``budget.py``처럼 노트북을 짧게 실행해
모읍니다)마다, 배치 128의 훈련 스텝 하나(순전파, 손실, 역전파, SGD 스텝)를 이 컴퓨터에서 네
가지로 잽니다: float32(기본 배치), channels_last, bf16 자동 혼합 정밀도, 둘 다.  네 가지가
ROUNDS번 번갈아 돌고(다른 프로세스가 한 번을 늦추면 모두가 같이 늦어짐) 가장 좋은 번을 씁니다.
출력: 가장 좋은 번의 스텝 중앙값으로 낸 초당 이미지 수와 float32에 대한 비, 같은 가중치에서
같은 스텝을 밟은 뒤의 손실(계산이 여전히 같은 방향으로 훈련하는지).

    python benchmarks/cpu_step_speed.py          # 2코어에서 몇 분
    python benchmarks/cpu_step_speed.py --only 07 09
"""
import platform
import statistics
import time
from pathlib import Path

import torch
from torch import nn

from d2lmini.torchutil import copy_module


WARMUP, STEPS, BATCH, ROUNDS = 3, 10, 128, 3


def models(only=()):
    """cpu 프로필의 모델들: ``{'07 ResNet': (모델, (높이, 너비)), ...}`` (float32, 기본 배치)."""
    import os

    from budget import NOTEBOOKS, measure_notebook
    os.environ.update(D2LMINI_PROFILE='cpu', D2LMINI_FAST_CPU='0')
    found = {}
    for path in sorted(NOTEBOOKS.glob('0*.py')):
        if only and path.name[:2] not in only:
            continue
        for row in measure_notebook(path, steps=1):
            found[f"{row['notebook'][:2]} {row['label']}"] = (row['model'], row['resize'])
    return found


def time_steps(model, X, y, channels_last, bf16):
    model = copy_module(model)   # Trainer 같은 모듈 밖의 것은 복사하지 않습니다
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
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument('--only', nargs='*', default=[], help='노트북 번호 (예: 07 09)')
    only = [n.zfill(2) for n in parser.parse_args().only]
    torch.manual_seed(0)
    cpu = platform.processor() or platform.machine()
    for line in open('/proc/cpuinfo', encoding='utf-8') if Path('/proc/cpuinfo').exists() else []:
        if line.startswith('model name'):
            cpu = line.split(':', 1)[1].strip()
            break
    print(f'{cpu}, torch {torch.__version__}, threads {torch.get_num_threads()}, '
          f'batch {BATCH}, best of {ROUNDS} rounds of {STEPS} steps after {WARMUP} warm-up')
    print(f"{'모델':24} {'계산':22} {'img/s':>8} {'비':>6} {'손실':>7}")
    for name, (model, size) in models(only).items():
        X = torch.rand(BATCH, 1, *size)
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
