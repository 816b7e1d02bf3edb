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
# # 합성곱 신경망 구조 설계 (AnyNet과 RegNet)
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/09_cnn_design.ipynb)
#
# 지금까지의 모델은 사람이 직관으로 하나씩 설계했습니다. 이번에는 네트워크 **하나**가 아니라 네트워크의 **집합**인 설계 공간(design space)을 다루는 방법을 배웁니다.
# 스템(stem)·단계(stage)·헤드(head)로 된 AnyNet 설계 공간을 `d2l.ResNeXtBlock`으로 구현하고, 설계 공간을 분포로 비교해 간단한 규칙으로 좁혀 가는 과정과
# 그 결과인 RegNetX의 양자화된 선형 너비 규칙을 따라간 뒤, 책의 32층 RegNetX를 Fashion-MNIST로 훈련합니다.

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
# 1. AnyNet 설계 공간의 구조, 곧 스템·바디(body)·헤드와 바디를 이루는 단계들, 단계마다 고르는 네 값(깊이 $d_i$, 너비 $c_i$, 그룹 너비 $g_i$, 병목(bottleneck) 비율 $k_i$)을 설명할 수 있습니다.
# 2. "가장 좋은 네트워크 하나" 대신 설계 공간에서 뽑은 네트워크들의 오차 분포를 경험적 누적 분포 함수(empirical CDF)로 비교한다는 생각과, 그 비교로 찾은 네 가지 제약(병목 비율 공유, 그룹 너비 공유, 단계마다 너비가 늘어남, 단계마다 깊이가 늘어남)을 설명할 수 있습니다.
# 3. RegNetX의 양자화된 선형 너비 규칙 $u_j = w_0 + w_a j \;\to\; w_0 w_m^{\mathrm{round}(s_j)}$로 블록마다의 너비를 계산하고, 그것을 단계의 너비·깊이로 묶을 수 있습니다.
# 4. `d2l.ResNeXtBlock`으로 AnyNet과 책의 RegNetX32를 구현하고, 모양·파라미터(parameter) 수·연산량(FLOPs)을 식과 실제 모델로 확인할 수 있습니다.
# 5. 02~09 노트북이 함께 쓰는 CPU 훈련 레시피(training recipe)로 RegNetX32를 훈련하고 결과를 책의 그림과 비교할 수 있습니다.

