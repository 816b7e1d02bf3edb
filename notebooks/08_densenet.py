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
# # 밀집 연결 네트워크 DenseNet
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/08_densenet.ipynb)
#
# ResNet의 덧셈을 채널 방향 이어 붙이기(concatenation)로 바꾼 DenseNet을 밀집 블록(dense block)과 전이 층(transition layer)으로 조립하고, 그 대가인 메모리를 계산한 뒤 Fashion-MNIST로 훈련합니다.

# %%
# d2lmini가 없는 환경(예: Colab)이면 설치합니다. 이미 있는 torch는 그대로 씁니다.
REPO = 'https://github.com/d2lmini/d2lmini'
import importlib.util, os, subprocess, sys
if importlib.util.find_spec('d2lmini') is None:
    local = next((p for p in ('..', 'd2lmini') if os.path.isfile(os.path.join(p, 'd2lmini', '__init__.py'))), None)
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
# ## 학습 목표
#
# 이 노트북을 마치면 다음을 할 수 있습니다.
#
# 1. 테일러 전개에 빗대어 ResNet의 $f(\mathbf{x}) = \mathbf{x} + g(\mathbf{x})$가 DenseNet의 이어 붙이기 $[\mathbf{x}, f_1(\mathbf{x}), f_2(\ldots), \ldots]$로 어떻게 넓어지는지 설명할 수 있습니다.
# 2. 배치 정규화(batch normalization)·ReLU·합성곱(convolution) 단위로 밀집 블록을 구현하고, 출력 채널(output channel) 수 $c_0 + n k$(입력 채널 + 합성곱 수 × 성장률(growth rate))를 계산할 수 있습니다.
# 3. 전이 층이 $1\times1$ 합성곱과 $2\times2$ 평균 풀링(average pooling)으로 채널 수와 해상도(resolution)를 줄이는 방식을 설명할 수 있습니다.
# 4. 책의 DenseNet(스템(stem), 밀집 블록 네 개, 전이 층 세 개, 헤드(head))의 모양과 파라미터(parameter) 수를 식으로 따라가고 ResNet-18과 비교할 수 있습니다.
# 5. 이어 붙이기가 역전파(backpropagation)를 위해 저장하는 활성값(activation)의 양을 식으로 계산하고, 출력 너비가 같은 잔차 블록(residual block), 파라미터 수가 같은 잔차 블록과 각각 비교할 수 있습니다.
# 6. CPU에 맞게 줄인 DenseNet을 02~09 노트북이 함께 쓰는 훈련 레시피로 훈련하고 결과를 읽을 수 있습니다.

# %% [markdown]
# ## 개념
#
# ### ResNet에서 DenseNet으로
#
# 함수 $f$를 $x = 0$ 근처에서 테일러 전개하면 다음처럼 차수가 점점 높아지는 항들로 나뉩니다.
#
# $$f(x) = f(0) + x \cdot \left[ f'(0) + x \cdot \left[ \frac{f''(0)}{2!} + x \cdot \left[ \frac{f'''(0)}{3!} + \cdots \right] \right] \right]$$
#
# 테일러 전개가 함수를 차수가 다른 항으로 나누듯, ResNet의 잔차 블록은 출력을 "입력 그대로"라는 단순한 항과 나머지 비선형 항 $g(\mathbf{x})$의 두 항으로 나눕니다.
#
# $$f(\mathbf{x}) = \mathbf{x} + g(\mathbf{x})$$
#
# 두 항을 넘어 더 많은 항을 쓰고 싶다면 어떻게 할까요? Huang 등(2017)의 **DenseNet**(dense convolutional network)은 항들을 **더하지 않고 채널 방향으로 이어 붙여** 모두 남겨 둡니다. 이어 붙이기를 $[\cdot, \cdot]$로 쓰면 밀집 블록은 입력을 다음과 같이 점점 길어지는 특성(feature) 목록으로 바꿉니다.
#
# $$\mathbf{x} \to \Big[\mathbf{x},\ f_1(\mathbf{x}),\ f_2\big([\mathbf{x}, f_1(\mathbf{x})]\big),\ f_3\big([\mathbf{x}, f_1(\mathbf{x}), f_2([\mathbf{x}, f_1(\mathbf{x})])]\big),\ \ldots\Big]$$
#
# 층 $f_i$는 **앞선 모든 층의 출력**을 입력으로 받습니다. 층 사이의 의존 관계가 촘촘해서(dense) 이런 이름이 붙었습니다. 층이 $n$개인 블록에서 $i$번째 층은 블록 입력과 앞선 $i - 1$개 층의 출력, 곧 $i$개의 출처에서 입력을 받으므로 직접 연결은 모두 $1 + 2 + \cdots + n = n(n+1)/2$개입니다.
#
# ### 덧셈과 이어 붙이기의 차이
#
# **그림 1. 덧셈과 이어 붙이기.** 블록의 입력 $\mathbf{x}$와 출력 $g(\mathbf{x})$를 합치는 두 방법을 채널 단위로 그립니다. 덧셈 뒤에는 채널 수가 그대로이고 두 항이 한 텐서에 섞이는 반면, 이어 붙이면 채널이 늘어나고 두 항이 서로 다른 채널에 그대로 남는 것을 보세요.

# %%
import d2lmini as d2l

d2l.plot_add_vs_concat()

