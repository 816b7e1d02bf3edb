"""훈련 레시피의 재료를 하나씩 더해 가며 같은 모델을 같은 예산으로 훈련하고 기록합니다.

    python benchmarks/recipe_ablation.py            # 여섯 실행, 2코어 CPU에서 약 17분 (make ablation)
    python benchmarks/recipe_ablation.py --fraction 0.05 --epochs 1   # 코드만 빨리 확인(기록 안 함)

모델은 07 ResNet 노트북의 ``cpu`` 프로필 모델(``ResNet(arch=((1, 64), (1, 128)))``, 28×28)과 같은
구조이고, 예산도 ``cpu`` 프로필과 같습니다(8에폭, 배치 128, 시드 0).  실행마다 바로 앞 실행에 재료
하나를 더합니다.  다섯째 실행이 ``d2l.CPU_RECIPE``이고, 마지막 실행은 그 레시피에 데이터 증강을 더한
것입니다.  기록은 ``notebooks/results/cpu/10_comparison.json``에 ``레시피: …`` 이름으로 남고, 10 비교 노트북의 「훈련 레시피」 절이 그 표를 읽습니다.
"""
import argparse
import time
from pathlib import Path

from torch import nn

import d2lmini as d2l

ROOT = Path(__file__).resolve().parents[1]
EPOCHS, BATCH_SIZE, SIZE = 8, 128, (28, 28)
BOOK_LR = 0.01          # 책이 ResNet-18에 쓴 학습률
RECIPE_LR = 0.002       # cpu 프로필의 최고 학습률(AdamW)

# (이름, 레시피, 학습률): 각 실행은 바로 앞 실행에 재료 하나를 더합니다.  다섯째가 cpu 레시피이고,
# 마지막 줄은 cpu 레시피에서 뺀 재료(데이터 증강)를 더했을 때입니다.
_ADAMW = d2l.Recipe(name='adamw', optimizer='adamw')
STEPS = [
    ('책의 방법 (SGD, 고정 학습률 0.01)', d2l.BOOK_RECIPE, BOOK_LR),
    ('+ AdamW (고정 학습률 0.002)', _ADAMW, RECIPE_LR),
    ('+ 원사이클 스케줄', _ADAMW.replace(name='one-cycle', schedule='one-cycle'), RECIPE_LR),
    ('+ 가중치 감쇠 0.05', _ADAMW.replace(name='decay', schedule='one-cycle',
                                      weight_decay=0.05), RECIPE_LR),
    ('+ 레이블 스무딩 0.1 (cpu 레시피)', d2l.CPU_RECIPE, RECIPE_LR),
    ('+ 데이터 증강 (cpu 레시피에서 뺀 재료)', d2l.CPU_RECIPE.replace(name='augment', augment=True),
     RECIPE_LR),
]
LABEL_PREFIX = d2l.ABLATION_PREFIX   # 10 노트북과 d2l.same_budget이 재료별 실행을 이 앞부분으로 알아봅니다


class ResNet(d2l.Classifier):
    """07 노트북의 ``ResNet(arch=((1, 64), (1, 128)))``: 스템, 잔차 블록 하나짜리 단계 둘, 분류기."""

    def __init__(self, arch=((1, 64), (1, 128)), lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        layers = [nn.LazyConv2d(64, kernel_size=7, stride=2, padding=3), nn.LazyBatchNorm2d(),
                  nn.ReLU(), nn.MaxPool2d(kernel_size=3, stride=2, padding=1)]
        for i, (num_residuals, channels) in enumerate(arch):
            for j in range(num_residuals):
                downsample = j == 0 and i != 0      # 첫 단계가 아니면 단계의 첫 블록이 절반으로
                layers.append(d2l.Residual(channels, use_1x1conv=downsample,
                                           strides=2 if downsample else 1))
        layers += [nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.LazyLinear(num_classes)]
        self.net = nn.Sequential(*layers)


def run(label, recipe, lr, epochs, fraction, record):
    data = d2l.FashionMNIST(batch_size=BATCH_SIZE, resize=SIZE, fraction=fraction)
    trainer = d2l.Trainer(max_epochs=epochs, seed=0, plot=False, progress=False)
    model = ResNet(lr=lr)
    recipe.apply(model, data)
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    start = time.perf_counter()
    trainer.fit(model, data)
    minutes = (time.perf_counter() - start) / 60
    acc = trainer.history[-1]['val_acc']
    print(f'{label:<34} 검증 정확도 {acc:.4f}  ({minutes:.1f}분)', flush=True)
    if record:
        settings = dict(max_epochs=epochs, batch_size=BATCH_SIZE, lr=lr, resize=SIZE,
                        arch=((1, 64), (1, 128)), recipe=recipe, profile='cpu')
        d2l.record_run('10_comparison', LABEL_PREFIX + label, model, data, trainer, settings,
                       folder=ROOT / 'notebooks' / 'results')
    return acc


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--epochs', type=int, default=EPOCHS)
    parser.add_argument('--fraction', type=float, default=None,
                        help='데이터의 이 비율만 씀(빠른 확인용, 기록하지 않음)')
    parser.add_argument('--only', type=int, nargs='*', help='이 번호(0부터)의 실행만')
    args = parser.parse_args()
    record = args.fraction is None and args.epochs == EPOCHS
    if not record:
        print('빠른 확인: 데이터나 에폭이 cpu 예산과 달라 기록하지 않습니다.')
    for i, (label, recipe, lr) in enumerate(STEPS):
        if args.only is None or i in args.only:
            run(label, recipe, lr, args.epochs, args.fraction, record)


if __name__ == '__main__':
    main()