# %% [markdown]
# ## 개념
#
# ### 네트워크 공학에서 설계 공간 설계로
#
# AlexNet부터 DenseNet까지의 모델은 모두 연구자의 직관으로 만든 것입니다. VGG는 $3\times3$ 합성곱(convolution)을 블록으로 반복했고, NiN은 $1\times1$ 합성곱과 전역 평균 풀링(global average pooling)을,
# GoogLeNet은 여러 분기(branch)를, ResNet은 잔차 연결(residual connection)을, ResNeXt는 그룹 합성곱(grouped convolution)을, DenseNet은 앞 층들의 출력을 채널 방향으로 잇는 연결을 더했습니다. 이렇게 사람이 하나씩 설계하는 방식은 큰 성공을 거두었지만,
# 선택지가 많아질수록 손으로 찾기 어렵습니다.
#
# 다른 길은 **신경망 구조 탐색**(neural architecture search, NAS; Zoph와 Le, 2016)입니다. 정해 둔 탐색 공간에서 강화 학습·진화 알고리즘 같은 탐색 전략으로 구조를 자동으로 고릅니다(EfficientNet(Tan과 Le, 2019)이 대표적인 결과입니다).
# 그러나 계산 비용이 매우 크고, 결과는 네트워크 **하나**일 뿐이라 "왜 좋은가", "다른 조건에서는 어떻게 설계해야 하나"를 알려 주지 않습니다.
#
# Radosavovic 등(2020)은 그 중간을 택했습니다. 네트워크 하나가 아니라 네트워크를 만들어 내는 **설계 공간**을 다루고,
# 공간에서 뽑은 네트워크들의 성능 **분포**를 보며 공간을 조금씩 좁힙니다. 좁히는 단계마다 "이 제약을 걸어도 분포가 나빠지지 않는가"를 확인하므로,
# 마지막에 남는 것은 좋은 네트워크 하나가 아니라 **이해할 수 있는 설계 원칙**입니다. 그 결과가 RegNet 설계 공간입니다.
#
# ### AnyNet 설계 공간
#
# 이 장의 모델들은 모두 세 부분으로 나눌 수 있습니다. **스템**은 입력 이미지를 처음 처리하고, **바디**는 대부분의 변환을 하며, **헤드**는 결과를 클래스 점수로 바꿉니다.
# AnyNet은 이 틀을 그대로 씁니다.
#
# * **스템**: $3\times3$ 합성곱(스트라이드(stride) 2, 패딩(padding) 1, 출력 채널 $c_0$개) → 배치 정규화(batch normalization) → ReLU. 해상도(resolution)를 $r \to \lceil r/2 \rceil$로 줄입니다.
# * **바디**: 단계 여러 개. 단계 $i$는 ResNeXt 블록 $d_i$개로 되어 있고 출력 채널이 $c_i$입니다. 단계의 **첫 블록**은 스트라이드 2로 해상도를 반으로 줄이며 채널을 $c_i$로 바꾸므로,
#   숏컷 연결(shortcut connection)에 $1\times1$ 합성곱(스트라이드 2, 그리고 배치 정규화)을 둡니다. 나머지 $d_i - 1$개 블록은 모양을 바꾸지 않습니다.
# * **헤드**: 전역 평균 풀링 → 완전 연결 층(fully connected layer). NiN에서 본 방식입니다.
#
# 이 틀과 블록의 그림(그림 1, 2)은 **구현** 절에서 모델을 만든 뒤 그 모델에서 바로 그립니다.
#
# ImageNet의 $224\times224$ 입력이면 스템과 네 단계가 각각 해상도를 반으로 줄여 $224 / 2^{1+4} = 7$, 곧 $7\times7\times c_4$ 특성 맵(feature map)이 헤드로 갑니다.
#
# **ResNeXt 블록.** 블록 안은 $1\times1$ 합성곱으로 채널을 $b$개로 바꾸고, $3\times3$ **그룹 합성곱**을 한 뒤, $1\times1$ 합성곱으로 다시 $c$채널로 돌아옵니다. 앞의 두 합성곱 뒤에는 배치 정규화와 ReLU를, 마지막 합성곱 뒤에는 배치 정규화만 두고, 숏컷을 더한 다음 ReLU를 적용합니다.
#
# $$b = \frac{c}{k} \quad(\text{병목 비율 } k \ge 1), \qquad \text{그룹 수} = \frac{b}{g} \quad(\text{그룹 너비 } g = \text{그룹 하나의 채널 수})$$
#
# 그룹 합성곱에서는 출력 채널 하나가 자기 그룹의 입력 채널 $g$개만 보므로, $3\times3$ 합성곱의 가중치(weight)가 $9 b^2$에서 $9 g b$로 줄어듭니다.
# 입력 채널이 $c_\text{in}$개, 입력 해상도가 $H_\text{in}\times W_\text{in}$, 출력 해상도가 $H\times W$인 블록의 곱셈-덧셈 수는 편향(bias)과 배치 정규화를 빼면
#
# $$\underbrace{c_\text{in}\, b\, H_\text{in} W_\text{in}}_{1\times1} + \underbrace{9\, g\, b\, H W}_{3\times3\ \text{그룹}} + \underbrace{b\, c\, H W}_{1\times1} \;\big[+ \underbrace{c_\text{in}\, c\, H W}_{\text{숏컷}}\big]$$
#
# 입니다. 첫 $1\times1$ 합성곱은 스트라이드 1이라 입력 해상도에서 계산하고, 대괄호 안의 숏컷 항은 단계의 첫 블록에만 있습니다. 해상도는 대문자 $H, W$로 써서 아래 RegNet의 너비 $w_j$와 구별합니다.
#
# 이 시리즈는 연산량을 부동소수점 연산의 수(FLOPs)로 셉니다. 곱셈 하나나 덧셈 하나가 1 FLOP이므로 곱셈-덧셈 한 쌍은 2 FLOPs이고, `d2l.count_flops`는 이미지 한 장의 순전파(forward pass) 한 번을 셉니다. 논문은 곱셈-덧셈 수 자체를 FLOPs라 부르므로 두 값은 2배 차이가 납니다.
#
# **주의: `groups` 인자는 그룹 "수"가 아니라 그룹 "너비"입니다.** 책의 `ResNeXtBlock(num_channels, groups, bot_mul)`은 $3\times3$ 합성곱의 그룹 수를 `bot_channels // groups`로 정합니다.
# 그래서 `groups=16`은 "16채널씩 묶은 그룹"이고, 그룹 수는 채널 수에 따라 달라집니다(32채널이면 2개, 80채널이면 5개). 논문의 $g_i$도 그룹 너비입니다.
# 또 `bot_mul`은 $1/k$이므로 `bot_mul=1`이 $k=1$, 곧 병목이 없는 블록입니다. 둘 다 **구현**에서 확인합니다.
#
# **고를 것이 몇 개인가.** 스템의 채널 $c_0$ 하나와, 네 단계마다 $(d_i, c_i, g_i, k_i)$ 네 개씩이므로 모두 $1 + 4\times4 = 17$개입니다(논문은 스템을 32채널로 고정하고 16개로 셉니다).
# 값마다 후보가 두 개뿐이어도 $2^{17} = 131{,}072$가지이고, 논문의 범위($d_i \le 16$, $c_i \le 1024$이고 8의 배수, $k_i \in \{1, 2, 4\}$, $g_i \in \{1,2,\dots,32\}$의 2의 거듭제곱)로는
# $(16 \cdot 128 \cdot 3 \cdot 6)^4 \approx 1.8 \times 10^{18}$가지입니다. 하나씩 훈련해서 비교할 수 있는 크기가 아닙니다.
#
# ### 설계 공간을 분포로 비교하기
#
# 그래서 질문을 바꿉니다. "가장 좋은 네트워크는 무엇인가" 대신 "이 설계 공간에서 **무작위로** 뽑은 네트워크가 얼마나 좋은가"를 묻습니다. 이를 가능하게 하는 가정은 네 가지입니다.
#
# 1. 좋은 설계 원칙이 실제로 있어서, 원칙을 지키는 네트워크라면 대부분 잘 동작합니다. 그러니 네트워크의 **분포**를 찾는 것이 의미가 있습니다.
# 2. 끝까지 훈련하지 않아도 됩니다. 몇 에폭(epoch)만 훈련한 결과가 최종 성능의 믿을 만한 대리 지표입니다(다중 충실도 최적화, multi-fidelity optimization).
# 3. 작은 네트워크에서 얻은 결론이 큰 네트워크에도 통합니다.
# 4. 설계 선택들의 효과를 대체로 따로따로 볼 수 있습니다.
#
# 설계 공간의 분포 $p$에서 뽑은 네트워크의 오차를 $e$라 하면, 오차의 **누적 분포 함수**(CDF)는
#
# $$F(e, p) = P_{\text{net} \sim p}\{\, e(\text{net}) \le e \,\}$$
#
# 이고, 실제로는 $n$개를 뽑아 훈련한 오차 $e_1, \dots, e_n$으로 **경험적 CDF**를 씁니다.
#
# $$\hat F(e) = \frac{1}{n} \sum_{i=1}^{n} \mathbf{1}(e_i \le e)$$
#
# $\hat F(e)$는 "오차가 $e$ 이하인 네트워크의 비율"입니다. 두 설계 공간의 곡선을 겹쳐 그렸을 때 한 곡선이 다른 곡선보다 **위**(왼쪽)에 있으면, 같은 오차 기준을 통과하는 네트워크가 더 많으므로 더 좋은 공간입니다.
# 곡선이 겹치면 두 공간은 품질이 같습니다. 논문은 공간마다 약 400MF(곱셈-덧셈 3.6억–4억 번) 범위의 모델 500개를 뽑아 ImageNet에서 10에폭씩 훈련해 이 곡선을 그렸습니다.
# 복잡도 구간을 정해 두는 이유는, 오차가 모델 크기에 크게 좌우되므로 크기를 맞추지 않으면 "어느 공간이 더 큰 모델을 많이 뽑는가"를 비교하게 되기 때문입니다(**인터랙티브** (나)).
#
# ### 공간 좁히기: AnyNetX$_A$ → AnyNetX$_E$
#
# 제약 없는 공간을 AnyNetX$_A$라 하고, 제약을 하나씩 더하며 경험적 CDF를 비교합니다.
#
# | 공간 | 더한 제약 | 오차 분포의 변화 (논문) |
# |---|---|---|
# | AnyNetX$_B$ | 모든 단계가 병목 비율을 공유: $k_i = k$ | 변화 없음 |
# | AnyNetX$_C$ | 그룹 너비도 공유: $g_i = g$ | 변화 없음 |
# | AnyNetX$_D$ | 너비가 단계마다 늘어남: $c_i \le c_{i+1}$ | 좋아짐 |
# | AnyNetX$_E$ | 깊이도 단계마다 늘어남: $d_i \le d_{i+1}$ | 좋아짐 |
#
# 앞의 두 제약은 성능을 잃지 않고 자유도를 6개 줄입니다. 뒤의 두 제약 가운데 너비 제약은 "뒤 단계일수록 채널을 늘린다"는 흔한 직관을 분포 수준에서 확인한 것이고, 깊이 제약까지 더하자 분포가 한 번 더 좋아졌습니다. 자유도를 줄였는데 오히려 좋아진 것입니다.
#
# ### RegNet: 양자화된 선형 너비
#
# AnyNetX$_E$에서 성능이 좋은 네트워크들을 살펴보면, 블록 번호 $j$ (네트워크 전체에서 $0, 1, \dots, d-1$)에 따른 너비가 대체로 **직선**을 따릅니다. 그래서 블록마다의 너비를 직선으로 정합니다.
#
# $$u_j = w_0 + w_a\, j \qquad (0 \le j < d,\ w_0 > 0,\ w_a > 0)$$
#
# 그런데 블록마다 너비가 다르면 단계라는 구조가 없어집니다. 그래서 너비를 등비수열 $w_0, w_0 w_m, w_0 w_m^2, \dots$의 값 중 하나로 **양자화**합니다. $u_j = w_0\, w_m^{s_j}$를 풀어
#
# $$s_j = \frac{\log(u_j / w_0)}{\log w_m}, \qquad w_j = w_0\, w_m^{\mathrm{round}(s_j)}$$
#
# 로 지수를 반올림하면 너비가 계단 모양이 되고, **같은 너비의 블록이 이어진 구간이 곧 단계**가 됩니다. 단계의 깊이 $d_i$는 그 너비를 가진 블록 수입니다.
# 실제 구현은 마지막으로 너비를 그룹 너비 $g$의 배수로 맞춥니다. 이제 네트워크 전체가 $d, w_0, w_a, w_m, g, k$ 여섯 개로 정해집니다(논문처럼 스템 채널을 고정하고 세면 16개에서 6개로).
#
# 논문이 찾은 그 밖의 원칙: 병목 비율은 $k = 1$ (병목을 쓰지 않음)이 가장 좋았고, $w_m \approx 2.5$가 좋았습니다. 블록에 채널 어텐션 모듈(Squeeze-and-Excitation, SE; Hu 등, 2018)을 더한 것이 RegNetY입니다.
#
# **책의 RegNetX32.** 책은 Fashion-MNIST에 맞춰 두 단계짜리 작은 RegNetX를 씁니다: 스템 32채널, 깊이 $(d_1, d_2) = (4, 6)$, 너비 $(c_1, c_2) = (32, 80)$, 그룹 너비 16, 병목 비율 1.
# 블록 10개 × 합성곱 3개 + 스템 합성곱 1개 + 완전 연결 층 1개 = 32층이라 이런 이름입니다. 이 구조는 위의 규칙으로도 나옵니다. $w_0 = 32$, $w_a = 5$, $w_m = 2.5$, $d = 10$이면
# $u_j = 32, 37, \dots, 77$이고, $u_j < 32 \cdot 2.5^{0.5} \approx 50.6$인 $j = 0, \dots, 3$은 $\mathrm{round}(s_j) = 0$이라 너비 32, 나머지 $j = 4, \dots, 9$는 $\mathrm{round}(s_j) = 1$이라 너비 $32 \cdot 2.5 = 80$입니다(**인터랙티브** (가)의 기본값).

# %% [markdown]
# ## 구현
#
# ### `d2l.ResNeXtBlock`의 인자 확인
#
# 책이 ResNet 절에서 정의하고 d2l 패키지에 넣어 둔 ResNeXt 블록을 그대로 씁니다(d2lmini에도 같은 블록이 있습니다). `groups`가 그룹 너비라는 것을 $3\times3$ 합성곱 층의 실제 그룹 수로 확인합니다.

# %%
import math

import numpy as np
import pandas as pd
import torch
from IPython.display import display
from torch import nn
import d2lmini as d2l