# %% [markdown]
# 그림에서 본 차이를 정리하면 다음과 같습니다.
#
# * 덧셈 $\mathbf{x} + g(\mathbf{x})$ 뒤에는 두 항을 다시 나눌 수 없습니다. 다음 층은 섞인 합만 봅니다. 이어 붙이면 $\mathbf{x}$와 $g(\mathbf{x})$가 서로 다른 채널에 그대로 남아, 뒤의 층이 앞선 층의 특성을 **그대로 다시 쓸 수 있습니다**(특성 재사용).
# * 이어 붙인 뒤에 $1\times1$ 합성곱을 두면 덧셈도 표현할 수 있습니다. 가중치(weight)를 $[\mathbf{I}, \mathbf{I}]$로 두면 $[\mathbf{x}, g(\mathbf{x})] \mapsto \mathbf{x} + g(\mathbf{x})$입니다(**구현**에서 확인). 반대로 덧셈 뒤에는 이어 붙이기를 되살릴 수 없으므로 이어 붙이기 쪽이 더 일반적입니다.
# * 앞선 특성이 모두 남아 있으므로 각 층은 **새 특성 몇 개만** 더하면 됩니다. 그래서 DenseNet의 합성곱 층은 출력 채널이 $k$개(성장률)뿐인 좁은 층이고, 파라미터가 적습니다.
# * 블록의 출력에는 모든 층의 출력이 들어 있으므로, 손실(loss)의 기울기(gradient)가 블록 안의 어느 층에든 짧은 길로 닿습니다.
#
# 대가도 있습니다. 채널 수가 층마다 늘어나므로 어딘가에서 다시 줄여야 하고(**전이 층**), 이어 붙인 특성 맵(feature map)을 층마다 새로 만들어 저장하므로 메모리가 많이 듭니다(**이어 붙이기의 대가**).
#
# ### 밀집 블록과 성장률
#
# 밀집 블록의 기본 단위는 07 ResNet 노트북의 「잔차 매핑」 절에서 소개하고 그 노트북의 연습문제 3에서 만들어 보는 "사전 활성화" 순서, 곧 배치 정규화 → ReLU → $3\times3$ 합성곱(패딩(padding) 1)입니다. 해상도는 그대로 두고 출력 채널은 $k$개입니다. 블록은 이 단위를 $n$개 쌓되, 단위마다 입력과 출력을 채널 방향으로 이어 붙여 다음 단위에 넘깁니다. 블록 입력의 채널이 $c_0$개면 $i$번째 단위의 입력 채널은
#
# $$w_i = c_0 + (i - 1)\,k, \qquad \text{블록의 출력 채널} = c_0 + n k$$
#
# 입니다. 채널이 단위마다 $k$개씩 자라므로 $k$를 **성장률**이라고 부릅니다. 책의 예처럼 $c_0 = 3$, $n = 2$, $k = 10$이면 출력은 $3 + 2 \times 10 = 23$채널입니다.
#
# **파라미터 수.** 배치 정규화 층은 채널마다 스케일과 시프트 두 개, 합성곱 층은 $c_i c_o k_h k_w + c_o$개의 파라미터를 가지므로 밀집 블록 전체는
#
# $$\sum_{i=1}^{n} \Big( \underbrace{2 w_i}_{\text{BN}} + \underbrace{9 w_i k + k}_{3\times3\ \text{합성곱}} \Big)$$
#
# 개입니다. 합성곱의 출력이 $k$개뿐이라 $w_i$에 대해 **일차**입니다. 입력과 출력의 너비를 똑같이 $C$로 유지하는 합성곱($9C^2 + C$)과 비교해 보세요.
#
# ### 전이 층
#
# 밀집 블록을 지날 때마다 채널이 $nk$개씩 늘어나므로 블록을 여러 개 이으면 모델이 금방 무거워집니다. **전이 층**은 블록 사이에서 모델의 크기를 조절합니다.
#
# $$\mathrm{BN} \to \mathrm{ReLU} \to \mathrm{Conv}_{1\times1}\ (c \to c') \to \mathrm{AvgPool}_{2\times2,\ \text{스트라이드}\ 2}$$
#
# $1\times1$ 합성곱이 채널을 $c$에서 $c'$로 줄이고(책은 반으로: $c' = \lfloor c/2 \rfloor$, 논문은 이 비율 $\theta$를 압축률(compression factor)이라 부릅니다), 스트라이드(stride) 2인 $2\times2$ 평균 풀링이 높이와 너비를 $\lfloor n_h / 2 \rfloor$로 줄입니다. 파라미터는 $2c + c c' + c'$개입니다.
#
# **논문의 이름: DenseNet-B, -C, -BC.** Huang 등(2017)은 단위의 $3\times3$ 합성곱 앞에 $4k$채널의 $1\times1$ 합성곱 **병목**(bottleneck)을 두는 모델을 DenseNet-B, 전이 층에서 $\theta < 1$로 압축하는 모델을 DenseNet-C, 둘 다 쓰는 모델을 **DenseNet-BC**라 부릅니다. ImageNet용 DenseNet-121·169·201은 모두 $\theta = 0.5$인 DenseNet-BC입니다. 책(과 이 노트북)의 모델은 병목 없이 $\theta = 0.5$로 압축만 하므로 논문의 이름으로는 DenseNet-C에 해당합니다. 병목을 더해 DenseNet-BC로 만드는 것은 연습문제 3입니다.
#
# ### 책의 DenseNet 전체 구조
#
# * **스템** `b1`: ResNet과 같습니다. $7\times7$ 합성곱(64채널, 스트라이드 2, 패딩 3) → BN → ReLU → $3\times3$ 최대 풀링(max pooling; 스트라이드 2, 패딩 1). 96×96 입력이면 $96 \to 48 \to 24$입니다.
# * **밀집 블록 네 개**(`dense_blk1`–`dense_blk4`): 블록마다 합성곱 4개(ResNet-18의 단계마다 합성곱 4개와 맞춤), 성장률 $k = 32$라 블록마다 채널이 $4 \times 32 = 128$개씩 늘어납니다.
# * **전이 층 세 개**(`tran_blk1`–`tran_blk3`): 마지막 블록을 뺀 블록 뒤마다 채널과 해상도를 반으로 줄입니다. ResNet에서 스트라이드 2인 잔차 블록이 하던 일입니다.
# * **헤드** `last`: BN → ReLU → 전역 평균 풀링(global average pooling) → 펼치기 → 완전 연결 층(fully connected layer) 10출력. 사전 활성화 단위는 합성곱으로 끝나므로 헤드 앞에 BN과 ReLU를 한 번 더 둡니다.
#
# 채널과 해상도는 다음과 같이 변합니다.
#
# | 단계 | 채널 | 해상도 |
# |---|---|---|
# | 스템 | 64 | 24×24 |
# | 밀집 블록 1 → 전이 층 1 | 64 + 128 = 192 → 96 | 24 → 12 |
# | 밀집 블록 2 → 전이 층 2 | 96 + 128 = 224 → 112 | 12 → 6 |
# | 밀집 블록 3 → 전이 층 3 | 112 + 128 = 240 → 120 | 6 → 3 |
# | 밀집 블록 4 | 120 + 128 = 248 | 3×3 |
# | 헤드 | 248 → 10 | 1×1 |
#
# 가장 넓은 층도 248채널이라 512채널까지 가는 ResNet-18보다 훨씬 가볍습니다(**모양 확인**에서 파라미터를 셉니다).
#
# ### 이어 붙이기의 대가: 메모리
#
# 역전파를 하려면 순전파(forward pass)의 중간값, 곧 활성값 일부를 저장해 두어야 합니다. `torch.cat`은 이어 붙인 결과를 **새 텐서에 복사**하므로, 밀집 블록의 $i$번째 단위는 $w_i$채널짜리 이어 붙인 입력을 새로 만들고, 배치 정규화가 그것을 저장합니다. ReLU의 출력($w_i$채널)도 ReLU와 합성곱의 역전파에 필요해 저장됩니다. 그래서 단위 $n$개가 저장하는 활성값은 채널 맵 개수로
#
# $$\sum_{i=1}^{n} 2 w_i = 2 n c_0 + k\, n (n - 1)$$
#
# 개입니다(채널 맵 하나 = 배치 크기(batch size) $B$ × $H \times W$개의 실수). $n$에 대해 **이차**로 늘어납니다. 블록이 실제로 만드는 정보는 $c_0 + nk$채널뿐인데, 앞선 특성을 단위마다 다시 복사해 저장하기 때문입니다.
#
# **메모리 효율적인 구현.** Pleiss 등(2017, *Memory-Efficient Implementation of DenseNets*)은 이 이차 항을 없앴습니다. 이어 붙인 결과와 BN의 출력을 단위마다 새 텐서에 두지 않고 블록 전체가 **공유하는 메모리** 하나에 덮어쓰며, 역전파 때 필요하면 이어 붙이기·BN·ReLU를 **다시 계산**합니다. 그러면 오래 남겨 둘 활성값은 각 단위의 새 특성, 곧 $c_0 + nk$채널 정도로 줄어 $n$에 대해 일차가 되고, 그 대가로 순전파 일부를 한 번 더 계산하는 시간이 듭니다. PyTorch에서는 `torch.utils.checkpoint`로 같은 재계산을 할 수 있고, torchvision의 DenseNet도 `memory_efficient=True`로 이 방식을 씁니다. **인터랙티브** (나)의 "한 번씩만 저장" 선이 이 구현의 메모리이고, 연습문제 6에서 `torch.utils.checkpoint`로 직접 재 봅니다.
#
# **잔차 블록과 비교하기.** 합성곱이 $n$개이고 너비가 $C_r$로 일정한 사전 활성화 잔차 블록 $\mathbf{x} + \mathrm{Conv}(\mathrm{ReLU}(\mathrm{BN}(\mathbf{x})))$는 단위마다 BN의 입력과 ReLU의 출력($C_r$채널씩)을 저장하므로 $2nC_r$개의 채널 맵이 필요하고, 파라미터는 $n(9C_r^2 + 3C_r)$개입니다($C_r$의 r은 residual(잔차)의 머리글자입니다). 무엇을 맞춰 비교하느냐에 따라 결론이 달라집니다.
#
# * **출력 너비를 맞추면**($C_r = c_0 + nk$): 잔차 블록이 활성값을 더 많이 저장합니다. 하지만 파라미터와 연산량(FLOPs, 곱셈-덧셈 한 쌍을 2로 셉니다)이 너비의 제곱에 비례해 밀집 블록보다 열 배쯤 크므로 공정한 비교가 아닙니다.
# * **파라미터 수를 맞추면**($n(9C_r^2 + 3C_r) \approx$ 밀집 블록의 파라미터): 잔차 블록의 너비가 훨씬 좁아지고 연산량도 밀집 블록과 거의 같아집니다. 이때는 밀집 블록이 활성값을 더 많이 저장하고, 그 차이는 $n$이 커질수록 벌어집니다.
#
# **인터랙티브** (나)에서 세 블록의 파라미터, 연산량, 활성값을 나란히 놓습니다.

# %% [markdown]
# ## 구현
#
# ### 합성곱 단위와 밀집 블록
#
# 단위 하나는 BN → ReLU → $3\times3$ 합성곱입니다. 지연 초기화(lazy initialization) 층을 쓰므로 입력 채널 수를 적지 않아도 되고, 단위마다 입력 채널이 달라도 첫 순전파에서 모양이 정해집니다.

# %%
import math

import matplotlib.pyplot as plt
import pandas as pd
import torch
from torch import nn
import ipywidgets as widgets
import d2lmini as d2l


def conv_block(num_channels):
    """밀집 블록의 단위: BN → ReLU → 3x3 합성곱(패딩 1). 출력 채널은 num_channels(= 성장률)."""
    return nn.Sequential(
        nn.LazyBatchNorm2d(), nn.ReLU(),
        nn.LazyConv2d(num_channels, kernel_size=3, padding=1))


class DenseBlock(nn.Module):
    """단위 num_convs개. 단위마다 입력과 출력을 채널 방향으로 이어 붙여 다음 단위에 넘깁니다."""
    def __init__(self, num_convs, num_channels):
        super().__init__()
        self.net = nn.Sequential(*[conv_block(num_channels) for _ in range(num_convs)])

    def forward(self, X):
        for unit in self.net:
            Y = unit(X)                      # 새 특성 num_channels개
            X = torch.cat((X, Y), dim=1)     # [지금까지의 특성, 새 특성]
        return X


