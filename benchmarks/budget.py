"""지금 쓰는 CPU에서 cpu 프로필의 모델마다 훈련이 몇 분 걸릴지 몇 분 안에 어림합니다 (``make budget``).

노트북(notebooks/NN_*.py)의 코드 셀을 차례로 실행하되, 훈련은 처음 몇 스텝(``--steps``, 기본
150)만 하고 멈춥니다.  노트북이 ``d2l.record_run``으로 기록하는 훈련마다, 잰 스텝 시간(미니배치
읽기·그래프 갱신 포함, 잰 스텝들의 평균)과 검증 미니배치 시간으로 그 설정 전체(에폭 수 × 미니배치
수)의 시간을 어림해 예산(모델마다 4분, 시리즈 20분) 옆에 출력합니다.  노트북과 기록된 실행은
바뀌지 않습니다(기록은 하지 않고, 인터랙티브 셀은 건너뜁니다).

    python benchmarks/budget.py                 # 이 CPU의 기본 계산 방식으로 (2코어에서 몇 분)
    python benchmarks/budget.py --compare       # float32와 bf16·channels_last를 나란히
    python benchmarks/budget.py --only 07 09    # 노트북 몇 개만
    python benchmarks/budget.py --without-amx   # AMX가 있는 Intel CPU에서 AMX 없는 CPU(AMD Zen 4 등)를 흉내

실제 Fashion-MNIST가 필요합니다(없으면 합성 대체 데이터로 재므로 시간은 비슷하지만 그렇다고 알림).
"""
import argparse
import contextlib
import io
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / 'notebooks'
BUDGET_MINUTES = 4          # 모델 하나의 훈련 예산(분)
SERIES_MINUTES = 20         # 시리즈 전체의 예산(분)
WARMUP_STEPS = 5            # 첫 스텝들(메모리 준비, 지연 층)은 재지 않습니다
VAL_BATCHES = 10            # 검증 시간을 어림할 검증 미니배치 수
# AMX 없는 CPU(AMD Zen 4 등)의 흉내: oneDNN, MKL, PyTorch 자체의 CPU 커널을 모두 AVX2(256비트)까지만 씁니다.
# Zen 4는 AVX-512를 256비트 계산기에서 계산하므로 사이클마다의 곱셈-덧셈 수가 이렇게 묶은 Xeon과 같습니다.
# 실제 Zen 4의 측정과 맞춰 본 값과 한계는 README의 「벤치마크」 절에 있습니다.
WITHOUT_AMX = {'ONEDNN_MAX_CPU_ISA': 'AVX2', 'MKL_ENABLE_INSTRUCTIONS': 'AVX2', 'ATEN_CPU_CAPABILITY': 'avx2'}


def code_cells(path):
    """노트북 짝(.py)의 코드 셀 글자들."""
    import jupytext
    return [cell.source for cell in jupytext.read(path).cells if cell.cell_type == 'code']


class Clock:
    """Trainer의 훈련 스텝마다 시각을 적고, ``steps`` 스텝을 잰 뒤 훈련을 멈춥니다."""

    def __init__(self, steps):
        self.steps, self.stamps = steps, []

    def install(self, trainer_class):
        original = trainer_class._train_step
        clock = self

        def timed_step(trainer, batch, i):
            clock.stamps.append(time.perf_counter())
            if len(clock.stamps) > clock.steps + WARMUP_STEPS:
                raise KeyboardInterrupt   # Trainer는 이것을 '셀을 멈춤'으로 받아 조용히 끝냅니다
            return original(trainer, batch, i)
        trainer_class._train_step = timed_step
        return original

    def seconds_per_step(self):
        """평균 스텝 시간: 가끔 느린 스텝(그래프 갱신, 메모리 정리)도 훈련 시간에 들어가므로 중앙값이 아닙니다."""
        gaps = [b - a for a, b in zip(self.stamps, self.stamps[1:])][WARMUP_STEPS:]
        return statistics.mean(gaps) if gaps else float('nan')