# %%
# NBVAL_CHECK_OUTPUT
for channels, groups, bot_mul in ((32, 16, 1), (80, 16, 1), (64, 16, 0.5)):
    blk = d2l.ResNeXtBlock(channels, groups, bot_mul)
    blk(torch.zeros(1, channels, 8, 8))          # 지연 층의 모양을 정합니다
    print(f'ResNeXtBlock({channels}, groups={groups}, bot_mul={bot_mul}): '
          f'병목 채널 {blk.conv2.in_channels}, 3x3 합성곱의 그룹 수 {blk.conv2.groups}, '
          f'그룹 하나의 채널 {blk.conv2.in_channels // blk.conv2.groups}')

# %% [markdown]
# ### `AnyNet`: 스템, 단계, 헤드
#
# 책처럼 클래스 하나의 메서드를 셀 여러 개에 나눠 정의합니다(`d2l.add_to_class`). 스템은 $3\times3$ 합성곱(스트라이드 2)과 배치 정규화, ReLU입니다.

# %%
class AnyNet(d2l.Classifier):
    def stem(self, num_channels):
        # 3x3 합성곱, 스트라이드 2: 해상도 r → ceil(r/2)
        return nn.Sequential(
            nn.LazyConv2d(num_channels, kernel_size=3, stride=2, padding=1),
            nn.LazyBatchNorm2d(), nn.ReLU())


# %% [markdown]
# 단계 하나는 ResNeXt 블록 `depth`개입니다. 첫 블록만 스트라이드 2와 $1\times1$ 숏컷으로 해상도를 반으로 줄이고 채널을 `num_channels`로 바꿉니다.

# %%
@d2l.add_to_class(AnyNet)
def stage(self, depth, num_channels, groups, bot_mul):
    blocks = []
    for i in range(depth):
        if i == 0:   # 단계의 첫 블록: 해상도 절반, 채널 변경
            blocks.append(d2l.ResNeXtBlock(num_channels, groups, bot_mul,
                                           use_1x1conv=True, strides=2))
        else:        # 나머지: 모양이 그대로
            blocks.append(d2l.ResNeXtBlock(num_channels, groups, bot_mul))
    return nn.Sequential(*blocks)


# %% [markdown]
# 생성자는 `arch`의 튜플 `(깊이, 너비, 그룹 너비, bot_mul)`마다 단계를 하나씩 붙이고, 마지막에 헤드를 둡니다.

# %%
@d2l.add_to_class(AnyNet)
def __init__(self, arch, stem_channels, lr=0.1, num_classes=10):
    super(AnyNet, self).__init__()
    self.save_hyperparameters()
    self.net = nn.Sequential(self.stem(stem_channels))
    for i, s in enumerate(arch):
        self.net.add_module(f'stage{i + 1}', self.stage(*s))
    self.net.add_module('head', nn.Sequential(
        nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.LazyLinear(num_classes)))
    # 책의 self.net.apply(d2l.init_cnn) 줄은 뺐습니다(「훈련」 절의 Xavier 초기화 항목).


# %% [markdown]
# ### `RegNetX32`
#
# 스템 32채널, 그룹 너비 16, 병목 없음(`bot_mul=1`), 깊이 $(4, 6)$, 너비 $(32, 80)$인 두 단계입니다.

# %%
class RegNetX32(AnyNet):
    def __init__(self, lr=0.1, num_classes=10):
        stem_channels, groups, bot_mul = 32, 16, 1
        depths, channels = (4, 6), (32, 80)
        super().__init__(
            tuple((d, c, groups, bot_mul) for d, c in zip(depths, channels)),
            stem_channels, lr, num_classes)


# %% [markdown]
# ### 그림으로 보기: 설계 공간의 틀과 블록
#
# **그림 1. 스템 → 단계 → 헤드.** 방금 만든 `RegNetX32`를 책과 같은 $96\times96$ 입력으로 흘려 그립니다. 상자 하나가 모델 바로 아래 부품 하나이고, 상자 아래의 출력 모양에서 해상도가 $96 \to 48 \to 24 \to 12$로 줄고 채널이 $32 \to 32 \to 80$으로 느는 것을 보세요.

# %%
d2l.draw(RegNetX32(), (1, 1, 96, 96), depth=1, title='RegNetX32')

# %% [markdown]
# **그림 2. 단계 하나와 그 첫 블록.** 왼쪽은 둘째 단계(`stage2`)를 블록마다 상자 하나로, 오른쪽은 그 첫 블록을 층마다 펼친 것입니다. 첫 블록에서만 오른쪽 갈래에 숏컷의 $1\times1$ 합성곱이 있고, 해상도는 가운데 $3\times3$ 그룹 합성곱과 숏컷에서(`/2`) 반이 됩니다. $3\times3$ 합성곱의 그룹 수가 $80 / 16 = 5$인 것도 확인해 보세요. 왼쪽에서 첫 블록만 파라미터 수가 다른 것은, 입력 채널이 32라 첫 $1\times1$ 합성곱이 작고 그 대신 숏컷의 $1\times1$ 합성곱과 배치 정규화가 더해지기 때문입니다.

# %%
stage2 = RegNetX32().net.stage2
d2l.draw([stage2, stage2[0]], [(1, 32, 24, 24), (1, 32, 24, 24)],
         titles=['stage2: ResNeXt 블록 6개', 'stage2의 첫 블록'])


# %% [markdown]
# ### 파라미터 수와 연산량을 식으로
#
# 개념의 식을 코드로 옮깁니다. 커널 크기가 $s\times s$인 합성곱 층은 가중치 $\frac{c_\text{in}}{\text{그룹 수}} c_\text{out} s^2$와 편향 $c_\text{out}$, 배치 정규화는 $2c$개의 파라미터를 가집니다. 아래 `conv_cost`의 인자 `k`는 이 커널 크기 $s$이고, 병목 비율 $k$가 아닙니다.
# 모델을 만들지 않고 `arch`만으로 계산하므로 빠릅니다. 아래 **모양 확인**에서 실제 모델과 맞춰 봅니다. 인터랙티브 (나)에서는 같은 식을 배열로 옮긴 `imagenet_size`로 설정 2만 개를 한꺼번에 잽니다.

# %%
def conv_cost(c_in, c_out, k, hw, groups=1):
    """합성곱 층 하나의 (파라미터 수, 곱셈-덧셈 수). hw는 출력의 높이(=너비)."""
    weights = c_in // groups * c_out * k * k
    return weights + c_out, weights * hw * hw


