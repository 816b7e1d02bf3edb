# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: kernelspec,jupytext,-jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 합성곱 신경망 구조 설계 (AnyNet과 RegNet): 연습문제 풀이
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/solutions/09_cnn_design_solutions.ipynb)
#
# [09 RegNet 노트북](../09_cnn_design.ipynb)의 연습문제 일곱 개를 같은 번호로 풉니다. 각 문제를 먼저 직접 풀어 본 뒤에 풀이를 읽으세요. 풀이마다 생각의 흐름(식은 끝까지 적습니다), 그것을 확인하는 코드, 출력에서 읽을 것을 차례로 둡니다.
#
# **예산.** 훈련이 필요한 문제(1, 2, 3, 4, 6, 7)는 본문의 8에폭·6만 장 대신 **훈련 5,000장·검증 5,000장으로 2에폭**만 훈련합니다. 레시피는 본문과 같은 `d2l.CPU_RECIPE`이고, 2코어 CPU에서 RegNetX32 한 번이 10초 안쪽이라 노트북 전체가 2분 안팎에 끝납니다. 설계 공간에서 모델 여러 개를 뽑는 연습문제 4와 7은 모델마다 더 짧게 훈련하며, 그 예산은 연습문제 4에서 밝힙니다. 그 대신 2에폭 예산의 정확도는 0.73<!-- run 0.7338 -->~0.81<!-- run 0.8128 -->로 본문의 약 0.91보다 훨씬 낮고, 모델 사이의 차이는 "끝까지 훈련했을 때 얼마나 좋은가"보다 "짧게 훈련했을 때 얼마나 빨리 배우는가"에 가깝습니다. 검증 5,000장에서는 두 모델의 정확도 차이에 약 0.009의 표준오차가 있으므로(**준비**의 끝에서 계산합니다), 0.01보다 작은 차이는 순위로 읽지 않습니다.

# %%
# d2lmini가 없는 환경(예: Colab)이면 설치합니다. 이미 있는 torch는 그대로 씁니다.
REPO = 'https://github.com/d2lmini/d2lmini'
import importlib.util, os, subprocess, sys
if importlib.util.find_spec('d2lmini') is None:
    local = next((p for p in ('../..', 'd2lmini') if os.path.isfile(os.path.join(p, 'd2lmini', '__init__.py'))), None)
    target = ['-e', local] if local else [f'git+{REPO}']
    needed = [p for p in ('torch', 'torchvision', 'matplotlib', 'ipywidgets', 'tqdm', 'pandas')
              if importlib.util.find_spec(p) is None]
    print('d2lmini를 설치합니다:', local or REPO, '(추가 패키지: ' + (', '.join(needed) or '없음') + ')')
    pip = subprocess.run([sys.executable, '-m', 'pip', 'install', '-q', '--no-deps', *target],
                         capture_output=True, text=True)
    if pip.returncode == 0 and needed:
        pip = subprocess.run([sys.executable, '-m', 'pip', 'install', '-q', *needed],
                             capture_output=True, text=True)
    if pip.returncode != 0:
        print(pip.stderr.strip()[-600:])
        print(f'\nd2lmini를 설치하지 못했습니다({local or REPO}). 인터넷 연결을 확인하거나, 저장소 폴더를 '
              '이 노트북 옆에 d2lmini라는 이름으로 올린 뒤(Colab: 왼쪽 파일 창) 이 셀을 다시 실행하세요. '
              '포크에서 설치하려면 위의 REPO를 그 주소로 바꾸세요.')
        raise SystemExit('d2lmini 설치 실패: 위 안내를 보세요.')
    print('설치를 마쳤습니다.')

# %% [markdown]
# ## 준비
#
# 본문의 모델은 `d2l.AnyNet`처럼 d2lmini에서 가져옵니다(본문의 「구현」 절과 같은 코드). 아래의 `AnyNet`은 `d2l.AnyNet`에 스템 채널의 기본값 32와 스템의 스트라이드 인자(연습문제 1)만 더한 것입니다. 너비 규칙(`regnet_widths`, `widths_to_stages`)과 식으로 크기를 재는 `anynet_cost`는 본문의 함수를 풀이에 맞게 줄여 여기서 정의합니다.

# %%
import math

import numpy as np
import pandas as pd
import torch
from IPython.display import display
from torch import nn

import d2lmini as d2l


class AnyNet(d2l.AnyNet):
    """본문의 AnyNet에 스템 채널의 기본값 32를 주었습니다.

    ``stem_stride=1``이면 스템이 해상도를 줄이지 않습니다(연습문제 1).
    """

    def __init__(self, arch, stem_channels=32, lr=0.1, num_classes=10, stem_stride=2):
        super().__init__(arch, stem_channels, lr, num_classes)
        self.save_hyperparameters()
        self.net[0][0].stride = (stem_stride, stem_stride)   # 스템의 3x3 합성곱


REGNET_ARCH = ((4, 32, 16, 1), (6, 80, 16, 1))   # RegNetX32: 깊이 (4, 6), 너비 (32, 80), 그룹 너비 16


def conv_cost(c_in, c_out, k, hw, groups=1):
    """합성곱 층 하나의 (파라미터 수, 곱셈-덧셈 수). hw는 출력의 높이(=너비)."""
    weights = c_in // groups * c_out * k * k
    return weights + c_out, weights * hw * hw