# %% [markdown]
# 책의 예처럼 3채널 입력에 성장률 10인 단위 두 개짜리 블록을 적용하면 출력은 $3 + 2 \times 10 = 23$채널이고 높이와 너비는 그대로입니다. 단위마다의 입력 채널 $w_i = 3 + (i-1) \cdot 10$도 확인합니다.

# %%
# NBVAL_CHECK_OUTPUT
blk = DenseBlock(2, 10)
X = torch.randn(4, 3, 8, 8)
Y = blk(X)
print('DenseBlock(2, 10) 출력:', tuple(Y.shape))
for i, unit in enumerate(blk.net, start=1):
    conv = unit[2]
    print(f'단위 {i}: 입력 채널 w_{i} = {conv.in_channels}, 출력 채널 {conv.out_channels}')

# %% [markdown]
# **그림 2. 밀집 블록.** 위의 `blk`를 그대로 그립니다. 단위마다 BN → ReLU → $3\times3$ 합성곱을 지난 새 특성 10채널이 입력과 이어 붙여져, 채널이 $3 \to 13 \to 23$으로 자라는 것을 보세요. `DenseBlock(2, 10)`의 인자를 바꾸면 그림도 바뀝니다.

# %%
d2l.draw(blk, (1, 3, 8, 8))

# %% [markdown]
# ### 전이 층
#
# BN → ReLU → $1\times1$ 합성곱 → $2\times2$ 평균 풀링(스트라이드 2)입니다. 위 블록의 출력(23채널, 8×8)에 10채널 전이 층을 적용하면 채널은 10으로, 높이와 너비는 $8/2 = 4$로 줄어듭니다.

# %%
# NBVAL_CHECK_OUTPUT
def transition_block(num_channels):
    """전이 층: 1x1 합성곱으로 채널을 num_channels로 줄이고, 평균 풀링으로 높이·너비를 반으로."""
    return nn.Sequential(
        nn.LazyBatchNorm2d(), nn.ReLU(),
        nn.LazyConv2d(num_channels, kernel_size=1),
        nn.AvgPool2d(kernel_size=2, stride=2))


trans = transition_block(10)
print('transition_block(10) 출력:', tuple(trans(Y).shape))
print(f'파라미터: {d2l.num_params(trans)} (식 2·23 + 23·10 + 10 = {2 * 23 + 23 * 10 + 10})')

# %% [markdown]
# ### 덧셈과 이어 붙이기
#
# 개념에서 말한 "이어 붙이기 + $1\times1$ 합성곱은 덧셈을 표현할 수 있다"를 확인합니다. 채널이 $C$개인 두 텐서 $\mathbf{x}$와 $\mathbf{g}$를 이어 붙여 $2C$채널을 만들고, 가중치가 $[\mathbf{I}, \mathbf{I}]$이고 편향(bias)이 0인 $1\times1$ 합성곱($2C \to C$)을 적용하면 $\mathbf{x} + \mathbf{g}$와 같습니다. 가중치를 $[\mathbf{I}, \mathbf{0}]$으로 바꾸면 $\mathbf{x}$만 골라낼 수도 있습니다. 덧셈 결과에서는 이렇게 $\mathbf{x}$를 되찾을 수 없습니다.

# %%
# NBVAL_CHECK_OUTPUT
C = 6
x, g = torch.randn(2, C, 5, 5), torch.randn(2, C, 5, 5)
concat = torch.cat((x, g), dim=1)
mix = nn.Conv2d(2 * C, C, kernel_size=1, bias=False)
with torch.no_grad():
    eye = torch.eye(C).reshape(C, C, 1, 1)
    mix.weight.copy_(torch.cat((eye, eye), dim=1))            # [I, I]
    print('이어 붙인 모양:', tuple(concat.shape), '→ 1x1 합성곱 [I, I]가 x + g와 같은가:',
          torch.allclose(mix(concat), x + g, atol=1e-6))
    mix.weight.copy_(torch.cat((eye, torch.zeros_like(eye)), dim=1))   # [I, 0]
    print('1x1 합성곱 [I, 0]이 x를 그대로 꺼내는가:', torch.allclose(mix(concat), x))

# %% [markdown]
# ### `DenseNet`: 스템, 블록, 헤드
#
# 책처럼 클래스를 나눠 씁니다. 스템 `b1`은 ResNet의 스템과 같습니다. 책의 코드는 스템의 출력 채널을 64로 고정하고 생성자에서 `num_channels=64`를 따로 받아 전이 층의 채널 수를 계산합니다. 둘이 어긋나면 지연 층이라 오류 없이 **조용히** 다른 채널 수가 계산되므로, 여기서는 스템도 `num_channels`를 쓰게 했습니다. 책의 설정(`num_channels=64`)에서는 책의 모델과 똑같고, 아래 **훈련**의 작은 모델은 이 값을 줄여 스템도 함께 좁힙니다.

# %%
class DenseNet(d2l.Classifier):
    def b1(self):
        # 스템: 7x7 합성곱(스트라이드 2) → BN → ReLU → 3x3 최대 풀링(스트라이드 2). ResNet과 같음
        return nn.Sequential(
            nn.LazyConv2d(self.num_channels, kernel_size=7, stride=2, padding=3),
            nn.LazyBatchNorm2d(), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2, padding=1))


# %% [markdown]
# 생성자는 `arch`의 수마다 그만큼의 단위로 된 밀집 블록을 붙이고, 마지막 블록을 뺀 블록 뒤에 채널을 반으로 줄이는 전이 층을 붙입니다. 지역 변수 `num_channels`는 "지금 채널 수"를 따라갑니다: 블록 뒤에는 $+\,nk$, 전이 층 뒤에는 $\lfloor \cdot / 2 \rfloor$.

# %%
@d2l.add_to_class(DenseNet)
def __init__(self, num_channels=64, growth_rate=32, arch=(4, 4, 4, 4), lr=0.1,
             num_classes=10):
    super(DenseNet, self).__init__()
    self.save_hyperparameters()
    self.net = nn.Sequential(self.b1())
    for i, num_convs in enumerate(arch):
        self.net.add_module(f'dense_blk{i+1}', DenseBlock(num_convs, growth_rate))
        num_channels += num_convs * growth_rate          # 블록 출력 채널: c0 + n k
        if i != len(arch) - 1:                           # 마지막 블록 뒤에는 전이 층이 없음
            num_channels //= 2
            self.net.add_module(f'tran_blk{i+1}', transition_block(num_channels))
    self.net.add_module('last', nn.Sequential(
        nn.LazyBatchNorm2d(), nn.ReLU(),
        nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(),
        nn.LazyLinear(num_classes)))
    # 책은 여기서 self.net.apply(d2l.init_cnn)을 부르지만 책의 init_cnn은 지연 층에서 아무 일도 하지
    # 않습니다. d2lmini의 init_cnn은 지연 층에도 초기화를 예약하므로, 책의 실행과 같게 이 줄을 빼고
    # 초기화는 훈련 절에서 프로필 설정(init)으로 고릅니다.


# %% [markdown]
# ## 모양 확인
#
# 책의 DenseNet(`num_channels=64, growth_rate=32, arch=(4, 4, 4, 4)`)에 96×96 입력을 넣었을 때 단계마다의 출력 모양입니다. 개념의 표와 맞는지 확인하세요. 먼저 `apply_init`이 입력 한 장으로 순전파해 지연 층의 모양을 정합니다. `layer_summary`는 예측 모드로 계산하므로 배치 크기 1로도 배치 정규화가 동작합니다.

# %%
# NBVAL_CHECK_OUTPUT
densenet = DenseNet()
densenet.apply_init([torch.zeros(1, 1, 96, 96)])   # 96×96 입력으로 지연 층의 모양을 정합니다
densenet.layer_summary((1, 1, 96, 96))

# %% [markdown]
# **그림 3. 책의 DenseNet.** 같은 `densenet` 객체를 블록 단위로 그립니다. 밀집 블록을 지날 때마다 채널이 128개씩 늘고, 전이 층이 채널과 해상도를 반으로 줄이는 것을 개념의 표와 견주어 보세요.

# %%
d2l.draw(densenet, (1, 1, 96, 96), depth=1)

# %% [markdown]
# **파라미터 수와 연산량.** 단계마다 식으로 센 파라미터 수와 실제 모델의 값을 비교하고, 96×96 입력 한 장의 연산량도 셉니다. 밀집 블록의 식은 개념의 $\sum_i (2w_i + 9 w_i k + k)$, 전이 층은 $2c + cc' + c'$입니다.

# %%
# NBVAL_CHECK_OUTPUT
def dense_block_params(c0, num_convs, k):
    """밀집 블록의 파라미터 수: 단위마다 BN(2w) + 3x3 합성곱(9wk + k), w = c0 + (i-1)k."""
    return sum(2 * w + 9 * w * k + k for w in (c0 + i * k for i in range(num_convs)))