def validation_seconds_per_batch(trainer, model, data):
    import torch
    batches = []
    for batch in data.val_dataloader():
        batches.append(trainer.prepare_batch(batch))
        if len(batches) == VAL_BATCHES:
            break
    model.eval()
    start = time.perf_counter()
    with torch.no_grad(), trainer.fast.autocast():
        for batch in batches:
            model.validation_step(batch)
    return (time.perf_counter() - start) / len(batches)


def measure_notebook(path, steps):
    """노트북 하나를 예산 모드로 실행해 기록될 훈련마다의 어림을 돌려줍니다."""
    import d2lmini as d2l

    found = []

    def capture(notebook, label, model, data, trainer, settings, book_figure=None, folder=None):
        clock = trainer._budget_clock
        per_step = clock.seconds_per_step()
        per_val = validation_seconds_per_batch(trainer, model, data)
        batches = len(data.train_dataloader())
        val_batches = len(data.val_dataloader())
        epochs = trainer.max_epochs
        minutes = epochs * (per_step * batches + per_val * val_batches) / 60
        found.append(dict(notebook=notebook, label=label, minutes=minutes, epochs=epochs,
                          steps=batches * epochs, per_step=per_step, source=data.source,
                          fast=trainer.fast.describe(), model=model, resize=data.image_size))

    saved = {'record_run': d2l.record_run, 'interact': d2l.interact, 'fit': d2l.Trainer.fit}

    def fit(trainer, model, data):
        clock = Clock(steps)
        trainer._budget_clock = clock
        original = clock.install(type(trainer))
        try:
            return saved['fit'](trainer, model, data)
        finally:
            type(trainer)._train_step = original

    d2l.record_run, d2l.interact, d2l.Trainer.fit = capture, (lambda *a, **k: None), fit
    namespace = {'__name__': '__main__'}
    here = os.getcwd()
    os.chdir(NOTEBOOKS)
    try:
        cells = code_cells(path)
        last = max((k for k, source in enumerate(cells) if 'd2l.record_run(' in source), default=-1)
        for source in cells[:last + 1]:
            with contextlib.redirect_stdout(io.StringIO()) as out, \
                    contextlib.redirect_stderr(io.StringIO()):   # 진행 막대도 숨깁니다
                try:
                    exec(compile(source, str(path), 'exec'), namespace)
                except Exception as err:   # 짧게 멈춘 훈련 뒤의 셀이 에폭 기록을 찾다 실패해도 계속합니다
                    print(f'(짧게 멈춘 훈련이라 실행하지 못한 셀이 있습니다: {type(err).__name__}: {err})')
    finally:
        os.chdir(here)
        d2l.record_run, d2l.interact, d2l.Trainer.fit = saved['record_run'], saved['interact'], saved['fit']
        import matplotlib.pyplot as plt
        plt.close('all')
    return found


def cpu_name():
    try:
        for line in Path('/proc/cpuinfo').read_text(encoding='utf-8').splitlines():
            if line.startswith('model name'):
                return line.split(':', 1)[1].strip()
    except OSError:
        pass
    import platform
    return platform.processor() or platform.machine()