def anynet_cost(arch, stem_channels, resolution, in_channels=1, num_classes=10):
    """AnyNet(arch, stem_channels)의 단계별 [이름, 파라미터 수, 연산량(FLOPs), 출력 해상도]."""
    r = math.ceil(resolution / 2)
    params, macs = conv_cost(in_channels, stem_channels, 3, r)
    rows = [['stem', params + 2 * stem_channels, 2 * macs, r]]
    c_in = stem_channels
    for i, (depth, c, g, bot_mul) in enumerate(arch):
        b = int(round(c * bot_mul))
        params = macs = 0
        for j in range(depth):
            r_in = r
            if j == 0:
                r = math.ceil(r / 2)                   # 첫 블록의 스트라이드 2
            layers = [conv_cost(c_in, b, 1, r_in),     # 1x1 (스트라이드 1: 입력 해상도)
                      conv_cost(b, b, 3, r, b // g),   # 3x3 그룹 합성곱
                      conv_cost(b, c, 1, r)]           # 1x1
            if j == 0:
                layers.append(conv_cost(c_in, c, 1, r))  # 숏컷의 1x1
            params += sum(p for p, _ in layers) + 2 * (2 * b + c) + (2 * c if j == 0 else 0)
            macs += sum(m for _, m in layers)
            c_in = c
        rows.append([f'stage{i + 1}', params, 2 * macs, r])
    rows.append(['head', c_in * num_classes + num_classes, 2 * c_in * num_classes, 1])
    return rows


# %% [markdown]
# ## 모양 확인
#
# 책과 같은 $96\times96$ 입력입니다. 스템이 $96 \to 48$, 두 단계가 $48 \to 24 \to 12$로 해상도를 줄이고, 채널은 $32 \to 32 \to 80$으로 늘어납니다.

# %%
# NBVAL_CHECK_OUTPUT
RegNetX32().layer_summary((1, 1, 96, 96))

# %% [markdown]
# `cpu` 프로필이 쓰는 $24\times24$ 입력에서는 $24 \to 12 \to 6 \to 3$입니다. 전역 평균 풀링 덕분에 헤드는 해상도와 상관없이 같습니다.

# %%
# NBVAL_CHECK_OUTPUT
RegNetX32().layer_summary((1, 1, 24, 24))

# %% [markdown]
# 식으로 계산한 단계별 파라미터 수·연산량을 실제 모델(`d2l.num_params`, `d2l.count_flops`)과 비교합니다. (식)과 (모델) 열이 쌍마다 정확히 같아야 합니다.
# 파라미터 수는 해상도와 무관하고, 연산량은 해상도의 제곱에 대략 비례합니다.

# %%
# NBVAL_CHECK_OUTPUT
def stage_table(model, arch, stem_channels, resolution):
    model.apply_init([torch.zeros(1, 1, resolution, resolution)])
    X = torch.zeros(1, 1, resolution, resolution)
    rows = []
    for (name, params, flops, r), stage in zip(anynet_cost(arch, stem_channels, resolution),
                                               model.net):
        rows.append({'단계': name, '파라미터 (식)': params,
                     '파라미터 (모델)': d2l.num_params(stage),
                     'FLOPs (식)': flops, 'FLOPs (모델)': d2l.count_flops(stage, X.shape)})
        with torch.no_grad():
            X = stage.eval()(X)
    table = pd.DataFrame(rows).set_index('단계')
    table.loc['합계'] = table.sum()
    return table


regnet_arch = ((4, 32, 16, 1), (6, 80, 16, 1))
for resolution in (96, 24):
    print(f'입력 {resolution}×{resolution}')
    display(stage_table(RegNetX32(), regnet_arch, 32, resolution))

# %% [markdown]
# 파라미터의 대부분(약 83%)은 너비 80인 둘째 단계에 있습니다. 그런데 연산량은 두 단계가 같은 자릿수입니다. 둘째 단계는 블록 하나의 곱셈-덧셈이 픽셀마다 약 3.7배($2c^2 + 9gc$가 24,320 대 6,656)이고 블록도 1.5배 많지만, 해상도가 가로세로 절반(면적 4분의 1)이기 때문입니다.
# RegNetX32 전체는 약 18만 개의 파라미터로, ResNet-18(약 1,118만 개, 07 ResNet 노트북의 「모양 확인」 절)의 60분의 1 정도입니다.

# %% [markdown]
# ## 인터랙티브
#
# ### (가) 너비 규칙: $w_0, w_a, w_m, d$ → 블록 너비 → 단계
#
# 양자화된 선형 너비 규칙을 직접 계산합니다. 슬라이더로 $w_0$(시작 너비), $w_a$(직선의 기울기, slope), $w_m$(양자화의 공비), $d$(블록 수), 그룹 너비 $g$를 바꾸면 다음 세 가지를 보여 줍니다.
#
# * 그림: 직선 $u_j$(점선), 양자화한 너비 $w_j$(계단), 등비수열 격자 $w_0 w_m^k$(회색 가로선)
# * 표: 계단을 묶은 단계마다의 깊이·너비·그룹 수
# * 그 단계들로 실제 `AnyNet`을 만들어 잰 파라미터 수와, $24\times24$(`cpu`)·$96\times96$(책) 입력의 연산량
#
# 기본값 $w_0 = 32,\ w_a = 5,\ w_m = 2.5,\ d = 10,\ g = 16$은 책의 RegNetX32와 같은 구조를 냅니다. 해 볼 것:
#
# * $w_a$를 키우면 단계가 늘고(너비가 빨리 커져 격자를 더 많이 건넙니다), 뒤 단계가 넓어져 파라미터가 빠르게 늘어납니다.
# * $w_m$을 1.5 쪽으로 줄이면 격자가 촘촘해져 단계가 많아지고, 3 쪽으로 키우면 단계가 적어집니다.
# * 단계가 많아지면 단계마다 해상도가 반이 되므로, $24\times24$ 입력에서는 금방 $1\times1$까지 줄어듭니다.

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt


def regnet_widths(w_0, w_a, w_m, depth, group_width):
    """블록 j = 0, ..., depth-1의 (선형 너비 u_j, 지수 s_j, 양자화한 너비 w_j)."""
    j = np.arange(depth)
    u = w_0 + w_a * j
    s = np.log(u / w_0) / np.log(w_m)
    w = w_0 * w_m ** np.round(s)
    w = np.maximum(group_width, np.round(w / group_width) * group_width)  # g의 배수로
    return u, s, w.astype(int)


def widths_to_stages(w):
    """같은 너비가 이어진 블록을 단계로 묶어 [(깊이, 너비), ...]를 돌려줍니다."""
    stages = []
    for width in w:
        if stages and stages[-1][1] == width:
            stages[-1][0] += 1
        else:
            stages.append([1, int(width)])
    return [tuple(s) for s in stages]


def show_width_rule(w_0=32, w_a=5.0, w_m=2.5, depth=10, group_width=16):
    u, s, w = regnet_widths(w_0, w_a, w_m, depth, group_width)
    stages = widths_to_stages(w)
    arch = tuple((d, c, group_width, 1) for d, c in stages)

    fig, ax = plt.subplots(figsize=(7.5, 3.4))
    for k in range(int(np.ceil(s.max())) + 2):
        ax.axhline(w_0 * w_m ** k, color='0.75', lw=0.8, zorder=0,
                   label=d2l.label('격자 $w_0 w_m^k$', 'grid $w_0 w_m^k$') if k == 0 else None)
    ax.plot(np.arange(depth), u, 'k--', lw=1,
            label=d2l.label('직선 $u_j = w_0 + w_a j$', 'linear $u_j = w_0 + w_a j$'))
    ax.step(np.arange(depth), w, where='mid', color='C3', lw=2,
            label=d2l.label('양자화한 $w_j$', 'quantized $w_j$'))
    ax.plot(np.arange(depth), w, 'o', color='C3', ms=4)
    ax.set_xlabel(d2l.label('블록 번호 j', 'block index j'))
    ax.set_ylabel(d2l.label('너비 (채널 수)', 'width (channels)'))
    ax.set_ylim(0, max(u.max(), w.max()) * 1.15)
    ax.legend(loc='upper left', fontsize=9)
    depths, widths = tuple(d for d, _ in stages), tuple(c for _, c in stages)
    ax.set_title(d2l.label(f'단계 {len(stages)}개: 깊이 {depths}, 너비 {widths}',
                           f'{len(stages)} stage(s): depths {depths}, widths {widths}'), fontsize=10)
    fig.tight_layout()

    table = pd.DataFrame({'깊이 d_i': [d for d, _ in stages], '너비 c_i': [c for _, c in stages],
                          '그룹 수 c_i/g': [c // group_width for _, c in stages]},
                         index=[f'stage{i + 1}' for i in range(len(stages))])
    display(table)

    model = AnyNet(arch, stem_channels=32)
    model.apply_init([torch.zeros(1, 1, 24, 24)])
    print(f'arch = {arch}')
    print(f'파라미터 {d2l.num_params(model):,}개, 연산량: '
          f'24×24 입력 {d2l.count_flops(model, (1, 1, 24, 24)) / 1e6:,.1f} M, '
          f'96×96 입력 {d2l.count_flops(model, (1, 1, 96, 96)) / 1e6:,.1f} M')


d2l.interact(
    show_width_rule,
    w_0=widgets.IntSlider(value=32, min=8, max=96, step=8, description='w_0',
                          continuous_update=False),
    w_a=widgets.FloatSlider(value=5.0, min=0.5, max=40.0, step=0.5, description='w_a',
                            continuous_update=False),
    w_m=widgets.FloatSlider(value=2.5, min=1.5, max=3.0, step=0.1, description='w_m',
                            continuous_update=False),
    depth=widgets.IntSlider(value=10, min=1, max=24, description='블록 수 d',
                            continuous_update=False),
    group_width=widgets.Dropdown(options=[8, 16, 32], value=16, description='그룹 너비 g'))

# %% [markdown]
# 기본값의 표와 `arch`가 RegNetX32와 같고, 파라미터 수와 $96\times96$ 입력의 연산량도 **모양 확인**의 합계와 같습니다. 단계마다 따로 고르던 깊이·너비·그룹 너비·병목 비율을 여섯 개의 수($d, w_0, w_a, w_m, g, k$)가 대신한 것입니다.
# 같은 여섯 개의 수로 더 깊거나 넓은 네트워크도 같은 원칙(너비·깊이가 단계마다 늘어남, 그룹 너비와 병목 비율 공유)을 지키며 만들 수 있습니다.

# %% [markdown]
# ### (나) 설계 공간에서 네트워크 뽑기: 제약이 분포를 어떻게 바꾸나
#
# 논문의 실험을 작게 흉내 냅니다. 다섯 공간 AnyNetX$_A$ – AnyNetX$_E$에서 네 단계짜리 네트워크 설정을 고르게 뽑습니다(논문의 범위: $d_i \in \{1, \dots, 16\}$, $c_i \in \{8, 16, \dots, 1024\}$, $k_i \in \{1, 2, 4\}$, $g_i \in \{1, 2, 4, \dots, 32\}$;
# 제약 D·E는 뽑은 뒤 조건을 만족하는 것만 남깁니다). 그리고 ImageNet 크기($224\times224$, 3채널, 1000클래스)에서 각 네트워크의 곱셈-덧셈 수와 파라미터 수를 위의 식으로 계산해 경험적 CDF를 그립니다.
#
# **이것은 오차의 분포가 아닙니다.** 논문의 그림은 뽑은 네트워크를 하나하나 ImageNet에서 훈련해 잰 **오차**의 CDF이고(공간마다 500개, 10에폭씩), 그래야 공간의 **품질**을 비교할 수 있습니다.
# 여기서는 훈련 없이 잴 수 있는 **크기**의 분포만 봅니다. 그래도 두 가지를 배울 수 있습니다.
#
# * **제약은 공간에서 뽑히는 모델의 크기 분포도 바꿉니다.** 그래서 논문은 오차를 비교할 때 복잡도 구간(약 400MF, 회색 띠)을 정해 그 안의 모델만 씁니다. 표의 "400MF 구간 비율"은 무작위로 뽑은 모델 중 그 구간에 드는 비율이고, 마지막 열은 500개를 모으려면 대략 몇 개를 뽑아야 하는지입니다. 이 두 열은 슬라이더의 $n$과 상관없이 공간마다 뽑아 둔 2만 개 전부로 셉니다. 2만 개 가운데 구간에 드는 것이 수십에서 백여 개뿐이므로, 마지막 열은 앞의 두 자리 정도만 의미가 있는 어림입니다.
# * **경험적 CDF는 표본 수 $n$에 따라 흔들립니다.** $n$을 작게 하면 곡선이 계단처럼 거칠어지고 중앙값도 바뀝니다. 논문이 공간마다 수백 개를 훈련한 이유입니다.
#
# 논문과 견주기 위해 여기서는 FLOPs 대신 곱셈-덧셈 수를 씁니다(「개념」 절에서 본 대로 논문의 FLOPs가 곱셈-덧셈 수입니다).

# %%
DEPTHS = np.arange(1, 17)
WIDTHS = np.arange(8, 1025, 8)
BOT_RATIOS = np.array([1, 2, 4])
GROUP_WIDTHS = np.array([1, 2, 4, 8, 16, 32])
SPACES = {'A': '제약 없음', 'B': 'k 공유', 'C': 'k, g 공유',
          'D': 'C + 너비 증가', 'E': 'D + 깊이 증가'}


def sample_space(space, n, rng, num_stages=4):
    """AnyNetX_space에서 설정 n개를 고르게 뽑아 (n, 단계 수) 모양의 배열 d, c, g, k로 돌려줍니다."""
    kept = []
    while sum(len(part[0]) for part in kept) < n:
        m = 20_000
        d = rng.choice(DEPTHS, (m, num_stages))
        c = rng.choice(WIDTHS, (m, num_stages))
        g = rng.choice(GROUP_WIDTHS, (m, num_stages))
        k = rng.choice(BOT_RATIOS, (m, num_stages))
        if space >= 'B':
            k[:] = k[:, :1]                                   # 병목 비율 공유
        if space >= 'C':
            g[:] = g[:, :1]                                   # 그룹 너비 공유
        keep = np.ones(m, dtype=bool)
        if space >= 'D':
            keep &= (np.diff(c, axis=1) >= 0).all(axis=1)     # 너비가 줄지 않음
        if space >= 'E':
            keep &= (np.diff(d, axis=1) >= 0).all(axis=1)     # 깊이가 줄지 않음
        kept.append((d[keep], c[keep], g[keep], k[keep]))
    return [np.concatenate(parts)[:n] for parts in zip(*kept)]


def bottleneck(c, g, k):
    """병목 채널 b = c/k를 그룹 너비의 배수로 맞추고, 그룹 너비가 b를 넘지 않게 합니다."""
    b = np.maximum(1, c // k)
    g = np.minimum(g, b)
    return np.maximum(g, np.round(b / g) * g).astype(np.int64), g


def imagenet_size(d, c, g, k, resolution=224, in_channels=3, num_classes=1000, stem=32):
    """설정 배열마다 (곱셈-덧셈 수, 파라미터 수). anynet_cost와 같은 식을 배열로 계산합니다."""
    r = math.ceil(resolution / 2)
    macs = np.full(len(d), in_channels * stem * 9 * r * r, dtype=np.float64)
    params = np.full(len(d), in_channels * stem * 9 + stem + 2 * stem, dtype=np.float64)
    c_in = np.full(len(d), stem)
    for i in range(d.shape[1]):
        b, gw = bottleneck(c[:, i], g[:, i], k[:, i])
        ci, di = c[:, i], d[:, i]
        r_in, r = r, math.ceil(r / 2)
        macs += c_in * b * r_in ** 2 + (9 * gw * b + b * ci + c_in * ci) * r ** 2  # 첫 블록
        macs += (di - 1) * (ci * b + 9 * gw * b + b * ci) * r ** 2                  # 나머지
        # 숏컷 없는 블록 하나의 파라미터: 세 합성곱의 가중치 c·b + 9·g·b + b·c, 편향 b + b + c,
        # 배치 정규화 셋의 γ·β 2·(2b + c)
        block = ci * b + 9 * gw * b + b * ci + 2 * b + ci + 2 * (2 * b + ci)
        # 단계의 첫 블록은 첫 1x1 합성곱의 입력이 c가 아니라 c_in이므로 가중치 c·b를 c_in·b로 바꾸고,
        # 숏컷의 1x1 합성곱(가중치 c_in·c, 편향 c)과 그 배치 정규화(2c)를 더합니다.
        params += (block - ci * b + c_in * b) + (c_in * ci + ci + 2 * ci) + (di - 1) * block
        c_in = ci
    return macs + c_in * num_classes, params + c_in * num_classes + num_classes


rng = np.random.default_rng(0)
POOL = 20_000
samples = {}
for space in SPACES:
    samples[space] = np.stack(imagenet_size(*sample_space(space, POOL, rng)), axis=1)

# 배열 식이 anynet_cost의 식, 실제 모델과 맞는지 공간 A에서 뽑은 설정 하나로 확인합니다.
d, c, g, k = sample_space('A', 1, np.random.default_rng(1))
b, gw = bottleneck(c[0], g[0], k[0])
check_arch = tuple((int(di), int(ci), int(gi), int(bi) / int(ci))
                   for di, ci, gi, bi in zip(d[0], c[0], gw, b))
check = AnyNet(check_arch, 32, num_classes=1000)
check.apply_init([torch.zeros(1, 3, 32, 32)])
rows = anynet_cost(check_arch, 32, 32, in_channels=3, num_classes=1000)
macs, params = imagenet_size(d, c, g, k, resolution=32)
print('확인용 설정 (d, c, g, bot_mul):', check_arch)
print(f'파라미터      배열 식 {params[0]:,.0f}  anynet_cost {sum(r[1] for r in rows):,}  '
      f'모델 {d2l.num_params(check):,}')
print(f'FLOPs(32×32)  배열 식 {2 * macs[0]:,.0f}  anynet_cost {sum(r[2] for r in rows):,}  '
      f'모델 {d2l.count_flops(check, (1, 3, 32, 32)):,}')


# %%
def configurations(space, num_stages=4):
    """공간의 설정 수: 값마다 후보 수를 곱하고, '줄지 않는' 수열은 중복조합으로 셉니다."""
    nd, nc, nk, ng = len(DEPTHS), len(WIDTHS), len(BOT_RATIOS), len(GROUP_WIDTHS)
    k = nk if space >= 'B' else nk ** num_stages
    g = ng if space >= 'C' else ng ** num_stages
    c = math.comb(nc + num_stages - 1, num_stages) if space >= 'D' else nc ** num_stages
    d = math.comb(nd + num_stages - 1, num_stages) if space >= 'E' else nd ** num_stages
    return k * g * c * d


def show_design_spaces(n=500, quantity='곱셈-덧셈 (M)'):
    column = 0 if quantity.startswith('곱셈') else 1
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    if column == 0:
        ax.axvspan(360, 400, color='0.8', label=d2l.label('약 400MF 구간', '~400MF window'))
    rows = []
    for i, (space, label) in enumerate(SPACES.items()):
        values = np.sort(samples[space][:n, column]) / 1e6   # 앞의 n개만 씁니다
        ecdf = np.arange(1, n + 1) / n                        # F̂(x) = (x 이하인 표본 수) / n
        ax.step(values, ecdf, where='post', color=f'C{i}', label=f'AnyNetX_{space}')
        macs = samples[space][:, 0] / 1e6                     # 구간 비율은 2만 개 전부로
        inside = ((macs >= 360) & (macs <= 400)).mean()
        draws = float(f'{500 / inside:.2g}') if inside else None   # 앞 두 자리만 의미가 있는 어림
        rows.append({'공간': f'AnyNetX_{space}', '제약': label,
                     '설정 수': f'{configurations(space):.1e}',
                     f'중앙값 (n={n})': f'{np.median(values):,.0f} M',
                     '400MF 구간 비율': f'{inside:.2%}',
                     '500개를 모으려면': f'약 {draws:,.0f}개' if draws else '—'})
    ax.set_xscale('log')
    ax.set_xlabel(d2l.label('곱셈-덧셈 (M), 224×224 입력', 'multiply-adds (M), 224x224 input')
                  if column == 0 else d2l.label('파라미터 (M)', 'parameters (M)'))
    ax.set_ylabel(d2l.label('경험적 CDF', 'empirical CDF'))
    ax.set_title(d2l.label(f'설계 공간마다 뽑은 설정 {n}개: 크기의 분포(오차 아님)',
                           f'{n} sampled configurations per design space: size, not error'),
                 fontsize=10)
    ax.legend(fontsize=8, loc='lower right')
    fig.tight_layout()
    display(pd.DataFrame(rows).set_index('공간'))


d2l.interact(
    show_design_spaces,
    n=widgets.SelectionSlider(options=[10, 30, 100, 300, 500, 1000, 3000], value=500,
                              description='표본 수 n'),
    quantity=widgets.Dropdown(options=['곱셈-덧셈 (M)', '파라미터 (M)'], value='곱셈-덧셈 (M)',
                              description='무엇의 분포'))

# %% [markdown]
# 읽는 법: 곡선 위의 점 $(x, y)$는 "이 공간에서 뽑은 네트워크 중 비율 $y$가 크기 $x$ 이하"라는 뜻입니다.
#
# * 논문의 범위를 그대로 쓰면 무작위로 뽑은 네트워크는 대부분 400MF보다 훨씬 큽니다(중앙값을 보세요). 구간에 드는 비율이 1%도 안 되어 500개를 모으려면 수만에서 수십만 개를 뽑아 걸러야 하지만, 크기 계산은 훈련과 비교할 수 없이 싸므로 문제가 되지 않습니다. 비싼 것은 남은 500개를 훈련하는 일입니다.
# * B·C(공유 제약)는 A와 곡선이 비슷합니다. 값 몇 개를 공유해도 크기 분포는 거의 그대로입니다. D·E(증가 제약)는 곡선이 왼쪽으로 옮겨 갑니다. 네 단계의 너비를 뽑아 "커지는 순서"인 것만 남기면, 해상도가 가장 큰 앞 단계에는 좁은 너비가 오는 경우가 많아져 연산량이 줄기 때문입니다.
# * 표의 설정 수는 제약마다 줄어듭니다. 그래도 가장 좁은 E도 $10^{11}$가지가 넘으므로 공간 하나를 다 훈련해 볼 수는 없고, 표본으로 분포를 추정하는 수밖에 없습니다.
# * 품질(오차)에 대한 결론, 곧 "B·C는 A만큼 좋고 D·E는 더 좋다"는 이 그림으로는 알 수 없습니다. 그것은 논문이 구간 안의 모델 500개씩을 실제로 훈련해서 얻은 결과입니다. 이 노트북에 저장된 실행(2코어 CPU)에서는 RegNetX32를 $24\times24$로 한 에폭 훈련하는 데 약 18초<!-- run 17.940473 -->가 걸렸으니(**결과**의 에폭별 표에서 `seconds` 열), 작은 실험이라도 모델 수백 개의 오차 분포를 얻으려면 몇 시간이 듭니다(연습문제 4).

# %% [markdown]
# ## 훈련
#
# 책의 설정은 RegNetX32를 $96\times96$ 해상도, 배치 크기(batch size) 128, 학습률(learning rate) 0.05의 확률적 경사 하강법(SGD)으로 10에폭 훈련하는 것입니다. $96\times96$ 입력은 이미지 한 장의 연산량이 $24\times24$의 약 16배이므로(**모양 확인**의 표), GPU 없이 2코어 CPU에서 돌리면 10에폭에 1시간 가까이 걸린다고 어림됩니다(**결과** 절의 어림으로 약 0.8시간<!-- run -->, 크게 어긋날 수 있음).
# 그래서 `cpu` 프로필은 **모델은 책과 똑같이 두고** 다음 세 가지를 바꿉니다.
#
# * **훈련 방법과 예산**: 책의 SGD 대신, 02~09 노트북이 모두 함께 쓰는 훈련 레시피 `d2l.CPU_RECIPE`로 8에폭을 훈련합니다. 배치 크기가 128이라 한 에폭은 미니배치(minibatch) 469개, 곧 옵티마이저(optimizer)의 469스텝입니다. 이 레시피가 어떤 재료로 되어 있고 RegNet 대신 ResNet으로 쟀을 때 재료마다 정확도가 얼마나 달라졌는지는 [10 모든 모델 비교 노트북의 「훈련 레시피」 절](10_comparison.ipynb#훈련-레시피)에 있습니다.
# * **해상도 $24\times24$**(Fashion-MNIST의 원래 크기 28보다 조금 작게): 위의 표처럼 연산량이 $96\times96$의 약 16분의 1입니다. 해상도가 $24 \to 12 \to 6 \to 3$으로 줄어 마지막 특성 맵이 작지만, 전역 평균 풀링 덕분에 모델은 그대로 동작합니다. 해상도는 2코어 CPU에서 8에폭이 4분 안에 끝나도록 모델마다 정합니다. 원래 크기 $28\times28$로는 AMX(Intel CPU의 행렬 곱 명령어)가 없는 2코어 CPU(예: AMD Zen 4)에서 8에폭이 약 4.1분으로 4분을 넘는다고 어림되어(README의 「벤치마크」 절) 조금 줄였습니다. `cpu` 프로필로 이 노트북에 저장된 실행은 AMX가 있는 2코어 Intel Xeon에서 약 2.4분<!-- run -->이 걸렸습니다. AMX가 없는 2코어 CPU에서는 같은 설정이 약 3.3~3.5분 걸린다고 어림됩니다(같은 절).
# * **Xavier 초기화**: 책의 RegNetX32 훈련 코드는 `apply_init`을 부르지 않고, 생성자 안의 `self.net.apply(d2l.init_cnn)`은 지연 층에서 아무 일도 하지 않으므로(01 LeNet 노트북의 「초기화와 지연 층」 절) 책의 실행은 PyTorch의 기본 초기화로 훈련됩니다. d2lmini의 `d2l.init_cnn`은 지연 층에서도 초기화를 하므로, 책의 실행과 같게 하려고 `AnyNet`의 생성자에서는 그 줄을 뺐습니다. `cpu` 프로필은 Xavier 초기화를 `apply_init`으로 실제로 적용합니다. 01·03·06·07·08 노트북과 같은 초기화이고, 02·04·05 노트북은 He 초기화를 씁니다.
#
# 구조(깊이, 너비, 그룹 너비)는 책 그대로이고, 레시피와 예산은 02~09 노트북에 공통이므로 이 노트북이 따로 정한 것은 해상도와 초기화뿐입니다.
#
# GPU가 있는 컴퓨터에서 저절로 골라지는 `book` 프로필은 위의 세 가지를 모두 책과 같게 둡니다($96\times96$, SGD, PyTorch의 기본 초기화). 노트북이 끝까지 도는지만 확인하는 `smoke` 프로필에서는 라이브러리가 1에폭 동안 훈련 이미지 256장, 검증 이미지 128장만 씁니다.

# %%
cfg = d2l.profile_settings(
    book=dict(max_epochs=10, batch_size=128, lr=0.05, resize=(96, 96), init='default',
              recipe=d2l.BOOK_RECIPE),
    cpu=dict(max_epochs=8, batch_size=128, lr=0.002, resize=(24, 24), init='xavier',
             recipe=d2l.CPU_RECIPE),
    smoke=dict(max_epochs=1, batch_size=64, lr=0.002, resize=(24, 24), init='xavier',
               recipe=d2l.CPU_RECIPE))

# %% [markdown]
# 아래 셀은 책의 훈련 코드처럼 트레이너, 데이터, 모델을 차례로 만들고, 책에 없는 줄 둘을 더합니다. `cfg.recipe.apply(model, data)`는 `RegNetX32`의 옵티마이저와 손실을 프로필이 고른 레시피로 바꾸고, 레시피에 데이터 증강(data augmentation)이 있으면 데이터의 훈련 미니배치에 켭니다(`cpu` 레시피에는 증강이 없고, `book`에서는 책의 SGD가 그대로 남습니다). `model.apply_init(...)`은 첫 미니배치를 한 번 흘려 지연 층의 모양을 정하고, `cfg.init`이 고른 초기화(`cpu`에서는 Xavier)를 적용합니다. 출력의 `[d2lmini]` 줄 두 개는 GPU가 없어 CPU로 훈련한다는 것과, 스텝 몇 개를 재어 고른 계산 방법을 알립니다(README의 「벤치마크」 절).

# %%
trainer = d2l.Trainer(max_epochs=cfg.max_epochs, num_gpus=1, seed=0)
data = d2l.FashionMNIST(batch_size=cfg.batch_size, resize=cfg.resize)
model = RegNetX32(lr=cfg.lr)
cfg.recipe.apply(model, data)   # 훈련 방법: book은 책 그대로, cpu는 모든 모델에 같은 레시피
model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.initializer(cfg.init))
history = trainer.fit(model, data)

# %% [markdown]
# 이번 실행을 `results/<프로필>/09_cnn_design.json`에 기록합니다. 책의 값(`book_figure`)은 책의 훈련 그래프에서 읽은 10에폭 후 검증 정확도(validation accuracy)입니다.

# %%
d2l.record_run('09_cnn_design', 'RegNetX-32', model, data, trainer, cfg, book_figure=0.90)

# %% [markdown]
# ## 결과
#
# 에폭별 기록입니다. `lr`은 에폭을 시작할 때의 학습률이고(02 AlexNet 노트북의 「결과」 절), `seconds`는 검증까지 포함한 에폭 하나의 시간입니다. 이 노트북에 저장된 실행에서는 에폭마다 약 18초<!-- run 17.940473 -->로 고르게 걸렸습니다.

# %%
history.to_frame()

# %% [markdown]
# **책의 설정은 얼마나 걸릴까.** 이번 실행의 에폭 시간에 연산량의 비($96\times96$ 대 이번 해상도)를 곱하면, 같은 2코어 CPU에서 책의 설정(10에폭)은 약 0.8시간<!-- run -->이 걸린다고 어림할 수 있습니다. 어림의 방법과 한계(실제와 두세 배까지 어긋날 수 있음)는 [07 ResNet 노트북의 「책의 설정은 얼마나 걸릴까」 절](07_resnet.ipynb#책의-설정은-얼마나-걸릴까)에서 설명합니다.

# %%
flops_ratio = d2l.count_flops(model, (1, 1, 96, 96)) / d2l.count_flops(model, (1, 1, *cfg.resize))
epoch_minutes = sum(history.column('seconds')) / len(history) / 60 * 60_000 / len(data.train)
print(f'이번 실행({cfg.profile}): 6만 장 한 에폭에 약 {epoch_minutes:.1f}분')
print(f'책의 설정(연산량 {flops_ratio:.1f}배) 어림: 에폭당 약 {epoch_minutes * flops_ratio:.0f}분, '
      f'10에폭에 약 {epoch_minutes * flops_ratio * 10 / 60:.1f}시간')

# %% [markdown]
# 책의 실행과 나란히 놓습니다.

# %%
book = {'해상도': '96×96', '에폭': 10, '파라미터': d2l.num_params(model),
        '이미지 한 장의 연산량 (MFLOPs)': round(d2l.count_flops(model, (1, 1, 96, 96)) / 1e6, 1),
        '훈련 시간 (분)': '—', '최종 검증 정확도': '약 0.90 (그래프에서 읽음)'}
ours = {'해상도': '×'.join(map(str, cfg.resize)), '에폭': len(history),
        '파라미터': d2l.num_params(model),
        '이미지 한 장의 연산량 (MFLOPs)': round(d2l.count_flops(model, (1, 1, *cfg.resize)) / 1e6, 1),
        '훈련 시간 (분)': round(sum(history.column('seconds')) / 60, 1),
        '최종 검증 정확도': round(history.column('val_acc')[-1], 3)}
print(f'프로필: {cfg.profile}, 데이터: {data.source} (훈련 {len(data.train):,} / 검증 {len(data.val):,}장)')
pd.DataFrame({'책 (GPU)': book, f'이번 실행 ({cfg.profile})': ours})

# %% [markdown]
# 표의 오른쪽 열이 이번 실행입니다. `cpu` 프로필로 이 노트북에 저장된 실행은 8에폭에 약 2.4분<!-- run --> 걸렸고 최종 검증 정확도는 0.906<!-- run -->으로 책의 값(약 0.90, 그래프에서 읽음)을 넘었습니다. 다만 넘은 폭 0.006은 검증 표본의 잡음(약 0.005, [10 모든 모델 비교 노트북의 「잡음: 얼마나 달라야 "다르다"고 할까」 절](10_comparison.ipynb#잡음-얼마나-달라야-다르다고-할까)) 정도입니다.
# 같은 18만 개 파라미터의 모델이 작은 입력으로 연산량을 책의 약 16분의 1로 줄이고도 정확도를 잃지 않은 것입니다. Fashion-MNIST의 원래 크기가 $28\times28$이라 책의 $96\times96$ 입력은 새 정보 없이 이미지를 키운 것이므로 그럴 수 있습니다(이번 실행의 $24\times24$는 원래 크기보다 조금 작아, 오히려 세부를 조금 잃습니다). 그러나 큰 입력은 특성 맵도 크게 만들고(마지막 단계에서 $12\times12$ 대 $3\times3$), 훈련 방법(레시피)과 에폭 수도 책과 다르므로, 이 비교 하나로 해상도의 효과만 떼어 볼 수는 없습니다.
#
# 에폭별 표에서 두 가지를 읽을 수 있습니다.
#
# * `val_acc`는 마지막 에폭까지 매 에폭 올라 약 0.906<!-- run 0.9060 -->에 이르고, `val_loss`도 매 에폭 줄었습니다. 위 표의 최종 검증 정확도는 마지막 에폭의 값이고, 이 실행에서는 가장 좋은 에폭의 값이기도 합니다. 다만 학습률이 거의 0이 된 마지막 에폭에는 `val_acc`가 0.9053<!-- run -->에서 0.9060<!-- run -->으로, `val_loss`가 0.3359<!-- run -->에서 0.3355<!-- run -->로 거의 그대로입니다. 학습률이 작아지면 가중치가 거의 움직이지 않기 때문입니다. 원사이클(one-cycle) 스케줄에서는 끝에 이렇게 조금씩 오르는 것이 보통이라, 이것만으로 에폭이 모자랐다고 할 수는 없습니다. 에폭을 늘리면 나아지는지는 실제로 늘려 훈련한 실행과 견주어야 알 수 있습니다(10 모든 모델 비교 노트북의 연습문제 4).
# * `train_loss`가 `val_loss`보다 큰 것은 문제의 신호가 아닙니다. 훈련 손실에는 레이블 스무딩(label smoothing)이 들어 있어 10클래스에서는 약 0.5 아래로 내려갈 수 없고, 검증 손실은 보통의 교차 엔트로피(cross-entropy)입니다. 계산은 [풀이의 연습문제 6](solutions/09_cnn_design_solutions.ipynb#연습문제-6)에 있습니다.
#
# 검증 데이터 전체에 대한 분류 보고서입니다. 혼동 행렬(confusion matrix)의 행은 정답, 열은 예측입니다.

# %%
report = d2l.classification_report(model, data)

# %% [markdown]
# 두 표에서 눈으로 찾아야 할 세 가지를 `report.summary()`가 한 줄씩 적어 줍니다. 정확도가 가장 낮은 클래스, 정답과 예측이 가장 자주 엇갈린 (정답 → 예측) 한 쌍, 정확도가 0.95 이상인 클래스들입니다.

# %%
report.summary()

# %% [markdown]
# 이 실행에서 가장 낮은 클래스는 셔츠(shirt, 정확도 0.73<!-- run -->)이고, 가장 많이 헷갈린 쌍은 셔츠를 티셔츠(t-shirt)로 본 97장<!-- run -->입니다. 반대로 바지·샌들·스니커즈·가방·앵클부츠 다섯 클래스는 0.95 이상입니다. 남은 오류는 셔츠·티셔츠·코트(coat)·풀오버(pullover)처럼 $28\times28$ 흑백에서 실루엣이 비슷한 윗옷 사이에 몰려 있습니다.

# %% [markdown]
# ## 요약과 연습문제
#
# **요약**
#
# * AnyNet 설계 공간은 스템($3\times3$ 합성곱, 스트라이드 2) + ResNeXt 블록으로 된 단계들 + 헤드(전역 평균 풀링, 완전 연결 층)이고, 단계마다 깊이 $d_i$, 너비 $c_i$, 그룹 너비 $g_i$, 병목 비율 $k_i$를 고릅니다. 네 단계면 스템을 포함해 17개의 선택입니다.
# * 설계 공간은 뽑은 네트워크들의 오차의 경험적 CDF $\hat F(e) = \frac1n\sum_i \mathbf 1(e_i \le e)$로 비교합니다. 복잡도 구간을 맞추고, 적은 에폭의 훈련을 대리 지표로 씁니다.
# * 병목 비율과 그룹 너비를 공유해도 분포가 나빠지지 않았고, 너비·깊이가 단계마다 늘어나게 하면 오히려 좋아졌습니다(AnyNetX$_E$).
# * RegNet은 너비를 직선 $u_j = w_0 + w_a j$로 정하고 $w_0 w_m^{\mathrm{round}(s_j)}$로 양자화해 단계를 만듭니다. 여섯 개의 수($d, w_0, w_a, w_m, g, k$)로 네트워크가 정해집니다. 병목은 쓰지 않는 것($k = 1$)이 가장 좋았습니다.
# * `d2l.ResNeXtBlock`의 `groups`는 그룹 **너비**입니다. 책의 RegNetX32(깊이 $(4, 6)$, 너비 $(32, 80)$, 그룹 너비 16)는 $w_0 = 32,\ w_a = 5,\ w_m = 2.5,\ d = 10$의 너비 규칙과 같고, 파라미터는 약 18만 개입니다.
#
# **토론과 더 나아가기**
#
# RegNet이 나온 무렵부터 이미지 모델의 중심은 잠시 합성곱 밖으로 옮겨 갔습니다. Vision Transformer(ViT; Dosovitskiy 등, 2021)는 이미지를 작은 패치(예: $16\times16$)로 잘라 단어처럼 늘어놓고 트랜스포머로 처리합니다. 합성곱에 내장된 가정, 곧 가까운 픽셀끼리 먼저 보는 지역성과 모든 위치에 같은 필터를 쓰는 가중치 공유가 없어서 ImageNet 정도의 데이터만으로는 비슷한 크기의 ResNet보다 조금 못했지만, 훨씬 큰 데이터로 사전 훈련하면 더 나은 정확도를 냈습니다.
#
# 그러자 Liu 등(2022, *A ConvNet for the 2020s*)은 반대 방향에서 출발했습니다. ResNet-50을 놓고 트랜스포머 시대의 선택을 한 번에 하나씩 옮겨 심으며 매번 정확도를 쟀습니다. 더 긴 훈련과 강한 데이터 증강 같은 훈련 레시피, 단계별 블록 수의 비율, 패치처럼 자르는 $4\times4$·스트라이드 4 스템, 그룹 너비를 1로 줄인 그룹 합성곱(깊이별 합성곱, depthwise convolution)과 더 넓은 채널을 쓰는 ResNeXt식 블록, 역병목(inverted bottleneck), $7\times7$의 큰 커널, ReLU 대신 GELU, 배치 정규화 대신 층 정규화(layer normalization) 같은 것들입니다. 그 결과인 ConvNeXt는 비슷한 연산량의 Swin Transformer에 견줄 정확도를 냈습니다.
#
# 한 번에 한 가지 선택만 바꾸고 그때마다 결과를 확인하는 방식은 이 노트북에서 제약을 하나씩 더하며 분포를 비교한 것과 같은 태도입니다. 구조의 우열만큼이나 훈련 레시피와 공정한 비교(연산량을 맞추기)가 중요하다는 것이 이 장 전체의 교훈이기도 합니다. 이 시리즈의 `cpu` 프로필이 모든 모델에 쓰는 레시피도 ConvNeXt가 쓴 재료 가운데 몇 가지(AdamW, 가중치 감쇠(weight decay), 레이블 스무딩)를 빌려 왔습니다.
#
# **연습문제**
#
# 1. 인터랙티브 (가)에서 단계가 네 개인 RegNetX를 만들어 보세요. $28\times28$ 입력의 연산량이 RegNetX32와 비슷하게 되도록 $w_0, w_a, w_m, d$를 고르고, `cpu` 레시피(`cfg.recipe.apply(model, data)`로 붙입니다)로 해상도는 $28\times28$로 두고 훈련해 RegNetX32와 비교해 보세요. *힌트: (가)는 $24\times24$와 $96\times96$ 입력의 연산량만 보여 주므로, (가)가 출력한 `arch`의 $28\times28$ 연산량은 `anynet_cost(arch, 32, 28)`가 돌려주는 단계별 연산량(셋째 값)을 더해 재세요. 단계가 넷이면 $28\times28$ 입력은 $14 \to 7 \to 4 \to 2 \to 1$까지 줄어듭니다. 스템의 스트라이드를 1로 바꾸는 것도 방법입니다.* [풀이](solutions/09_cnn_design_solutions.ipynb#연습문제-1)
# 2. RegNetX32의 ResNeXt 블록을 ResNet의 잔차 블록(`d2l.Residual`)으로 바꾸면 파라미터 수와 연산량이 어떻게 달라지나요? 훈련 결과는요? *힌트: `stage` 메서드만 다시 정의하면 됩니다. `d2l.Residual(num_channels, use_1x1conv=True, strides=2)`.* [풀이](solutions/09_cnn_design_solutions.ipynb#연습문제-2)
# 3. 설계 원칙을 일부러 어긴 네트워크(너비가 단계마다 줄어듦, 단계마다 그룹 너비가 다름 등)를 RegNetX32와 연산량이 비슷하게 만들어 훈련해 보세요. 네 값(깊이 $d_i$, 너비 $c_i$, 그룹 너비 $g_i$, 병목 비율 $k_i$) 가운데 어느 것의 원칙을 어겼을 때 가장 나빠지나요? *힌트: 비교를 공정하게 하려면 연산량을 맞추고, 시드를 바꿔 두세 번 돌려 흔들림의 크기도 보세요. 데이터는 `fraction=0.25`로 줄이면 빠릅니다.* [풀이](solutions/09_cnn_design_solutions.ipynb#연습문제-3)
# 4. 인터랙티브 (나)의 공간을 $28\times28$ 입력, 두 단계, $d_i \le 4$, $c_i \le 128$로 줄여 "작은 AnyNet 설계 공간"을 만들고, 설정 20개씩을 뽑아 1에폭씩 훈련해 오차의 경험적 CDF를 그려 보세요. 몇 분이 걸릴지 먼저 어림해 보세요. *힌트: 모델마다 `d2l.count_flops`로 연산량을 재 두면 훈련 시간을 어림할 수 있습니다. 곡선 두 개의 차이가 표본 수 20으로 믿을 만한지도 생각해 보세요.* [풀이](solutions/09_cnn_design_solutions.ipynb#연습문제-4)
# 5. 병목 비율을 $k = 4$로 바꾼 RegNetX32(`bot_mul=0.25`)와 원래 모델의 파라미터 수·연산량을 식으로 비교해 보세요. 연산량을 원래 모델과 맞추려면 너비를 얼마나 늘려야 하나요? *힌트: `anynet_cost`를 쓰면 모델을 만들지 않고도 잴 수 있습니다. 병목 채널이 그룹 너비 16보다 작아지지 않게 주의하세요.* [풀이](solutions/09_cnn_design_solutions.ipynb#연습문제-5)
# 6. 재료 하나만 바꾼 레시피, 예를 들어 레이블 스무딩을 뺀 `d2l.CPU_RECIPE.replace(label_smoothing=0)`으로 RegNetX32를 같은 8에폭 훈련해 보세요. 검증 정확도와, `train_loss`와 `val_loss`의 관계가 어떻게 달라지나요? *힌트: 새 레시피를 `.apply(model, data)`로 붙인 뒤 `apply_init`과 `trainer.fit`을 부르면 됩니다. 차이가 시드를 바꿨을 때의 흔들림보다 큰지, 10 모든 모델 비교 노트북의 「훈련 레시피」 절에서 ResNet으로 잰 표와도 견주어 보세요.* [풀이](solutions/09_cnn_design_solutions.ipynb#연습문제-6)
# 7. 이 노트북의 방법으로 "가장 좋은 MLP"를 설계해 보세요. 은닉층(hidden layer)의 수와 층마다의 너비를 고르는 설계 공간을 정하고, "너비가 층마다 줄어듦"이나 "모든 층의 너비가 같음" 같은 제약을 하나씩 걸어 가며 뽑은 MLP들의 오차 분포를 비교해 보세요. 작은 MLP에서 찾은 원칙이 더 큰 MLP에도 통하나요? *힌트: MLP는 합성곱 신경망보다 훨씬 빨리 훈련되므로, 훈련 5,000장으로 1에폭씩이면 설정 수십 개도 2코어 CPU에서 1분 안쪽입니다. `d2l.Classifier`를 상속해 `nn.Flatten()`과 `nn.LazyLinear`로 만들면 됩니다.* [풀이](solutions/09_cnn_design_solutions.ipynb#연습문제-7)