def transition_params(c, c_out):
    """전이 층의 파라미터 수: BN(2c) + 1x1 합성곱(c·c_out + c_out)."""
    return 2 * c + c * c_out + c_out


def stage_table(model, input_size=96):
    """단계(스템, 블록, 전이 층, 헤드)마다 출력 모양, 식의 파라미터, 실제 파라미터, MFLOPs."""
    c, k = model.num_channels, model.growth_rate
    X = torch.zeros(1, 1, input_size, input_size)
    model.apply_init([X])
    rows = []
    for name, stage in model.net.named_children():
        name = 'b1' if name == '0' else name
        if name == 'b1':
            formula = (1 * c * 7 * 7 + c) + 2 * c
        elif name.startswith('dense_blk'):
            n = len(stage.net)
            formula, c = dense_block_params(c, n, k), c + n * k
        elif name.startswith('tran_blk'):
            formula, c = transition_params(c, c // 2), c // 2
        else:                                           # 헤드: BN + 완전 연결 층
            formula = 2 * c + c * model.num_classes + model.num_classes
        flops = d2l.count_flops(stage, X.shape)
        with torch.no_grad():
            X = stage.eval()(X)
        rows.append((name, str(tuple(X.shape)), formula, d2l.num_params(stage),
                     round(flops / 1e6, 2)))
    table = pd.DataFrame(rows, columns=['단계', '출력 모양', '파라미터(식)', '파라미터(실제)',
                                        'MFLOPs']).set_index('단계')
    table.loc['합계'] = ['', table['파라미터(식)'].sum(), table['파라미터(실제)'].sum(),
                         round(table['MFLOPs'].sum(), 2)]
    return table


table = stage_table(densenet)
share = table.loc['dense_blk1', ['파라미터(실제)', 'MFLOPs']] / table.loc['합계', ['파라미터(실제)', 'MFLOPs']]
print(f'96×96 한 장의 순전파: {d2l.count_flops(densenet, (1, 1, 96, 96)) / 1e9:.2f} GFLOPs')
print(f'dense_blk1의 몫: 파라미터 {share.iloc[0]:.0%}, FLOPs {share.iloc[1]:.0%}')
table

# %% [markdown]
# 파라미터가 758,226<!-- run -->개(약 76만 개)로, 같은 스템과 비슷한 깊이를 가진 ResNet-18(약 1,118만 개, 07 ResNet 노트북의 「모양 확인」 절)의 15분의 1 정도입니다. 블록 안의 합성곱이 모두 $k = 32$채널만 내보내기 때문입니다. 파라미터는 뒤쪽 블록일수록 조금씩 많아지지만(입력 채널 $c_0$가 커지므로), 연산량은 해상도를 따라갑니다. 밀집 블록 1은 파라미터가 전체의 약 17%<!-- run -->뿐이지만 해상도가 가장 큰 24×24에서 돌기 때문에 연산량의 절반 이상(58%<!-- run -->)을 차지합니다.

# %% [markdown]
# ## 인터랙티브
#
# ### (가) 밀집 블록 안에서 채널이 자라는 모습과 전이 층의 압축
#
# 블록 입력 채널 $c_0$, 성장률 $k$, 단위 수 $n$, 전이 층의 압축률 $\theta$를 바꾸면 단위마다 입력이 어떤 특성으로 이루어지는지 막대그래프로 보여 줍니다. 막대 하나가 그 단위가 받는 입력이고, 회색은 블록 입력 $\mathbf{x}$, 색깔 조각은 앞선 단위들의 출력 $f_1, f_2, \ldots$입니다. 마지막 두 막대는 블록 출력($c_0 + nk$)과 전이 층 출력($\lfloor \theta (c_0 + nk) \rfloor$)입니다. 실제로 `DenseBlock`과 `transition_block`을 만들어 통과시킨 채널 수와 파라미터 수를 식과 함께 출력합니다. 기본값은 책의 첫 블록($c_0 = 64$, $k = 32$, $n = 4$, $\theta = 0.5$)입니다.
#
# 해 볼 것:
#
# * $k$를 두 배로 하면 블록의 파라미터는 약 몇 배가 되나요? $n$을 두 배로 하면 어떻게 되나요? ($w_i$가 $k$와 $n$에 모두 달려 있습니다.)
# * $\theta = 1$이면 전이 층은 해상도만 줄입니다. 이때 블록을 여러 개 이으면 채널이 어떻게 되는지 생각해 보세요.

# %%
def show_growth(c0=64, k=32, n=4, theta=0.5):
    widths = [c0 + (i - 1) * k for i in range(1, n + 1)]
    out = c0 + n * k
    compressed = max(1, math.floor(theta * out))
    # 실제 모듈로 확인: 채널 수와 파라미터 수
    block, trans = DenseBlock(n, k), transition_block(compressed)
    with torch.no_grad():
        Y = block(torch.zeros(2, c0, 8, 8))
        Z = trans(Y)
    fig, ax = plt.subplots(figsize=(9, 3.6))
    colors = plt.cm.viridis([j / max(n, 1) for j in range(n)])
    labels = ([d2l.label(f'단위 {i}\n입력', f'unit {i}\ninput') for i in range(1, n + 1)]
              + [d2l.label('블록\n출력', 'block\noutput'), d2l.label('전이 층\n출력', 'transition\noutput')])
    for bar, total in enumerate(widths + [out]):
        ax.bar(bar, c0, color='0.7', edgecolor='white')
        for j in range((total - c0) // k):               # 앞선 단위의 출력 f_1, f_2, ...
            ax.bar(bar, k, bottom=c0 + j * k, color=colors[j], edgecolor='white')
        ax.text(bar, total, str(total), ha='center', va='bottom', fontsize=9)
    ax.bar(n + 1, compressed, color='C3', edgecolor='white')
    ax.text(n + 1, compressed, str(compressed), ha='center', va='bottom', fontsize=9)
    ax.set_xticks(range(n + 2), labels, fontsize=8)
    ax.set_ylabel(d2l.label('채널 수', 'channels'))
    ax.set_ylim(0, 1.15 * max(out, compressed))
    handles = [plt.Rectangle((0, 0), 1, 1, color='0.7')] + \
              [plt.Rectangle((0, 0), 1, 1, color=colors[j]) for j in range(min(n, 4))]
    ax.legend(handles, [d2l.label('x (블록 입력)', 'x (block input)')] + [f'f_{j + 1}' for j in range(min(n, 4))],
              fontsize=8, loc='upper left')
    fig.tight_layout()
    plt.show()
    print(f'블록 출력 채널: c0 + n·k = {c0} + {n}·{k} = {out}  (실제 {Y.shape[1]}), '
          f'전이 층 출력: ⌊{theta}·{out}⌋ = {compressed}  (실제 {Z.shape[1]}, 해상도 8 → {Z.shape[-1]})')
    print(f'블록 파라미터: 식 {dense_block_params(c0, n, k):,} / 실제 {d2l.num_params(block):,}, '
          f'전이 층 파라미터: 식 {transition_params(out, compressed):,} / 실제 {d2l.num_params(trans):,}')
    print(f'블록 안의 직접 연결: n(n+1)/2 = {n * (n + 1) // 2}개')


d2l.interact(
    show_growth,
    c0=widgets.IntSlider(value=64, min=8, max=256, step=8, description='입력 c0'),
    k=widgets.IntSlider(value=32, min=4, max=64, step=4, description='성장률 k'),
    n=widgets.IntSlider(value=4, min=1, max=12, description='단위 수 n'),
    theta=widgets.FloatSlider(value=0.5, min=0.25, max=1.0, step=0.125, description='압축률 θ'))

# %% [markdown]
# ### (나) 이어 붙이기의 메모리: 밀집 블록 vs 잔차 블록
#
# 먼저 개념의 메모리 식이 맞는지 실제로 잽니다. `torch.autograd.graph.saved_tensors_hooks`는 autograd가 역전파용으로 저장하는 텐서를 하나씩 넘겨줍니다. 그 가운데 파라미터가 아닌 4차원 텐서(활성값)의 크기를 저장 공간마다 한 번씩 더합니다. 책의 첫 밀집 블록($c_0 = 64$, $k = 32$, $n = 4$, 24×24)을 사전 활성화 잔차 단위 4개짜리 블록 두 가지와 비교합니다. 하나는 출력 너비를 맞춘 $C_r = 192$이고, 다른 하나는 파라미터 수 $n(9C_r^2 + 3C_r)$가 밀집 블록과 가장 가깝도록 너비를 고른 블록입니다. 활성값은 배치 크기에 정비례하므로 배치 1에서 잽니다.

# %%
class PreActResidual(nn.Module):
    """비교용 사전 활성화 잔차 단위: x + Conv3x3(ReLU(BN(x))), 너비 그대로."""
    def __init__(self, channels):
        super().__init__()
        self.unit = conv_block(channels)

    def forward(self, X):
        return X + self.unit(X)


def matched_width(c0, n, k):
    """파라미터 n(9C_r² + 3C_r)가 밀집 블록의 파라미터와 가장 가까운 잔차 블록의 너비 C_r."""
    P = dense_block_params(c0, n, k)
    return max(1, round((-3 + math.sqrt(9 + 36 * P / n)) / 18))


def saved_activation_maps(module, X):
    """순전파 한 번에 autograd가 역전파용으로 저장하는 활성값을 '채널 맵' 개수로 셉니다."""
    module(X)                                            # 지연 층의 모양을 먼저 정함
    params = {p.data_ptr() for p in module.parameters()}
    saved = {}

    def pack(t):
        if t.dim() == 4 and t.data_ptr() not in params:  # 파라미터가 아닌 활성값만
            saved[t.data_ptr()] = t.numel()              # 같은 저장 공간은 한 번만
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        module(X)
    return sum(saved.values()) // (X.shape[0] * X.shape[2] * X.shape[3])


c0, k, n, size = 64, 32, 4, 24
C, Cr = c0 + n * k, matched_width(c0, n, k)
dense_block = DenseBlock(n, k)
dense_maps = saved_activation_maps(dense_block, torch.randn(1, c0, size, size))
print(f'밀집 블록            : 측정 {dense_maps} 채널 맵, 식 2·n·c0 + k·n·(n-1) = '
      f'{2 * n * c0 + k * n * (n - 1)}, 파라미터 {d2l.num_params(dense_block):,}')
for name, width in (('출력 너비를 맞춘 잔차', C), ('파라미터를 맞춘 잔차', Cr)):
    residual_block = nn.Sequential(*[PreActResidual(width) for _ in range(n)])
    maps = saved_activation_maps(residual_block, torch.randn(1, width, size, size))
    print(f'{name} (C_r = {width}): 측정 {maps} 채널 맵, 식 2·n·C_r = {2 * n * width}, '
          f'파라미터 {d2l.num_params(residual_block):,}')
print(f'특성을 한 번씩만 저장하면: c0 + n·k = {C} 채널 맵')


# %% [markdown]
# 식이 확인되었으니 인터랙티브는 식으로 계산합니다(슬라이더를 움직일 때 바로 바뀝니다). 왼쪽 그림은 단위 수 $n$에 따라 블록 하나가 저장하는 활성값(MiB, 32비트 실수)입니다. 밀집 블록(`torch.cat`을 쓰는 이 노트북의 구현), 특성을 한 번씩만 저장하는 구현(Pleiss 등, 2017), 출력 너비를 맞춘 잔차 블록, 파라미터를 맞춘 잔차 블록을 비교합니다. 오른쪽 그림은 밀집 블록의 활성값을 두 잔차 블록의 활성값으로 나눈 비이고, 1보다 크면 밀집 블록이 메모리를 더 씁니다. 아래 표는 고른 $n$에서 세 블록의 파라미터, 배치 전체의 순전파 연산량(GFLOPs), 활성값, 파라미터 하나당 활성값(바이트)입니다.
#
# 기본값은 책의 첫 블록을 책의 배치 크기 128로 훈련할 때입니다. 책은 Fashion-MNIST의 28×28 이미지를 96×96으로 키워 넣으므로 스템을 지난 첫 블록은 24×24에서 돕니다(`cpu` 프로필은 32×32 입력이라 8×8입니다).
#
# 해 볼 것:
#
# * $n$을 늘리면 밀집 블록의 곡선은 이차로, "한 번씩만 저장" 선은 일차로 자랍니다. $n = 12$에서 두 값의 비는 얼마인가요?
# * 출력 너비를 맞춘 잔차 블록은 활성값을 더 많이 쓰지만, 파라미터와 연산량은 몇 배인가요? 파라미터를 맞춘 잔차 블록과 비교하면 결론이 어떻게 바뀌나요?
# * 해상도를 56으로 올리면 ImageNet의 224×224 입력이 같은 스템을 지난 크기가 됩니다. 메모리가 몇 배가 되나요? 책이 Fashion-MNIST를 224가 아니라 96으로 키워 쓰는 까닭을 생각해 보세요.

# %%
def block_costs(c0, k, n, size, batch):
    """식으로 계산한 (파라미터, 배치 전체 GFLOPs, 활성값 MiB):
    밀집 블록, 출력 너비를 맞춘 잔차 블록, 파라미터를 맞춘 잔차 블록. 그리고 '한 번씩 저장'의 MiB."""
    map_mib = batch * size * size * 4 / 2**20            # 채널 맵 하나(32비트 실수)의 MiB
    widths = [c0 + i * k for i in range(n)]
    dense = (dense_block_params(c0, n, k),
             batch * sum(2 * 9 * w * k * size * size for w in widths) / 1e9,
             (2 * n * c0 + k * n * (n - 1)) * map_mib)

    def residual(width):                                 # 너비 C_r인 사전 활성화 잔차 단위 n개
        return (n * (9 * width * width + 3 * width),
                batch * n * 2 * 9 * width * width * size * size / 1e9,
                2 * n * width * map_mib)

    C = c0 + n * k
    return dense, residual(C), residual(matched_width(c0, n, k)), C * map_mib


def show_memory(c0=64, k=32, n=4, size=24, batch=128):
    ns = range(1, 13)
    curves = [block_costs(c0, k, m, size, batch) for m in ns]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.6))
    ax1.plot(ns, [d[2] for d, _, _, _ in curves], 'o-', color='C0',
             label=d2l.label('밀집 블록 (torch.cat)', 'dense block (torch.cat)'))
    ax1.plot(ns, [once for _, _, _, once in curves], 's--', color='C2',
             label=d2l.label('밀집, 특성을 한 번씩만 저장', 'dense, each feature stored once'))
    ax1.plot(ns, [r[2] for _, r, _, _ in curves], '^-', color='C3',
             label=d2l.label('잔차, 출력 너비를 맞춤', 'residual, same output width'))
    ax1.plot(ns, [m[2] for _, _, m, _ in curves], 'v-', color='C1',
             label=d2l.label('잔차, 파라미터를 맞춤', 'residual, same parameters'))
    ax1.set_ylabel(d2l.label('저장하는 활성값 (MiB)', 'saved activations (MiB)'))
    ax1.set_title(f'c0={c0}, k={k}, {size}×{size}, batch {batch}', fontsize=10)
    ax2.plot(ns, [d[2] / r[2] for d, r, _, _ in curves], '^-', color='C3',
             label=d2l.label('출력 너비를 맞춘 잔차 대비', 'vs residual, same output width'))
    ax2.plot(ns, [d[2] / m[2] for d, _, m, _ in curves], 'v-', color='C1',
             label=d2l.label('파라미터를 맞춘 잔차 대비', 'vs residual, same parameters'))
    ax2.axhline(1, color='0.6', lw=0.8)
    ax2.set_ylabel(d2l.label('밀집 ÷ 잔차 (활성값)', 'dense ÷ residual (activations)'))
    ax2.set_title(d2l.label('활성값의 비', 'activation ratio'), fontsize=10)
    for ax in (ax1, ax2):
        ax.axvline(n, color='gray', ls=':')
        ax.set_xlabel(d2l.label('블록의 단위 수 n', 'units per block n'))
        ax.legend(fontsize=8)
    fig.tight_layout()
    plt.show()
    dense, same_width, same_params, once = block_costs(c0, k, n, size, batch)
    C, Cr = c0 + n * k, matched_width(c0, n, k)
    table = pd.DataFrame(
        [dense, same_width, same_params], columns=['파라미터', 'GFLOPs', '활성값 MiB'],
        index=[f'밀집 블록 (출력 {C}채널)', f'잔차 블록 (너비 {C}, 출력 너비를 맞춤)',
               f'잔차 블록 (너비 {Cr}, 파라미터를 맞춤)'])
    table['바이트/파라미터'] = (table['활성값 MiB'] * 2**20 / table['파라미터']).round(0).astype(int)
    table['GFLOPs'] = table['GFLOPs'].round(1)
    table['활성값 MiB'] = table['활성값 MiB'].round(1)
    print(f'n = {n}: 밀집 블록의 활성값은 특성을 한 번씩만 저장할 때({once:.1f} MiB)의 '
          f'{dense[2] / once:.1f}배입니다.')
    print(f'출력 너비를 맞춘 잔차 블록(너비 {C})과 비교: 파라미터 {dense[0] / same_width[0]:.2f}배, '
          f'연산량 {dense[1] / same_width[1]:.2f}배, 활성값 {dense[2] / same_width[2]:.2f}배')
    print(f'파라미터를 맞춘 잔차 블록(너비 {Cr})과 비교: 파라미터 {dense[0] / same_params[0]:.2f}배, '
          f'연산량 {dense[1] / same_params[1]:.2f}배, 활성값 {dense[2] / same_params[2]:.2f}배')
    print('(GFLOPs는 배치 전체의 순전파)')
    return table