def run(notebooks, steps, fast_switch):
    """``fast_switch``: None(이 CPU의 기본), '0'(float32), '1'(bf16·channels_last)."""
    if fast_switch is None:
        os.environ.pop('D2LMINI_FAST_CPU', None)
    else:
        os.environ['D2LMINI_FAST_CPU'] = fast_switch
    rows = []
    for path in notebooks:
        start = time.perf_counter()
        found = measure_notebook(path, steps)
        for row in found:
            row['wall'] = time.perf_counter() - start
        rows += found
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--steps', type=int, default=150, help='모델마다 잴 훈련 스텝 수')
    parser.add_argument('--only', nargs='*', default=[], help='노트북 번호 (예: 02 07)')
    parser.add_argument('--compare', action='store_true',
                        help='float32와 bf16·channels_last를 둘 다 잽니다')
    parser.add_argument('--without-amx', action='store_true',
                        help='AMX와 AVX-512 없이 AVX2로 잽니다(AMD Zen 4처럼 AMX가 없는 CPU의 흉내, '
                             'AMX가 있는 Intel CPU에서만 뜻이 있음)')
    args = parser.parse_args(argv)
    if args.without_amx and any(os.environ.get(k) != v for k, v in WITHOUT_AMX.items()):
        # 두 라이브러리는 처음 불릴 때 명령어를 정하므로, 환경 변수를 정한 새 프로세스로 다시 시작합니다
        own_args = sys.argv[1:] if argv is None else list(argv)
        os.execve(sys.executable, [sys.executable, __file__, *own_args], {**os.environ, **WITHOUT_AMX})

    os.environ['D2LMINI_PROFILE'] = 'cpu'
    os.environ.setdefault('MPLBACKEND', 'Agg')
    sys.path.insert(0, str(REPO))   # 설치하지 않은 저장소에서도 d2lmini를 불러오도록
    import torch
    from d2lmini.torchutil import native_bf16

    notebooks = sorted(p for p in NOTEBOOKS.glob('0*.py')
                       if not args.only or p.name[:2] in [n.zfill(2) for n in args.only])
    native = native_bf16()
    if args.without_amx:
        native = 'AVX2까지로 묶음(bf16은 소프트웨어)'
    print(f'CPU: {cpu_name()} ({os.cpu_count()}코어, torch 스레드 {torch.get_num_threads()}), '
          f'torch {torch.__version__.split("+")[0]}, bf16 명령어: {native or "없음"}')
    if args.without_amx:
        print('AMX 없이 잽니다(' + ', '.join(f'{k}={v}' for k, v in WITHOUT_AMX.items()) + '): '
              'AMX 없는 CPU(AMD Zen 4 등)의 흉내이고, 그 CPU에서 잰 값은 아닙니다.')
    print(f'모델마다 훈련 {args.steps}스텝을 재어(처음 {WARMUP_STEPS}스텝 제외) cpu 프로필의 '
          f'설정 전체를 어림합니다. 예산: 모델마다 {BUDGET_MINUTES}분, 시리즈 {SERIES_MINUTES}분.\n')
    passes = {'float32': '0', 'bf16 + channels_last': '1'} if args.compare else {'기본': None}
    results = {name: run(notebooks, args.steps, switch) for name, switch in passes.items()}

    first = next(iter(results.values()))
    header = f"{'노트북':14} {'실행':18}" + ''.join(f' {name + " (분)":>22}' for name in results)
    print(header + '   예산 안?' + ('' if args.compare else '   고른 계산'))
    for k, row in enumerate(first):
        minutes = [rows[k]['minutes'] for rows in results.values()]
        used = min(minutes) if args.compare else minutes[0]
        verdict = '예' if used <= BUDGET_MINUTES else '아니오'
        cells = ''.join(f' {m:22.2f}' for m in minutes)
        chosen = '' if args.compare else f"   {row['fast']}"
        print(f"{row['notebook']:14} {row['label'][:18]:18}{cells}   {verdict:6}{chosen}")
    for name, rows in results.items():
        total = sum(r['minutes'] for r in rows)
        print(f'\n[{name}] 기록되는 훈련 {len(rows)}개의 합계: {total:.1f}분'
              f" (예산 {SERIES_MINUTES}분: {'안' if total <= SERIES_MINUTES else '넘음'})")
    sources = {r['source'] for rows in results.values() for r in rows}
    if sources != {'real'}:
        print('\n주의: 진짜 Fashion-MNIST가 아닌 합성 대체 데이터로 재었습니다(시간은 비슷합니다).')
    return results


if __name__ == '__main__':
    main()