def anynet_cost(arch, stem_channels=32, resolution=28, in_channels=1, num_classes=10):
    """AnyNet(arch, stem_channels)의 (파라미터 수, FLOPs). 본문의 식을 합계만 돌려주게 줄였습니다."""
    r = math.ceil(resolution / 2)
    params, macs = conv_cost(in_channels, stem_channels, 3, r)
    params += 2 * stem_channels
    c_in = stem_channels
    for depth, c, g, bot_mul in arch:
        b = int(round(c * bot_mul))
        for j in range(depth):
            r_in = r
            if j == 0:
                r = math.ceil(r / 2)
            layers = [conv_cost(c_in, b, 1, r_in), conv_cost(b, b, 3, r, b // g), conv_cost(b, c, 1, r)]
            if j == 0:
                layers.append(conv_cost(c_in, c, 1, r))
            params += sum(p for p, _ in layers) + 2 * (2 * b + c) + (2 * c if j == 0 else 0)
            macs += sum(m for _, m in layers)
            c_in = c
    params += c_in * num_classes + num_classes
    macs += c_in * num_classes
    return params, 2 * macs


def regnet_widths(w_0, w_a, w_m, depth, group_width):
    """블록 j = 0, ..., depth-1의 양자화한 너비 w_j(그룹 너비의 배수)."""
    u = w_0 + w_a * np.arange(depth)
    s = np.log(u / w_0) / np.log(w_m)
    w = w_0 * w_m ** np.round(s)
    return np.maximum(group_width, np.round(w / group_width) * group_width).astype(int)


def widths_to_stages(w):
    """같은 너비가 이어진 블록을 단계로 묶어 [(깊이, 너비), ...]를 돌려줍니다."""
    stages = []
    for width in w:
        if stages and stages[-1][1] == width:
            stages[-1][0] += 1
        else:
            stages.append([1, int(width)])
    return [tuple(s) for s in stages]


# %% [markdown]
# 짧은 훈련은 한 함수로 합니다. 본문의 훈련 셀과 같은 순서(트레이너 → 데이터 → 모델에 레시피 → 지연 층의 모양과 Xavier 초기화 → `fit`)이고, 예산만 위에서 밝힌 대로 줄였습니다. `smoke` 프로필(자동 점검)에서는 라이브러리가 데이터를 더 줄입니다. 훈련하는 셀의 출력에 나오는 `[d2lmini]` 줄은 모델마다 스텝 몇 개를 재어 고른 계산 방법을 알립니다(본문의 「훈련」 절).

# %%
budget = d2l.profile_settings(
    book=dict(max_epochs=2, batch_size=128, lr=0.002, limit=(5000, 5000)),
    cpu=dict(max_epochs=2, batch_size=128, lr=0.002, limit=(5000, 5000)),
    smoke=dict(max_epochs=1, batch_size=64, lr=0.002, limit=(256, 128)))


def train_briefly(model, seed=0, recipe=d2l.CPU_RECIPE, max_epochs=None, limit=None,
                  batch_size=None):
    """model을 줄인 예산으로 훈련하고 (에폭별 기록, 에폭들의 훈련·검증에 걸린 초)를 돌려줍니다.

    초에는 fit이 처음에 계산 방법을 고르느라 스텝 몇 개를 재는 시간은 넣지 않습니다.
    """
    trainer = d2l.Trainer(max_epochs=max_epochs or budget.max_epochs, seed=seed,
                          plot=False, progress=False)
    data = d2l.FashionMNIST(batch_size=batch_size or budget.batch_size, limit=limit or budget.limit)
    recipe.apply(model, data)
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.initializer('xavier'))
    history = trainer.fit(model, data)
    return history, sum(history.column('seconds'))


def summary_row(name, model, history, seconds, resolution=28):
    """표 한 줄: 이름, 파라미터 수, 28×28 입력의 연산량, 마지막 에폭의 손실과 정확도, 시간."""
    last = history[-1]
    return {'모델': name, '파라미터': d2l.num_params(model),
            'MFLOPs (28×28)': round(d2l.count_flops(model, (1, 1, resolution, resolution)) / 1e6, 2),
            'train_loss': round(last['train_loss'], 3), 'val_loss': round(last['val_loss'], 3),
            'val_acc': round(last['val_acc'], 4), '초': round(seconds, 1)}


rows = {}   # 모델 이름 → 표 한 줄 (여러 문제가 함께 씁니다)
regnet = AnyNet(REGNET_ARCH, lr=budget.lr)
rows['RegNetX32 (시드 0)'] = summary_row('RegNetX32 (시드 0)', regnet, *train_briefly(regnet))
regnet_seed1 = AnyNet(REGNET_ARCH, lr=budget.lr)
rows['RegNetX32 (시드 1)'] = summary_row('RegNetX32 (시드 1)', regnet_seed1,
                                         *train_briefly(regnet_seed1, seed=1))
display(pd.DataFrame(list(rows.values())).set_index('모델'))

# %% [markdown]
# 기준이 될 RegNetX32를 시드만 바꿔 두 번 훈련했습니다. 두 `val_acc`는 0.7432<!-- run -->와 0.7390<!-- run -->으로 0.004 차이가 나지만, 한 쌍만으로는 흔들림이 얼마나 큰지 알 수 없으므로 식으로 어림합니다. 검증 5,000장에서 정확도 0.74의 표준오차는 $\sqrt{0.74 \cdot 0.26 / 5000} \approx 0.006$이고, 서로 다른 두 모델의 차이로는 그 $\sqrt{2}$배인 약 0.009입니다. 그래서 아래의 비교에서는 0.01보다 작은 차이를 순위로 읽지 않습니다.

# %% [markdown]
# ## 연습문제 1
#
# **네 단계짜리 RegNetX를 RegNetX32와 비슷한 연산량으로.**
#
# *생각.* $28\times28$ 입력은 스템에서 14, 단계마다 반이 되어 $14 \to 7 \to 4 \to 2 \to 1$까지 줄어듭니다. 해상도가 $H\times W$인 블록 하나의 곱셈-덧셈은 병목이 없을 때($k = 1$, $b = c$) 대략 $(2c^2 + 9gc)\,HW$이므로, 해상도가 $2\times2$, $1\times1$인 셋째·넷째 단계는 채널이 넓어도 연산량이 작습니다. 거꾸로 해상도가 $7\times7$인 첫 단계는 조금만 넓혀도 연산량이 커집니다. 그래서 네 단계 모델은 "앞 단계는 좁게, 뒤 단계는 넓게"가 되어야 같은 연산량에 맞고, 이것은 바로 RegNet의 "단계마다 너비가 늘어남" 원칙과 같은 방향입니다.
#
# *코드.* $w_0, w_a, w_m, d$의 작은 격자를 훑어 단계가 정확히 넷인 설정만 남기고, 식(`anynet_cost`)으로 잰 연산량이 RegNetX32와 가장 가까운 것을 찾습니다. 모델을 만들지 않으므로 금방 끝납니다. 그룹 너비는 RegNetX32의 16 대신 8로 둡니다. 너비가 8의 배수이기만 하면 되므로 16의 배수일 때보다 고를 수 있는 너비가 촘촘하기 때문입니다. 스템의 스트라이드가 1이면 단계들이 두 배 큰 해상도에서 일하므로, 입력을 $56\times56$으로 준 식이 곧 그 모델의 연산량입니다(스템의 출력은 어느 쪽이든 $28\times28$입니다).

# %%
target_params, target_flops = anynet_cost(REGNET_ARCH)
print(f'RegNetX32: 파라미터 {target_params:,}, {target_flops / 1e6:.2f} MFLOPs (28×28)')
found = []
for stem_stride in (2, 1):
    for w_0 in (8, 16, 24, 32):
        for w_a in (2, 4, 6, 8, 12, 16, 24, 32):
            for w_m in (1.5, 2.0, 2.5, 3.0):
                for depth in range(4, 17):
                    stages = widths_to_stages(regnet_widths(w_0, w_a, w_m, depth, 8))
                    if len(stages) != 4:
                        continue
                    arch = tuple((d, c, 8, 1) for d, c in stages)
                    params, flops = anynet_cost(arch, resolution=28 * (3 - stem_stride))
                    found.append({'스템 스트라이드': stem_stride, 'w_0': w_0, 'w_a': w_a, 'w_m': w_m,
                                  'd': depth, 'arch (깊이, 너비)': [(d, c) for d, c, _, _ in arch],
                                  '파라미터': params, '파라미터 비': round(params / target_params, 2),
                                  '연산량 비': round(flops / target_flops, 3)})
found = pd.DataFrame(found)
found['연산량 차이'] = (found['연산량 비'] - 1).abs()
best = found.sort_values(['연산량 차이', '파라미터']).groupby('스템 스트라이드', sort=False).head(3)
display(best.drop(columns='연산량 차이').set_index('스템 스트라이드'))

# %% [markdown]
# 스템의 스트라이드가 2이면, 연산량을 맞춘 네 단계 설정은 파라미터가 RegNetX32의 4.9<!-- run 4.86 -->~11.8<!-- run 11.82 -->배입니다. 셋째·넷째 단계가 $2\times2$, $1\times1$ 특성 맵에서 일해 채널을 아무리 넓혀도 연산량이 조금만 늘기 때문입니다. 스템의 스트라이드를 1로 두면 같은 연산량을 파라미터 수가 비슷한 설정으로 맞출 수 있습니다. 그 첫 줄을 줄인 예산으로 훈련해 RegNetX32(시드 0과 1)와 나란히 놓습니다.

# %%
pick = best[best['스템 스트라이드'] == 1].iloc[0]
four_stage_arch = tuple((d, c, 8, 1) for d, c in pick['arch (깊이, 너비)'])
four_stage = AnyNet(four_stage_arch, lr=budget.lr, stem_stride=1)
rows['네 단계 RegNetX'] = summary_row('네 단계 RegNetX', four_stage, *train_briefly(four_stage))
display(pd.DataFrame([rows[k] for k in ('RegNetX32 (시드 0)', 'RegNetX32 (시드 1)', '네 단계 RegNetX')])
        .set_index('모델'))

# %% [markdown]
# *읽기.* 고른 네 단계 모델은 깊이 (1, 2, 2, 2), 너비 (32, 48, 72, 112), 그룹 너비 8로 너비가 앞에서 뒤로 늘어나고, 스템의 스트라이드가 1이라 해상도가 $28 \to 28 \to 14 \to 7 \to 4 \to 2$로 줄어듭니다. 본문의 인터랙티브 (가)에서 $w_0 = 32$, $w_a = 12$, $w_m = 1.5$, $d = 7$, 그룹 너비 8을 고르면 같은 단계를 볼 수 있습니다(그룹 너비 16이면 셋째 단계의 너비가 64가 됩니다). 파라미터는 131,762개<!-- run -->로 RegNetX32보다 적고 연산량은 거의 같습니다.
#
# 검증 정확도는 0.7506<!-- run -->으로 RegNetX32(시드 0은 0.7432<!-- run -->, 시드 1은 0.7390<!-- run -->)보다 0.007~0.012 높지만, 이 크기는 위에서 정한 0.01 기준 언저리라 이 예산 한 번으로는 "네 단계가 낫다"고 말할 수 없습니다. 게다가 단계 수와 함께 그룹 너비(8 대 16)와 스템의 스트라이드도 다르므로, 차이가 나더라도 단계 수 하나의 효과라고 할 수는 없습니다. 본문의 8에폭 예산으로 시드를 바꿔 몇 번 훈련해야 가를 수 있습니다. 훈련 시간은 7.2초<!-- run -->로 RegNetX32(4.2<!-- run -->~4.4초<!-- run -->)보다 길었습니다. 연산량이 같아도 CPU의 훈련 시간은 같지 않다는 예이고, 연습문제 2의 끝에서 한 번 더 봅니다.

# %% [markdown]
# ## 연습문제 2
#
# **ResNeXt 블록을 ResNet의 잔차 블록으로 바꾸기.**
#
# *생각.* 너비 $c$, 해상도 $H\times W$인 블록의 가중치와 곱셈-덧셈을 비교합니다(숏컷과 편향, 배치 정규화는 빼고). 곱셈-덧셈은 가중치에 $HW$를 곱한 것이므로 가중치만 보면 됩니다.
#
# * ResNeXt 블록($k = 1$, 그룹 너비 $g$): $1\times1$ 두 개와 $3\times3$ 그룹 합성곱 하나라 가중치는 $c^2 + 9gc + c^2 = 2c^2 + 9gc$입니다.
# * 잔차 블록(`d2l.Residual`): $3\times3$ 합성곱 두 개라 가중치는 $9c^2 + 9c^2 = 18c^2$입니다.
#
# $c = 80$, $g = 16$이면 $2 \cdot 6400 + 9 \cdot 16 \cdot 80 = 24{,}320$ 대 $18 \cdot 6400 = 115{,}200$으로 약 4.7배이고, $c = 32$이면 $2048 + 4608 = 6{,}656$ 대 $18{,}432$로 약 2.8배입니다. 연산량도 같은 비율로 커지므로, 구조는 같아도(깊이 (4, 6), 너비 (32, 80)) 모델 전체는 3~5배 무거워집니다. [07 ResNet 노트북의 「ResNeXt: 그룹 합성곱으로 너비를 싸게 늘리기」 절](../07_resnet.ipynb#resnext-그룹-합성곱으로-너비를-싸게-늘리기)의 이야기를 거꾸로 본 것입니다.
#
# *코드.* `stage`만 다시 정의해 같은 깊이·너비의 잔차 블록 단계로 바꿉니다.

# %%
class ResNetStages(AnyNet):
    """AnyNet과 같은 틀에 ResNeXt 블록 대신 ResNet의 잔차 블록을 쓰는 모델."""

    def stage(self, depth, num_channels, groups, bot_mul):
        blocks = [d2l.Residual(num_channels, use_1x1conv=True, strides=2)]
        blocks += [d2l.Residual(num_channels) for _ in range(depth - 1)]
        return nn.Sequential(*blocks)


residual = ResNetStages(REGNET_ARCH, lr=budget.lr)
rows['잔차 블록판'] = summary_row('잔차 블록판', residual, *train_briefly(residual))
both = pd.DataFrame([rows['RegNetX32 (시드 0)'], rows['RegNetX32 (시드 1)'], rows['잔차 블록판']]).set_index('모델')
display(both)
print(f"파라미터 {both.loc['잔차 블록판', '파라미터'] / both.loc['RegNetX32 (시드 0)', '파라미터']:.1f}배, "
      f"연산량 {both.loc['잔차 블록판', 'MFLOPs (28×28)'] / both.loc['RegNetX32 (시드 0)', 'MFLOPs (28×28)']:.1f}배")

# %% [markdown]
# *읽기.* 파라미터는 4.1배<!-- run -->, 연산량은 3.6배<!-- run -->로 위의 식에서 어림한 3~5배 사이에 듭니다. 이 짧은 예산에서는 잔차 블록판의 정확도가 0.813<!-- run 0.8128 -->으로 RegNetX32(0.743<!-- run 0.7432 -->, 0.739<!-- run 0.7390 -->)보다 뚜렷이 높았습니다. 연산량이 3.6배이니 한 스텝에 더 많이 배우는 것이 자연스럽고, 같은 연산량에서 비교한 것이 아니므로 "잔차 블록이 더 좋은 블록"이라는 뜻은 아닙니다(Xie 등, 2017은 ImageNet에서 **같은 연산량**의 ResNet보다 ResNeXt가 정확하다고 보고했습니다).
#
# 훈련 시간도 보세요. 연산량이 3.6배인데도 잔차 블록판은 4.2초<!-- run -->로 RegNetX32(4.2<!-- run -->~4.4초<!-- run -->)와 비슷하게 걸렸습니다. 그룹 합성곱은 연산량에 비해 CPU에서 느리기 때문입니다(10 모든 모델 비교 노트북의 GFLOP/s 열에서 RegNetX-32가 낮은 까닭과 같습니다).

# %% [markdown]
# ## 연습문제 3
#
# **설계 원칙을 어긴 "VioNet"들.**
#
# *생각.* RegNetX32에서 한 번에 한 값만 원칙을 어기게 바꾸고, 연산량이 크게 달라지지 않게 합니다. 병목 비율 $k_i$를 단계마다 다르게 하는 것은 연산량을 맞추기 어렵고 논문도 "공유해도 잃는 것이 없다"(AnyNetX$_B$)고 보고했으므로 식으로만 봅니다. 훈련하는 셋은 다음과 같습니다.
#
# * **너비가 줄어듦** ($c_1 > c_2$): 너비 (80, 32). 해상도가 큰 첫 단계가 넓어지므로 연산량이 크게 늘어 깊이를 (2, 6)으로 줄여 맞춥니다.
# * **깊이가 줄어듦** ($d_1 > d_2$): 깊이 (6, 4). 연산량은 조금 줄어듭니다.
# * **그룹 너비가 단계마다 다름** ($g_1 \ne g_2$): 그룹 너비 (8, 20). 첫 단계의 $3\times3$ 합성곱은 싸지고 둘째 단계는 비싸져, 합계는 비슷합니다.
#
# 논문(Radosavovic 등, 2020)의 결론으로 예측하면, 공유 제약을 어긴 그룹 너비 쪽은 거의 차이가 없고, 너비가 줄어드는 쪽이 가장 나쁠 것입니다(AnyNetX$_D$에서 너비가 늘어나게 하자 분포가 가장 크게 좋아졌습니다).

# %%
violations = {
    '너비가 줄어듦 (80, 32)': ((2, 80, 16, 1), (6, 32, 16, 1)),
    '깊이가 줄어듦 (6, 4)': ((6, 32, 16, 1), (4, 80, 16, 1)),
    '그룹 너비가 다름 (8, 20)': ((4, 32, 8, 1), (6, 80, 20, 1)),
}
print('병목 비율이 다름 (1, 0.4), 식으로만:',
      '파라미터 {:,}, {:.2f} MFLOPs'.format(anynet_cost(((4, 32, 16, 1), (6, 80, 16, 0.4)))[0],
                                            anynet_cost(((4, 32, 16, 1), (6, 80, 16, 0.4)))[1] / 1e6))
for name, arch in violations.items():
    model = AnyNet(arch, lr=budget.lr)
    rows[name] = summary_row(name, model, *train_briefly(model))
vio = pd.DataFrame([rows[k] for k in ('RegNetX32 (시드 0)', 'RegNetX32 (시드 1)', *violations)])
display(vio.set_index('모델'))

# %% [markdown]
# *읽기.* 세 모델 모두 연산량이 RegNetX32의 약 0.9~1배 안에 있습니다. 식으로만 잰 병목 비율 (1, 0.4)의 설정은 파라미터가 92,314개<!-- run -->로 RegNetX32의 약 절반, 연산량이 5.09<!-- run --> MFLOPs로 약 3분의 2라, 훈련해 비교하려면 너비도 함께 바꿔 연산량을 맞춰야 합니다. 너비가 줄어드는 모델(0.7338<!-- run -->)과 깊이가 줄어드는 모델(0.7352<!-- run -->)은 RegNetX32(0.7432<!-- run -->, 0.7390<!-- run -->)보다 조금 낮지만 차이가 0.01 안이고, 그룹 너비가 단계마다 다른 모델(0.7570<!-- run -->)은 오히려 0.014~0.018 높습니다. 이 예산 한 번씩으로는 어느 원칙도 "어기면 나빠진다"고 말할 수 없습니다. 그것이 원칙이 틀렸다는 뜻은 아니고, 2에폭·5,000장으로 모델 하나씩 보아서는 가를 수 없다는 뜻입니다. 논문이 공간마다 모델 500개를 10에폭씩 훈련해 분포로 비교한 것은 바로 이 때문입니다.
#
# 어느 값이 가장 중요한가에 대한 논문의 답은 **너비**입니다. 너비가 단계마다 늘어나게 하는 제약이 가장 큰 개선을 주었고(AnyNetX$_D$), 깊이가 늘어나게 하는 제약이 그다음이며(AnyNetX$_E$), 병목 비율과 그룹 너비는 공유해도 나빠지지 않았습니다(AnyNetX$_B$, AnyNetX$_C$). 더 자세히 하려면 시드를 셋 이상으로 늘리고 예산을 본문의 8에폭 쪽으로 키워야 합니다.

# %% [markdown]
# ## 연습문제 4
#
# **작은 AnyNet 설계 공간의 오차 분포.**
#
# *먼저 어림.* 훈련 시간이 연산량에 비례한다고 보면, 모델 하나의 1에폭(6만 장)은 본문의 기준 실행(RegNetX-32)이 훈련 중 초당 처리한 연산량(초당 이미지 수 × 이미지 한 장의 연산량)으로 어림할 수 있습니다. 아래 셀은 그 값을 기준 실행의 기록(`d2l.reference_results`)에서 읽고, 두 공간에서 설정 20개씩을 뽑아 그렇게 잰 합계를 출력합니다. 작은 모델은 CPU를 덜 바쁘게 쓰므로 실제로는 이보다 더 걸리기 쉽습니다.
#
# 두 공간은 본문의 AnyNetX$_A$(제약 없음)와 AnyNetX$_E$(병목 비율·그룹 너비 공유, 너비·깊이가 줄지 않음)를 두 단계, $d_i \le 4$, $c_i \le 128$로 줄인 것입니다.

# %%
SMALL_DEPTHS, SMALL_WIDTHS = np.arange(1, 5), np.arange(8, 129, 8)
SMALL_GROUPS, SMALL_BOTTLENECKS = np.array([1, 2, 4, 8, 16]), np.array([1, 2, 4])


def sample_small(space, n, rng):
    """작은 공간('A' 또는 'E')에서 두 단계 설정 n개를 뽑아 arch 튜플의 목록으로 돌려줍니다."""
    archs = []
    while len(archs) < n:
        d, c = rng.choice(SMALL_DEPTHS, 2), rng.choice(SMALL_WIDTHS, 2)
        g, k = rng.choice(SMALL_GROUPS, 2), rng.choice(SMALL_BOTTLENECKS, 2)
        if space == 'E':
            g[1], k[1] = g[0], k[0]
            if c[1] < c[0] or d[1] < d[0]:
                continue
        arch = []
        for di, ci, gi, ki in zip(d, c, g, k):
            b = max(1, ci // ki)
            gi = min(gi, b)
            b = max(gi, int(round(b / gi)) * gi)   # 병목 채널을 그룹 너비의 배수로
            arch.append((int(di), int(ci), int(gi), b / ci))
        archs.append(tuple(arch))
    return archs


rng = np.random.default_rng(0)
plan = {space: sample_small(space, 20, rng) for space in 'AE'}
reference = d2l.reference_results('cpu')
regnet = reference[reference['label'] == 'RegNetX-32'].iloc[0]          # 본문 훈련 절의 기준 실행
flops_per_second = regnet['img_per_s'] * regnet['flops']               # 훈련 중 초당 처리한 순전파 연산량
print(f"본문의 RegNetX-32: {regnet['flops'] / 1e6:.2f} MFLOPs, 초당 {regnet['img_per_s']:,.0f}장")
for space, archs in plan.items():
    seconds = sum(60_000 * anynet_cost(a)[1] / flops_per_second for a in archs)
    print(f'AnyNetX_{space}(작은 공간) 20개 × 1에폭(6만 장): 약 {seconds / 60:.0f}분')

# %% [markdown]
# 두 공간을 합해 설정 40개를 6만 장으로 1에폭씩 훈련하면 위 출력의 합만큼 걸립니다. 이 노트북의 예산에 맞추어 여기서는 공간마다 **5개**를 훈련 5,000장·검증 2,000장으로 1에폭씩만 훈련합니다. 스텝이 적으므로(배치 크기 64로 79스텝) 워밍업(warm-up)에 4분의 1을 쓰지 않도록 학습률은 고정(0.002)으로 둡니다. 이 "짧은 훈련의 오차"가 논문의 10에폭 훈련에 해당하는 대리 지표이고, 오차는 1에서 검증 정확도를 뺀 값입니다.

# %%
PROXY = dict(max_epochs=1, limit=(5000, 2000), batch_size=64,
             recipe=d2l.CPU_RECIPE.replace(name='proxy', schedule='constant'))   # 설계 공간 실험의 대리 지표

# %%
errors = {}
for space, archs in plan.items():
    errors[space] = []
    for arch in archs[:5]:
        model = AnyNet(arch, lr=budget.lr)
        history, _ = train_briefly(model, **PROXY)
        errors[space].append(1 - history[-1]['val_acc'])

import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(6, 3.4))
for i, (space, values) in enumerate(errors.items()):
    values = np.sort(values)
    ax.step(values, np.arange(1, len(values) + 1) / len(values), where='post', color=f'C{i}',
            label=f'AnyNetX_{space} (n={len(values)})')
ax.set_xlabel(d2l.label('오차 (1 − 검증 정확도)', 'error (1 − val. accuracy)'))
ax.set_ylabel(d2l.label('경험적 CDF', 'empirical CDF'))
ax.legend(loc='lower right', fontsize=8)
ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()
for space, values in errors.items():
    print(f'AnyNetX_{space}: 오차 중앙값 {np.median(values):.3f}, 범위 {min(values):.3f}~{max(values):.3f}')

# %% [markdown]
# *읽기.* 곡선마다 점이 5개뿐이라 계단이 거칩니다. 이번 실행에서는 AnyNetX$_A$의 오차 중앙값(0.269<!-- run -->)이 AnyNetX$_E$(0.310<!-- run -->)보다 낮아 논문과 반대로 보이지만, $A$의 범위에는 오차 0.566<!-- run -->처럼 절반도 맞히지 못한 설정도 있습니다. 이 정도의 차이로는 어느 공간이 낫다고 말할 수 없습니다.
#
# 표본 수가 얼마나 있어야 하는지는 Dvoretzky–Kiefer–Wolfowitz 부등식(Massart, 1990의 상수)으로 어림할 수 있습니다. 표본 $n$개의 경험적 CDF가 참 CDF에서 어디서든 $\varepsilon$ 넘게 벗어날 확률은 $2e^{-2n\varepsilon^2}$ 이하이므로, 95% 신뢰로 보장되는 폭은 $\varepsilon = \sqrt{\ln(2/0.05) / (2n)}$입니다. $n = 20$이면 약 0.30, $n = 500$이면 약 0.06이고, 여기서 훈련한 $n = 5$로는 약 0.61입니다. 곧 문제의 20개로는 곡선 하나가 참 CDF에서 세로로 0.3까지 벗어날 수 있습니다. 두 곡선을 비교할 때는 두 곡선이 모두 흔들리므로 문턱이 더 높아, 두 표본 콜모고로프–스미르노프 검정(유의수준 5%)으로는 곡선 사이가 약 $1.36\sqrt{2/20} \approx 0.43$보다 벌어져야 "다르다"고 말할 수 있습니다. 논문의 500개면 그 문턱이 약 0.09로 내려갑니다. 1에폭 훈련이라는 대리 지표의 잡음은 여기에 더해집니다.

# %% [markdown]
# ## 연습문제 5
#
# **병목 비율 $k = 4$.**
#
# *생각.* 블록의 곱셈-덧셈은 $b = c/k$일 때 $(c\,b + 9gb + b\,c)\,HW = (2c^2/k + 9gc/k)\,HW$입니다. $k$를 1에서 4로 바꾸면 두 항이 모두 4분의 1이 되므로, 숏컷과 스템, 헤드를 빼면 연산량이 약 4분의 1로 줄어듭니다. 그런데 `bot_mul=0.25`를 RegNetX32에 그대로 쓰면 첫 단계의 병목 채널은 $32/4 = 8$로 그룹 너비 16보다 작아집니다(그룹 수 $8 // 16 = 0$). 그래서 너비를 $c = 64 m$꼴로 골라 병목 채널 $c/4 = 16m$이 그룹 너비 16의 배수가 되게 합니다.
#
# 연산량을 원래 모델과 맞추려면 너비를 $a$배로 키워 $2(ac)^2/4 + 9g(ac)/4 \approx 2c^2 + 9gc$가 되어야 합니다. $c = 80$, $g = 16$을 넣으면 $a^2 \cdot 3200 + a \cdot 2880 = 24{,}320$이고, 근의 공식으로 $a = (-2880 + \sqrt{2880^2 + 4 \cdot 3200 \cdot 24320}) / (2 \cdot 3200) \approx 2.3$입니다. 곧 너비를 두 배 남짓으로 늘려야 합니다.
#
# *코드.* 가능한 너비 쌍을 훑어 `anynet_cost`로 잽니다.

# %%
k4 = [{'arch': 'RegNetX32 (k = 1)', '파라미터': anynet_cost(REGNET_ARCH)[0],
       'MFLOPs': round(anynet_cost(REGNET_ARCH)[1] / 1e6, 2)}]
for c1 in (64, 128):
    for c2 in (128, 192, 256):
        if c2 < c1:
            continue
        arch = ((4, c1, 16, 0.25), (6, c2, 16, 0.25))
        params, flops = anynet_cost(arch)
        k4.append({'arch': f'k = 4, 너비 ({c1}, {c2})', '파라미터': params, 'MFLOPs': round(flops / 1e6, 2)})
display(pd.DataFrame(k4).set_index('arch'))
check = AnyNet(((4, 64, 16, 0.25), (6, 192, 16, 0.25)))
print('모델로 확인 (k = 4, 너비 (64, 192)): 파라미터', f'{d2l.num_params(check, (1, 1, 28, 28)):,},',
      f'{d2l.count_flops(check, (1, 1, 28, 28)) / 1e6:.2f} MFLOPs')

# %% [markdown]
# *읽기.* 식의 어림대로, 너비를 (32, 80)에서 두 배 남짓인 (64, 192)로 늘려야 원래 모델과 연산량이 비슷해집니다(7.39<!-- run --> 대 7.92<!-- run --> MFLOPs). 마지막 줄은 모델을 실제로 만들어 잰 값이 식과 같다는 확인입니다. 이때 파라미터 수도 원래와 거의 같습니다(186,570<!-- run --> 대 179,290<!-- run -->). 곧 $k = 4$는 블록 안을 좁히는 대신 블록 바깥의 너비를 80에서 192채널로 넓혀, 같은 비용으로 더 넓은 특성 맵을 단계 사이에 전달하는 설계입니다.
#
# 논문이 $k = 1$(병목 없음)을 가장 좋다고 한 것(Radosavovic 등, 2020)은, 같은 연산량이라면 병목을 두고 블록 바깥 너비를 키우는 것보다 병목 없이 그대로 두는 편이 나았다는 뜻입니다.

# %% [markdown]
# ## 연습문제 6
#
# **레이블 스무딩(label smoothing)을 뺀 레시피.**
#
# *생각.* 레이블 스무딩 0.1은 정답의 목표 확률을 0.91로, 나머지 아홉 클래스를 0.01씩으로 둡니다. 그 목표 분포의 엔트로피 $-0.91 \ln 0.91 - 9 \cdot 0.01 \ln 0.01 \approx 0.086 + 0.414 = 0.50$이 훈련 손실의 바닥입니다. 검증 손실은 스무딩 없는 교차 엔트로피라 바닥이 0입니다. 그래서 스무딩이 있으면 `train_loss`가 `val_loss`보다 큰 채로 끝납니다. 스무딩을 빼면 두 손실의 바닥이 같아져, 스무딩이 없을 때의 보통 모양대로 훈련 손실이 검증 손실과 비슷하거나 조금 낮아집니다.
#
# *코드.* 기준 RegNetX32(시드 0)와 같은 예산에서 레이블 스무딩만 0으로 바꿉니다.

# %%
no_smoothing = d2l.CPU_RECIPE.replace(name='no-smoothing', label_smoothing=0)
model = AnyNet(REGNET_ARCH, lr=budget.lr)
rows['레이블 스무딩 없음'] = summary_row('레이블 스무딩 없음', model,
                                      *train_briefly(model, recipe=no_smoothing))
display(pd.DataFrame([rows[k] for k in ('RegNetX32 (시드 0)', 'RegNetX32 (시드 1)', '레이블 스무딩 없음')])
        .set_index('모델'))

# %% [markdown]
# [10 모든 모델 비교 노트북의 「훈련 레시피」 절](../10_comparison.ipynb#훈련-레시피)이 ResNet으로 잰 기록(8에폭, 전체 데이터)에서 같은 재료의 줄을 읽어 옵니다.

# %%
shipped = d2l.reference_results('cpu')
ablation = shipped[shipped['label'].str.startswith(d2l.ABLATION_PREFIX)].reset_index(drop=True)
smoothing = [d2l.recipe_name(s) in ('decay', 'cpu') for s in ablation['settings']]
for run in ablation[smoothing].itertuples():
    last = run.history[-1]
    print(f"{run.label.removeprefix(d2l.ABLATION_PREFIX)}: val_acc {run.val_acc:.4f}, "
          f"train_loss {last['train_loss']:.3f}, val_loss {last['val_loss']:.3f}")

# %% [markdown]
# *읽기.* 첫 표에서 레이블 스무딩이 있는 두 실행은 `train_loss`(1.058<!-- run -->, 1.064<!-- run -->)가 `val_loss`(0.758<!-- run -->, 0.760<!-- run -->)보다 뚜렷이 크고, 스무딩을 뺀 실행은 두 손실이 0.656<!-- run -->과 0.671<!-- run -->로 거의 같습니다. 스무딩이 있으면 훈련 손실에 목표 분포의 엔트로피(약 0.50)라는 바닥이 깔리기 때문입니다. 검증 정확도는 스무딩을 뺀 실행이 0.7610<!-- run -->으로 기준 두 실행(0.7432<!-- run -->, 0.7390<!-- run -->)보다 0.018~0.022 높아 0.01 기준을 넘습니다. 다만 두 모델 차이의 표준오차(약 0.009)의 두 배 남짓이고 실행이 하나뿐이라, 이 짧은 예산에서는 스무딩을 빼자 조금 빨리 배운 것처럼 보인다는 정도로만 읽습니다. 모델이 아직 훈련 데이터를 외우지 않은 단계에서는, 지나친 확신을 누르는 레이블 스무딩의 이득이 드러날 자리가 없습니다.
#
# ResNet의 기록(8에폭, 전체 데이터)에서도 손실은 같은 모양입니다. 레이블 스무딩을 더하자 마지막 훈련 손실은 0.109<!-- run -->에서 0.600<!-- run -->으로 올라가고 검증 손실도 0.232<!-- run -->에서 0.296<!-- run -->으로 커졌지만, 검증 정확도는 0.9201<!-- run -->에서 0.9229<!-- run -->로 0.005 안에서 움직였습니다. 8에폭까지 훈련한 ResNet에서는 스무딩이 정확도를 낮추지 않았습니다. 스무딩은 정답에 주는 확률을 일부러 1보다 작게 하므로 검증 손실(교차 엔트로피)을 키웁니다. 그러니 스무딩이 있는 실행과 없는 실행은 검증 손실이 아니라 정확도로 비교해야 합니다.

# %% [markdown]
# ## 연습문제 7
#
# **"가장 좋은 MLP"를 설계 공간으로 찾기.**
#
# *생각.* 본문의 방법을 그대로 옮깁니다. (1) 네트워크 하나가 아니라 설계 공간을 정하고, (2) 공간에서 뽑은 모델들의 오차 분포를 비교하며, (3) 분포를 나쁘게 하지 않는 제약만 남깁니다. MLP의 설계 공간은 은닉층의 수 $L \in \{1, 2, 3, 4\}$와 층마다의 너비 $w_l$(2의 거듭제곱)입니다. 제약은 세 가지를 비교합니다.
#
# * **자유**: 층마다 너비를 따로 뽑음 (AnyNetX$_A$에 해당)
# * **같은 너비**: 모든 은닉층이 너비 하나를 공유 (그룹 너비·병목 비율 공유에 해당)
# * **줄어드는 너비**: 층을 지날수록 너비가 늘지 않음. 합성곱 신경망에서는 뒤 단계가 넓어야 좋았지만(AnyNetX$_D$), MLP의 입력은 이미 784차원으로 넓으므로 거꾸로 줄어드는 쪽이 나은지 봅니다
#
# 작은 규모(너비 32~256)와 큰 규모(너비 128~1024)에서 같은 비교를 해, 작은 규모의 결론이 큰 규모에서도 유지되는지(논문의 가정 3) 봅니다. MLP는 빨라서 규모와 공간마다 6개씩, 연습문제 4와 같은 대리 지표(훈련 5,000장으로 1에폭, 고정 학습률)로 훈련해도 전부 합쳐 1분이 걸리지 않습니다.

# %%
class MLP(d2l.Classifier):
    def __init__(self, widths, lr=0.002, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        layers = [nn.Flatten()]
        for width in widths:
            layers += [nn.LazyLinear(width), nn.ReLU()]
        self.net = nn.Sequential(*layers, nn.LazyLinear(num_classes))


def sample_mlp(space, n, choices, rng):
    """공간('자유', '같은 너비', '줄어드는 너비')에서 은닉층 너비 튜플 n개를 뽑습니다."""
    out = []
    while len(out) < n:
        widths = rng.choice(choices, rng.integers(1, 5))
        if space == '같은 너비':
            widths[:] = widths[0]
        elif space == '줄어드는 너비' and (np.diff(widths) > 0).any():
            continue
        out.append(tuple(int(w) for w in widths))
    return out


mlp_errors = []
rng = np.random.default_rng(0)
for scale, choices in (('작은 규모', [32, 64, 128, 256]), ('큰 규모', [128, 256, 512, 1024])):
    for space in ('자유', '같은 너비', '줄어드는 너비'):
        for widths in sample_mlp(space, 6, choices, rng):
            history, _ = train_briefly(MLP(widths, lr=budget.lr), **PROXY)
            mlp_errors.append({'규모': scale, '공간': space, '너비': widths,
                               '오차': 1 - history[-1]['val_acc']})
mlp_errors = pd.DataFrame(mlp_errors)

ENGLISH = {'자유': 'free', '같은 너비': 'shared width', '줄어드는 너비': 'shrinking width',
           '작은 규모': 'small widths', '큰 규모': 'large widths'}   # 한글 글꼴이 없을 때의 이름
fig, axes = plt.subplots(1, 2, figsize=(10, 3.4), sharey=True)
for ax, (scale, group) in zip(axes, mlp_errors.groupby('규모', sort=False)):
    for i, (space, part) in enumerate(group.groupby('공간', sort=False)):
        values = np.sort(part['오차'])
        ax.step(values, np.arange(1, len(values) + 1) / len(values), where='post', color=f'C{i}',
                label=d2l.label(space, ENGLISH[space]))
    ax.set_title(d2l.label(scale, ENGLISH[scale]), fontsize=10)
    ax.set_xlabel(d2l.label('오차', 'error'))
    ax.grid(alpha=0.3)
axes[0].set_ylabel(d2l.label('경험적 CDF', 'empirical CDF'))
axes[0].legend(fontsize=8, loc='lower right')
fig.tight_layout()
plt.show()
display(mlp_errors.groupby(['규모', '공간'], sort=False)['오차'].agg(['median', 'min', 'max']).round(3))
print('가장 낮은 오차의 MLP:', mlp_errors.loc[mlp_errors['오차'].idxmin(), ['규모', '공간', '너비']].to_dict())

# %% [markdown]
# *읽기.* 표는 규모와 공간마다 오차의 중앙값과 범위입니다. 볼 것은 두 가지입니다. 첫째, 제약을 건 공간(같은 너비, 줄어드는 너비)의 분포가 자유 공간보다 나쁘지 않다면, 그 제약은 자유도를 줄이면서도 잃는 것이 없는 좋은 제약입니다. 둘째, 두 규모에서 곡선의 순서가 같은지 봅니다. 순서가 같으면 작은 규모에서 찾은 원칙이 큰 규모로 옮겨 간다는 가정을 이 작은 실험이 지지하고, 다르면 작은 실험만으로 큰 모델의 설계를 정하면 안 된다는 경고가 됩니다.
#
# 이번 실행에서는 두 규모 모두 세 공간의 중앙값이 0.02 안팎에 모여 있고, 큰 규모가 작은 규모보다 전체적으로 조금 낮은 오차를 냈습니다. 중앙값이 가장 낮은 공간은 작은 규모에서 같은 너비(0.237<!-- run -->), 큰 규모에서 줄어드는 너비(0.214<!-- run -->)로 규모마다 달랐습니다. 그러나 공간마다 6개뿐이라 곡선 하나의 95% 폭이 약 0.55(연습문제 4의 부등식)이므로, 0.02 안팎의 차이로는 두 물음 어느 쪽에도 답할 수 없습니다. 답하려면 공간마다 훨씬 많은 설정을 뽑아 훈련해야 합니다. 마지막 줄이 보여 주듯 오차가 가장 낮았던 설정은 큰 규모·자유 공간에서 은닉층 너비가 256<!-- run -->, 512<!-- run -->로 늘어나는 MLP였지만, 점 하나라 "줄어드는 너비"를 포함해 어느 원칙의 근거도 되지 않습니다.
#
# 실제로 잘 조정된 MLP들도 이런 제약을 씁니다. 예를 들어 Gorishniy 등(2021, *Revisiting Deep Learning Models for Tabular Data*)은 MLP의 첫 층과 마지막 층의 너비만 따로 두고 가운데 층들은 너비 하나를 공유하게 해 탐색 공간을 줄였습니다. "가장 좋은 MLP 하나"보다 "좋은 MLP가 많이 나오는 공간"을 찾는 것이 이 노트북의 관점이고, 그 공간은 과제(이미지인가 표인가)와 예산에 따라 다시 재어야 합니다.