d2l.interact(
    show_memory,
    c0=widgets.IntSlider(value=64, min=16, max=256, step=16, description='입력 c0'),
    k=widgets.IntSlider(value=32, min=8, max=64, step=8, description='성장률 k'),
    n=widgets.IntSlider(value=4, min=1, max=12, description='단위 수 n'),
    size=widgets.IntSlider(value=24, min=4, max=96, step=4, description='해상도'),
    batch=widgets.IntSlider(value=128, min=16, max=512, step=16, description='배치 크기'))

# %% [markdown]
# 읽는 법: 기본값에서 출력 너비를 맞춘 잔차 블록(192<!-- run -->채널)은 밀집 블록보다 활성값을 더 많이 저장하지만(밀집 블록은 그 0.58배<!-- run -->), 파라미터와 연산량이 밀집 블록의 약 10배라 같은 급의 블록이 아닙니다. 파라미터를 맞춘 잔차 블록(너비 60<!-- run -->)은 연산량도 밀집 블록과 거의 같아지므로 이쪽이 공정한 비교이고, 그러면 밀집 블록이 활성값을 약 1.87배<!-- run --> 저장합니다. 오른쪽 그림처럼 이 비는 $n$이 커질수록 커집니다. 밀집 블록은 합성곱이 늘 $k$채널만 내보내 파라미터가 적은 대신, 앞선 특성을 단위마다 다시 복사해 저장하기 때문입니다. 그래서 파라미터 수만 보고 "작은 모델"이라고 생각하면 GPU 메모리에서 놀랄 수 있고, DenseNet이 메모리를 많이 쓴다는 비판은 바로 이 점을 가리킵니다. 논문의 DenseNet-121처럼 단위가 24개인 블록에서는 "한 번씩만 저장"과의 차이가 훨씬 커지므로, Pleiss 등(2017)의 메모리 효율적인 구현이 실제로 중요해집니다.

# %% [markdown]
# ## 훈련
#
# 책은 이 DenseNet(`num_channels=64, growth_rate=32, arch=(4, 4, 4, 4)`)을 96×96 해상도, 배치 크기 128, 학습률(learning rate) 0.01의 확률적 경사 하강법(SGD)으로 10에폭(epoch) 훈련합니다(생성자의 기본 학습률은 0.1이지만 훈련 코드는 `DenseNet(lr=0.01)`을 씁니다). 위에서 센 대로 96×96 한 장의 순전파가 약 0.26<!-- run --> GFLOPs입니다. 아래 `cpu` 모델(32×32, 채널 절반, 블록마다 단위 3개)과 비교하면 면적은 9배입니다. 채널이 모두 반이라 연산량이 약 4분의 1이 되므로(아래 `num_channels` 항목) 면적과 너비만으로 $9 \times 4 = 36$배이고, 블록마다의 단위도 하나 적어 실제 비는 이보다 큽니다. 설정 셀 다음 셀이 실제로 센 비를 출력합니다. GPU 없이 2코어 CPU에서 책의 설정을 돌리면 10에폭에 수십 분에서 몇 시간이 걸리므로(**결과**의 어림), `cpu` 프로필은 같은 `DenseNet` 클래스를 쓰되 모델을 다음처럼 줄이고, 훈련 방법은 02~09 노트북이 함께 쓰는 레시피로 바꿉니다.
#
# * **해상도 32×32**: 책처럼 96×96으로 키우지 않고, 28×28 원본을 조금만 키운 크기입니다. 책과 같은 스템을 지나면 8×8이 되고, 전이 층 세 개를 지나며 $8 \to 4 \to 2 \to 1$이 되어 밀집 블록 네 개를 그대로 둘 수 있습니다. 28×28이면 스템 뒤가 7×7이라 $7 \to 3 \to 1$에서 세 번째 전이 층이 1×1을 더 줄이지 못해 오류가 납니다.
# * **`num_channels=32, growth_rate=16`**: 스템과 성장률을 반으로 줄입니다. 전이 층의 압축(반으로)은 책과 같습니다. 채널이 모두 반이 되므로 같은 해상도에서 파라미터와 연산량은 약 4분의 1입니다.
# * **`arch=(3, 3, 3, 3)`**: 블록마다 단위를 책의 4개에서 3개로 줄입니다. 이 모델은 연산량이 작아 시간의 대부분이 층마다 드는 고정 비용(작은 합성곱, 배치 정규화, 이어 붙이기를 하나씩 호출하는 비용)이라, 채널을 줄여도 시간이 별로 줄지 않고 층 수를 줄여야 줄어듭니다(풀이의 연습문제 7·8에서 잽니다). 단위가 4개여도 이 모델 하나는 4분 안에 끝나지만(README의 「벤치마크」 절에서 AMX(Intel CPU의 행렬 곱 명령어)가 없는 2코어 CPU를 흉내 내어 어림한 값이 약 3.4분), 다른 모델과 합친 시리즈 전체가 20분을 넘으므로 단위를 줄입니다. 파라미터는 113,936<!-- run -->개입니다.
# * **공통 훈련 레시피와 예산**: 02~09 노트북의 모든 모델과 같은 훈련 레시피(training recipe) `d2l.CPU_RECIPE`로 같은 8에폭(배치 크기 128)만큼 훈련합니다. AdamW 옵티마이저에 원사이클(one-cycle) 스케줄로 학습률(최고 0.002)과 AdamW의 β1을 함께 바꾸고 가중치 감쇠(weight decay)와 레이블 스무딩(label smoothing)을 더한 레시피이고, 재료마다의 설명과 효과는 [10 모든 모델 비교 노트북의 「훈련 레시피」 절](10_comparison.ipynb#훈련-레시피)에 있습니다. 모델마다 훈련 방법이 같아야 정확도의 차이를 구조의 차이로 읽을 수 있습니다. 2코어 CPU에서 `cpu` 프로필로 이 노트북에 저장된 실행은 8에폭에 약 1.8분<!-- run -->이 걸렸습니다(「결과」 절 첫 셀 출력의 셋째 줄).
# * **Xavier 초기화**: 책의 DenseNet 훈련 코드는 `apply_init`을 부르지 않으므로, 생성자 안의 `self.net.apply(d2l.init_cnn)`이 지연 층에서 아무 일도 하지 않아 책의 실행은 PyTorch의 기본 초기화로 훈련됩니다. `cpu` 프로필은 일부러 Xavier 초기화(`d2l.init_cnn`)를 `apply_init`으로 실제로 적용합니다(d2lmini의 `d2l.init_cnn`은 지연 층에도 초기화를 예약하므로, 위의 생성자에서는 그 줄을 뺐습니다). 배치 정규화가 있어 어느 쪽이든 잘 훈련되지만, `cpu` 프로필에서 Xavier 초기화를 쓰는 01·03·06·07·09 노트북과 같게 했습니다(02·04·05 노트북은 He 초기화를 씁니다).
#
# 레시피와 에폭 수는 모든 모델이 같고, 이 노트북이 정하는 것은 해상도, 너비(스템 채널과 성장률), 블록마다의 단위 수, 초기화뿐입니다. 해상도와 너비, 단위 수는 2코어 CPU에서 모델마다 4분, 노트북 01~09의 훈련 11개를 합쳐 20분 안에 끝나도록 정했습니다.
#
# GPU가 있을 때 저절로 골라지는 `book` 프로필은 초기화까지 책과 똑같이 훈련하고, `smoke` 프로필은 코드가 끝까지 도는지만 몇 초 만에 확인합니다.

# %%
cfg = d2l.profile_settings(
    book=dict(max_epochs=10, batch_size=128, lr=0.01, resize=(96, 96),
              num_channels=64, growth_rate=32, arch=(4, 4, 4, 4), init='default',
              recipe=d2l.BOOK_RECIPE),
    cpu=dict(max_epochs=8, batch_size=128, lr=0.002, resize=(32, 32),
             num_channels=32, growth_rate=16, arch=(3, 3, 3, 3), init='xavier',
             recipe=d2l.CPU_RECIPE),
    smoke=dict(max_epochs=1, batch_size=64, lr=0.002, resize=(32, 32),
               num_channels=32, growth_rate=16, arch=(3, 3, 3, 3), init='xavier',
               recipe=d2l.CPU_RECIPE))

# %%
# 이미지 한 장의 순전파 연산량: 책의 DenseNet(96×96)과 이 프로필의 모델
book_flops = d2l.count_flops(DenseNet(), (1, 1, 96, 96))
run_flops = d2l.count_flops(
    DenseNet(num_channels=cfg.num_channels, growth_rate=cfg.growth_rate, arch=cfg.arch),
    (1, 1, *cfg.resize))
flops_ratio = book_flops / run_flops
print(f'책의 DenseNet (96×96): {book_flops / 1e6:,.1f} MFLOPs, '
      f'이 프로필의 모델 {cfg.resize}: {run_flops / 1e6:,.2f} MFLOPs → {flops_ratio:.0f}배')

# %% [markdown]
# 훈련 셀은 네 단계입니다. 모델을 만들고, `cfg.recipe.apply(model, data)`로 옵티마이저·손실·훈련 미니배치(minibatch)를 프로필의 레시피에 맞추고(`book`이면 책의 방법), `apply_init`으로 첫 미니배치를 한 번 흘려 지연 층의 모양을 정하면서 프로필이 고른 초기화(`d2l.initializer`: `'xavier'`는 `d2l.init_cnn`, `'default'`는 PyTorch 기본값)를 적용한 뒤, `trainer.fit`으로 훈련합니다. 그래프에는 에폭마다 훈련 손실, 검증(validation) 손실, 검증 정확도(accuracy)가 찍히고, 맨 위의 `[d2lmini]` 두 줄은 CPU로 훈련한다는 것과 이 CPU에서 고른 계산 방법(bf16 등)을 알립니다(README의 「벤치마크」 절).

# %%
trainer = d2l.Trainer(max_epochs=cfg.max_epochs, num_gpus=1, seed=0)
data = d2l.FashionMNIST(batch_size=cfg.batch_size, resize=cfg.resize)
model = DenseNet(num_channels=cfg.num_channels, growth_rate=cfg.growth_rate, arch=cfg.arch,
                 lr=cfg.lr)
cfg.recipe.apply(model, data)   # 훈련 방법: book은 책 그대로, cpu는 모든 모델에 같은 레시피
model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.initializer(cfg.init))
history = trainer.fit(model, data)

# %% [markdown]
# 기록 파일 `results/<프로필>/08_densenet.json`에 이번 실행을 더합니다. `book_figure=0.89`(책의 값, 아래 「결과」 절)를 함께 기록하면 10 모든 모델 비교 노트북이 이번 실행의 정확도와 책의 값을 나란히 놓습니다.

# %%
d2l.record_run('08_densenet', 'DenseNet', model, data, trainer, cfg, book_figure=0.89)

# %% [markdown]
# ## 결과
#
# 이번 실행의 모델과 숫자를 책의 값과 나란히 놓습니다. 책의 값은 책(PyTorch판)의 훈련 그래프에서 읽은 마지막 에폭(96×96, 10에폭)의 검증 정확도 약 0.89입니다.

# %%
print(f'프로필: {cfg.profile}, 데이터: {data.source} '
      f'(훈련 {len(data.train):,} / 검증 {len(data.val):,}장)')
print(f'모델: DenseNet(num_channels={cfg.num_channels}, growth_rate={cfg.growth_rate}, '
      f'arch={cfg.arch}), 입력 {cfg.resize}, 파라미터 {d2l.num_params(model):,}')
print(f'에폭 {len(history)}, 훈련 시간 {sum(history.column("seconds")) / 60:.1f}분, '
      f'최종 검증 정확도 {history.column("val_acc")[-1]:.3f}')
print('책 (DenseNet, 96×96, 10에폭): 최종 검증 정확도 약 0.89')
history.to_frame()

# %% [markdown]
# **책의 설정은 얼마나 걸릴까.** [07 ResNet 노트북의 「책의 설정은 얼마나 걸릴까」 절](07_resnet.ipynb#책의-설정은-얼마나-걸릴까)과 같은 방법(이번 실행의 에폭 시간 × 연산량의 비)으로 어림하면, 2코어 CPU에서 책의 설정은 에폭당 약 12분<!-- run -->, 10에폭에 약 2.0시간<!-- run -->이 걸립니다. 어림의 한계(실제와 두세 배까지 어긋날 수 있음)는 07 ResNet 노트북의 같은 절에 있고, 층마다의 고정 비용이 큰 이 모델(「훈련」 절의 `arch` 항목)에서는 실제보다 크게 나오기 쉽습니다.

# %%
epoch_minutes = sum(history.column('seconds')) / len(history) / 60 * 60_000 / len(data.train)
print(f'이번 실행({cfg.profile}): 6만 장 한 에폭에 약 {epoch_minutes:.1f}분')
print(f'책의 설정(연산량 {flops_ratio:.0f}배) 어림: 에폭당 약 {epoch_minutes * flops_ratio:.0f}분, '
      f'10에폭에 약 {epoch_minutes * flops_ratio * 10 / 60:.1f}시간')

# %% [markdown]
# 모델이 어떤 옷을 무엇으로 잘못 보는지 검증 데이터 전체로 셉니다. 혼동 행렬(confusion matrix)은 행이 정답, 열이 예측이며, 그 아래에 가장 많이 헷갈린 세 쌍과 클래스별 정확도가 나옵니다.

# %%
report = d2l.classification_report(model, data)

# %% [markdown]
# `report.summary()`는 이 표들에서 가장 낮은 클래스, 가장 흔한 실수, 0.95 이상을 맞힌 클래스를 뽑아 세 줄로 씁니다.

# %%
report.summary()

# %% [markdown]
# **결과 읽기.** 2코어 CPU에서 `cpu` 프로필로 이 노트북에 저장된 실행은 32×32 입력, 스템과 성장률을 반으로, 블록마다의 단위를 3개로 줄인 DenseNet으로 8에폭 만에 검증 정확도 약 0.91<!-- run 0.9113 -->에 닿았습니다(약 1.8분<!-- run -->). 책의 그림에서 읽은 값(96×96, 10에폭, 약 0.89)보다 약 0.02 높습니다. 다만 해상도와 너비뿐 아니라 훈련 방법(레시피)과 에폭 수도 책과 다르므로, 이 차이를 어느 한 가지의 효과로 읽을 수는 없습니다. 다른 프로필로 돌렸다면 위에 출력된 이번 실행의 값을 보세요.
#
# 에폭별 표에서 두 가지를 읽을 수 있습니다.
#
# * `lr` 열은 그 에폭을 시작할 때의 학습률입니다. 원사이클은 최고값의 25분의 1(0.00008<!-- run -->)에서 출발해 3에폭 첫머리에 최고값 0.002<!-- run -->에 닿은 뒤 줄어듭니다. `val_acc`는 첫 에폭에 이미 약 0.82<!-- run 0.8240 -->이고, 학습률이 올라가는 2에폭에 가장 크게 오릅니다(0.8240 → 0.8530<!-- run -->). 학습률이 줄기 시작한 뒤에도 4에폭까지 오르다가 5에폭에 한 번 조금 내려가고(0.8918 → 0.8836<!-- run -->), 6·7에폭에 다시 올라 7에폭에 가장 높습니다(0.9119<!-- run -->). 학습률이 거의 0인 마지막 에폭은 그와 거의 같습니다(0.9113<!-- run -->). 학습률이 클 때 조금 흔들리고 학습률이 작아지면서 안정되는, 원사이클 스케줄에서 흔한 모양입니다.
# * `train_loss`가 `val_loss`보다 큰 것은 문제의 신호가 아닙니다. 훈련 손실에는 레이블 스무딩이 들어 있어 10클래스에서는 약 0.5 아래로 내려갈 수 없고, 에폭 동안 모델이 아직 덜 훈련된 때까지 포함해 평균을 냅니다. 검증 손실은 에폭이 끝난 뒤 잰 보통의 교차 엔트로피입니다.
#
# **어떤 클래스를 틀리나.** 정확도가 가장 낮은 클래스는 셔츠(shirt, 약 0.72<!-- run 0.723 -->)이고, 가장 많이 헷갈린 세 쌍은 셔츠를 티셔츠(t-shirt)로 본 것(116<!-- run -->장), 티셔츠를 셔츠로 본 것(93<!-- run -->장), 셔츠를 코트(coat)로 본 것(81<!-- run -->장)으로 모두 윗옷끼리입니다. 바지·샌들·스니커즈·가방·앵클부츠는 모두 0.95 이상을 맞혔습니다. 07 ResNet 노트북의 기준 실행과 거의 같은 모습으로, 구조가 달라도 작은(28~32픽셀) 흑백 이미지에서 윗옷의 세부를 가려내기 어렵다는 점은 그대로입니다.

# %% [markdown]
# ## 요약과 연습문제
#
# **요약**
#
# * ResNet은 $f(\mathbf{x}) = \mathbf{x} + g(\mathbf{x})$로 두 항을 더하고, DenseNet은 $[\mathbf{x}, f_1(\mathbf{x}), f_2([\mathbf{x}, f_1(\mathbf{x})]), \ldots]$처럼 항들을 채널 방향으로 이어 붙여 모두 남깁니다. 이어 붙이기 뒤의 $1\times1$ 합성곱은 덧셈을 표현할 수 있지만, 그 반대는 안 됩니다.
# * 밀집 블록은 BN → ReLU → $3\times3$ 합성곱 단위 $n$개로, 단위마다 $k$(성장률)채널씩 더해 출력이 $c_0 + nk$채널입니다. 합성곱이 $k$채널만 내보내므로 파라미터가 적습니다.
# * 전이 층(BN → ReLU → $1\times1$ 합성곱 → $2\times2$ 평균 풀링)이 블록 사이에서 채널과 해상도를 줄입니다. 책은 채널을 반으로 줄이므로($\theta = 0.5$) 논문의 이름으로는 DenseNet-C이고, 단위에 $1\times1$ 병목까지 두면 DenseNet-BC입니다.
# * 책의 DenseNet은 스템 + 성장률 32, 단위 4개짜리 블록 네 개 + 전이 층 세 개 + 헤드로, 파라미터가 약 76만 개(ResNet-18의 15분의 1 정도)입니다.
# * 이어 붙이기는 단위마다 앞선 특성을 새로 복사해 저장하므로 활성값이 단위 수의 제곱으로 늘어납니다. 파라미터 수를 맞춘 잔차 블록보다 활성값을 더 많이 저장하고, 그 차이는 블록이 길수록 커집니다. 공유 메모리와 재계산을 쓰는 구현(Pleiss 등, 2017)은 이것을 단위 수에 대해 일차로 줄이는 대신 계산을 조금 더 합니다.
#
# **토론과 더 나아가기**
#
# DenseNet은 적은 파라미터로 ResNet에 견줄 만한 정확도를 보여 주었고, "앞선 특성을 다시 쓴다"는 생각을 분명하게 만들었습니다. 실제로 쓸 때는 파라미터 수보다 활성값 메모리와, 좁은 합성곱과 이어 붙이기가 많아 GPU를 덜 바쁘게 쓰는 점이 걸림돌이 되기 쉽습니다. 그래서 메모리 효율적인 구현(Pleiss 등, 2017)이나 torchvision의 `memory_efficient=True` 같은 재계산 옵션이 함께 쓰입니다. 덧셈(ResNet)과 이어 붙이기(DenseNet) 가운데 무엇을, 어디에, 얼마나 넓게 쓸지는 결국 설계의 선택이고, 09 RegNet 노트북은 이런 선택을 사람의 직관 대신 설계 공간을 탐색해 정하는 방법을 다룹니다.
#
# **연습문제**
#
# 각 문제의 풀이는 [08 DenseNet 풀이 노트북](solutions/08_densenet_solutions.ipynb)에 있습니다. 먼저 직접 풀어 본 뒤에 여세요.
#
# 1. 전이 층에서 최대 풀링 대신 평균 풀링을 쓰는 까닭은 무엇일까요? `transition_block`의 `nn.AvgPool2d`를 `nn.MaxPool2d`로 바꿔 `cpu` 설정으로 훈련해 비교해 보세요. *힌트: 전이 층의 입력에는 블록 입력부터 마지막 단위까지 모든 특성이 들어 있습니다. 평균은 네 칸의 정보를 모두 조금씩 전하고, 최대는 한 칸만 전합니다.* [풀이](solutions/08_densenet_solutions.ipynb#연습문제-1)
# 2. 책의 DenseNet은 깊이가 비슷한 ResNet-18보다 파라미터가 훨씬 적습니다. 왜 그럴까요? 밀집 블록의 단위 하나와 잔차 블록의 합성곱 하나의 파라미터 수를 식으로 비교해 보세요. *힌트: 개념 절의 $9 w_i k + k$와 $9C^2 + C$를 견주어 보세요.* [풀이](solutions/08_densenet_solutions.ipynb#연습문제-2)
# 3. 논문의 DenseNet-BC는 각 단위의 $3\times3$ 합성곱 앞에 $4k$채널로 줄이는 $1\times1$ 합성곱 병목을 둡니다(BN → ReLU → $1\times1$ → BN → ReLU → $3\times3$). `conv_block`을 이렇게 바꿔 책의 DenseNet을 DenseNet-BC로 만들면 파라미터 수와 연산량은 어떻게 달라지나요? *힌트: 단위의 파라미터가 $9 w_i k$에서 $4 w_i k + 36 k^2$ 정도로 바뀝니다. `stage_table`의 '파라미터(실제)'와 'MFLOPs' 열로 확인하세요('파라미터(식)' 열은 병목 없는 단위의 식이라 맞지 않습니다).* [풀이](solutions/08_densenet_solutions.ipynb#연습문제-3)
# 4. 논문 표 1의 DenseNet-121은 성장률 32, 블록마다 단위 (6, 12, 24, 16)개인 DenseNet-BC입니다(병목과 $\theta = 0.5$의 압축). 병목 없이 `DenseNet(arch=(6, 12, 24, 16))`을 만들면 파라미터 수와 블록마다의 출력 채널은 어떻게 되나요? 표 1의 다른 변형(DenseNet-169, -201, -264)은 무엇이 다른가요? *힌트: 블록 4의 입력 채널을 먼저 손으로 계산해 보고 `layer_summary`로 확인하세요.* [풀이](solutions/08_densenet_solutions.ipynb#연습문제-4)
# 5. 인터랙티브 (나)의 `saved_activation_maps`로 책의 DenseNet 전체(96×96, 배치 1)가 저장하는 활성값을 재고 배치 128로 환산해 보세요. 같은 방법으로 07 ResNet 노트북의 ResNet-18을 재면 어느 쪽이 큰가요? 파라미터 수와 함께 비교하고, 책의 연습문제처럼 입력을 224×224로 키우면 몇 배가 될지도 어림해 보세요. *힌트: `saved_activation_maps`는 채널 맵 수를 돌려주므로, 텐서의 원소 수를 그대로 더하도록 고쳐 쓰면 해상도가 다른 단계도 한꺼번에 셀 수 있습니다.* [풀이](solutions/08_densenet_solutions.ipynb#연습문제-5)
# 6. DenseNet의 메모리를 줄이려면 프레임워크가 무엇을 해 주어야 할까요? `torch.utils.checkpoint.checkpoint`로 `DenseBlock`의 단위를 감싸 역전파 때 다시 계산하게 하고, 인터랙티브 (나)의 `saved_activation_maps`로 저장하는 활성값이 얼마나 줄어드는지 재 보세요. *힌트: 개념 절의 「메모리 효율적인 구현」 항목을 다시 읽어 보세요. 재계산하는 만큼 역전파가 느려집니다.* [풀이](solutions/08_densenet_solutions.ipynb#연습문제-6)
# 7. `cpu` 프로필에서 `growth_rate`를 12나 24로 바꾸면 이미지 한 장의 연산량, 에폭당 시간, 정확도가 어떻게 달라지나요? *힌트: 먼저 `d2l.count_flops`로 연산량을 비교하고, `FashionMNIST(..., fraction=0.25)`로 빠르게 시험하세요.* [풀이](solutions/08_densenet_solutions.ipynb#연습문제-7)
# 8. 같은 방법으로 `arch`를 `(2, 2, 2, 2)`나 `(6, 6, 6, 6)`으로 바꾸면 어떻게 되나요? 성장률을 바꿀 때와 비용이 늘어나는 방식이 어떻게 다른가요? [풀이](solutions/08_densenet_solutions.ipynb#연습문제-8)
# 9. 레시피의 가중치 감쇠는 합성곱·완전 연결 층의 가중치에만 걸고, 편향과 배치 정규화의 $\gamma, \beta$에는 걸지 않습니다. DenseNet은 단위와 전이 층마다 배치 정규화를 두는데, `d2l.recipe.parameter_groups(model, 0.05)`가 돌려주는 두 묶음에 파라미터가 각각 몇 개씩 들어가나요? [풀이](solutions/08_densenet_solutions.ipynb#연습문제-9)
# 10. `d2l.CPU_RECIPE.replace(weight_decay=0)`으로 가중치 감쇠를 끄고 같은 설정으로 훈련하면 정확도가 어떻게 달라지나요? *힌트: 새 레시피는 모델을 만든 뒤 `.apply(model, data)`로 붙입니다. 차이가 시드를 바꿨을 때의 흔들림보다 큰지, 10 모든 모델 비교 노트북의 「훈련 레시피」 절에서 ResNet으로 잰 표와도 견주어 보세요.* [풀이](solutions/08_densenet_solutions.ipynb#연습문제-10)
# 11. 밀집 연결은 합성곱이 아닌 층에도 쓸 수 있습니다. Fashion-MNIST 이미지를 784차원 벡터로 펼쳐, 완전 연결 층(과 ReLU) 몇 개를 밀집 연결로 이은 MLP를 만들어 보세요. 같은 깊이의 보통 MLP와 파라미터 수, 정확도를 비교하면 어떤가요? (책의 연습문제는 주택 가격 예측 데이터에 적용하지만, 이 시리즈는 Fashion-MNIST로 합니다.) *힌트: `torch.cat`을 `dim=1`로 쓰면 됩니다.* [풀이](solutions/08_densenet_solutions.ipynb#연습문제-11)
