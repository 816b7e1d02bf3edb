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
# # 네트워크 인 네트워크 NiN
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/04_nin.ipynb)
#
# 픽셀마다 작은 다층 퍼셉트론(MLP)을 적용하는 $1 \times 1$ 합성곱(convolution)과, 거대한 완전 연결 층(fully connected layer) 헤드(head)를 없애는 전역 평균 풀링(global average pooling)을 익히고 NiN을 Fashion-MNIST로 훈련(training)합니다.

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
# 1. $1 \times 1$ 합성곱이 픽셀마다 채널(channel)에 적용하는 완전 연결 층이라는 것을 식으로 설명하고, `nn.Conv2d(c_in, c_out, 1)`과 `nn.Linear(c_in, c_out)`이 같은 값을 낸다는 것을 코드로 확인할 수 있습니다.
# 2. NiN 블록(block)의 구성을 설명하고, 출력 크기 식으로 NiN의 층별 출력 모양과 필요한 최소 입력 크기를 계산할 수 있습니다.
# 3. 전역 평균 풀링이 완전 연결 헤드를 어떻게 대신하는지 설명하고, 두 헤드의 파라미터(parameter) 수를 비교할 수 있습니다.
# 4. 배치 정규화(batch normalization)가 없는 깊은 망에서 Xavier 초기화(Xavier initialization)와 He 초기화(He initialization)가 층마다 신호의 크기를 어떻게 바꾸는지 계산할 수 있습니다.
# 5. 그 때문에 훈련 초반에 손실이 $\ln 10$ 근처에 멈춰 있는 현상을 160스텝짜리 짧은 실험으로 확인할 수 있습니다.
# 6. CPU에 맞게 줄인 NiN을 훈련하고, 클래스 맵과 혼동 행렬(confusion matrix)로 결과를 읽을 수 있습니다.

# %% [markdown]
# ## 개념
#
# ### 완전 연결 헤드의 문제
#
# AlexNet과 VGG는 합성곱 층(convolutional layer)으로 특성(feature)을 뽑은 뒤 특성 맵(feature map)을 한 줄로 펼쳐 큰 완전 연결 층 두세 개에 넣습니다. 이 **헤드**가 파라미터의 대부분을 차지합니다. 예를 들어 $224 \times 224$ 입력의 VGG-11에서 마지막 특성 맵은 $512 \times 7 \times 7 = 25{,}088$개의 값이고, 이것을 4096개의 출력으로 잇는 첫 완전 연결 층 하나에만 $25{,}088 \times 4{,}096 + 4{,}096 = 102{,}764{,}544$, 곧 약 1.03억 개의 파라미터가 듭니다. 메모리를 많이 먹고, 과대적합(overfitting)되기 쉬우며, 펼치는 순간 입력 크기가 하나로 고정됩니다.
#
# Lin, Chen, Yan(2013)의 NiN(Network in Network)은 두 가지 생각으로 이 헤드를 없앴습니다.
#
# 1. 공간 위치마다 채널을 섞는 완전 연결 층을 **$1 \times 1$ 합성곱**으로 만들어 망 곳곳에 넣습니다.
# 2. 마지막 층이 클래스 수만큼의 채널을 내게 하고, 각 채널을 **전역 평균 풀링**으로 숫자 하나로 줄여 그대로 클래스 점수로 씁니다.
#
# ### 아이디어 1: $1 \times 1$ 합성곱 = 픽셀마다 완전 연결 층
#
# 입력 $\mathbf{X} \in \mathbb{R}^{c_i \times h \times w}$에 커널(kernel) 크기 $1 \times 1$인 합성곱을 적용하면, 출력 채널(output channel) $o$의 위치 $(i, j)$ 값은 같은 위치의 입력 채널(input channel)들만 섞은 것입니다.
#
# $$Y_{o,i,j} = b_o + \sum_{c=1}^{c_i} W_{o,c}\, X_{c,i,j}$$
#
# 위치 $(i, j)$의 채널 값을 벡터 $\mathbf{x}_{ij} \in \mathbb{R}^{c_i}$로 모으면 이 식은
#
# $$\mathbf{y}_{ij} = \mathbf{W} \mathbf{x}_{ij} + \mathbf{b}, \qquad \mathbf{W} \in \mathbb{R}^{c_o \times c_i}, \ \mathbf{b} \in \mathbb{R}^{c_o}$$
#
# 곧 **모든 픽셀에 같은 $\mathbf{W}$, $\mathbf{b}$를 쓰는 완전 연결 층**입니다. 픽셀 $h w$개를 예제 $h w$개로 보고 `nn.Linear(c_i, c_o)`를 적용한 것과 똑같습니다. 이웃 픽셀은 전혀 보지 않으므로 공간 정보를 섞지 않고, 파라미터 수는 일반적인 합성곱 층의 식 $c_i c_o k_h k_w + c_o$에 $k_h = k_w = 1$을 넣은 $c_i c_o + c_o$로 해상도(resolution)와 무관합니다.
#
# 이런 층 두 개를 ReLU와 함께 쌓으면 픽셀마다 은닉층이 하나인 작은 다층 퍼셉트론이 됩니다.
#
# $$\mathbf{z}_{ij} = \mathrm{ReLU}\big(\mathbf{W}_2\, \mathrm{ReLU}(\mathbf{W}_1 \mathbf{x}_{ij} + \mathbf{b}_1) + \mathbf{b}_2\big)$$
#
# **NiN 블록**은 보통의 $k \times k$ 합성곱 하나 뒤에 이 작은 MLP를 붙인 것입니다: 합성곱 → ReLU → $1 \times 1$ 합성곱 → ReLU → $1 \times 1$ 합성곱 → ReLU. 합성곱 망 안에 작은 망이 들어 있다고 해서 "네트워크 인 네트워크"입니다. 원 논문은 이것을 mlpconv 층이라 불렀습니다.
#
# ### NiN의 구조와 출력 크기
#
# 합성곱·풀링(pooling)의 출력 높이는
#
# $$n_h' = \left\lfloor \frac{n_h - k_h + 2p_h}{s_h} \right\rfloor + 1$$
#
# 입니다($k$: 커널, $p$: 패딩(padding), $s$: 스트라이드(stride)). PyTorch의 `padding=p`는 위와 아래에 **각각** $p$줄을 덧붙이므로 분자에 $2p_h$가 들어갑니다. 너비도 같은 식입니다. 책의 NiN은 AlexNet의 층 크기를 따르고, 입력은 $224 \times 224$ 흑백 이미지입니다.
#
# | 층 | 설정 | 출력 모양 | 계산 |
# |---|---|---|---|
# | NiN 블록 1 | $11 \times 11$, 스트라이드 4, 패딩 0, 96채널 | $96 \times 54 \times 54$ | $\lfloor (224 - 11)/4 \rfloor + 1 = 54$ |
# | 최대 풀링(max pooling) | $3 \times 3$, 스트라이드 2 | $96 \times 26 \times 26$ | $\lfloor (54 - 3)/2 \rfloor + 1 = 26$ |
# | NiN 블록 2 | $5 \times 5$, 패딩 2, 256채널 | $256 \times 26 \times 26$ | $\lfloor (26 - 5 + 4)/1 \rfloor + 1 = 26$ |
# | 최대 풀링 | $3 \times 3$, 스트라이드 2 | $256 \times 12 \times 12$ | $\lfloor (26 - 3)/2 \rfloor + 1 = 12$ |
# | NiN 블록 3 | $3 \times 3$, 패딩 1, 384채널 | $384 \times 12 \times 12$ | 크기 유지 |
# | 최대 풀링 | $3 \times 3$, 스트라이드 2 | $384 \times 5 \times 5$ | $\lfloor (12 - 3)/2 \rfloor + 1 = 5$ |
# | 드롭아웃(dropout) 0.5 | | $384 \times 5 \times 5$ | |
# | NiN 블록 4 | $3 \times 3$, 패딩 1, **10채널** | $10 \times 5 \times 5$ | 크기 유지 |
# | 전역 평균 풀링, 펼치기 | | $10$ | |
#
# **최소 입력 크기.** 출력 크기 식을 거꾸로 풀면, 패딩이 없는 층(커널 $k$, 스트라이드 $s$)의 출력이 $n'$ 이상이려면 입력이 $s(n' - 1) + k$ 이상이어야 합니다. 또 NiN 블록 2와 3은 크기를 유지하므로(위 표), 첫 풀링의 출력이 곧 둘째 풀링의 입력이고 둘째 풀링의 출력이 곧 마지막 풀링의 입력입니다.
#
# 이제 뒤에서부터 따집니다. 마지막 최대 풀링($3 \times 3$, 스트라이드 2)이 출력을 하나라도 내려면 입력이 $2 \cdot (1 - 1) + 3 = 3$ 이상이어야 합니다. 그러려면 둘째 풀링의 출력이 3 이상이어야 하므로 그 입력은 $2 \cdot (3 - 1) + 3 = 7$ 이상, 같은 식으로 첫 풀링의 입력은 $2 \cdot (7 - 1) + 3 = 15$ 이상이어야 합니다. 첫 합성곱(패딩 0)의 출력 $\lfloor (n - 11)/4 \rfloor + 1$이 15 이상이려면 $n \ge 4 \cdot (15 - 1) + 11 = 67$이어야 합니다. 그래서 이 NiN은 **67×67보다 작은 입력을 받지 못합니다**. 반대로 67 이상이면 크기에 상관없이 받습니다. 헤드에 입력 크기를 못 박는 완전 연결 층이 없기 때문입니다.
#
# ### 아이디어 2: 전역 평균 풀링
#
# 마지막 NiN 블록은 클래스 수($K = 10$)만큼의 채널을 냅니다. 이 절에서 $k$는 커널 크기가 아니라 클래스 번호입니다. 채널 $k$의 $h \times w$ 맵 $\mathbf{A}_k$를 "이 위치가 클래스 $k$처럼 보이는 정도"의 맵으로 보고, 평균 하나로 줄여 클래스 $k$의 점수, 곧 로짓(logit)으로 씁니다.
#
# $$o_k = \frac{1}{h w} \sum_{i=1}^{h} \sum_{j=1}^{w} A_{k,i,j}, \qquad \hat{\mathbf{y}} = \mathrm{softmax}(\mathbf{o})$$
#
# 전역 평균 풀링에는 파라미터가 없습니다. 헤드의 일을 마지막 NiN 블록(파라미터 수만 개)이 하고, 평균은 그 결과를 모을 뿐입니다. 그 대가로 분류에 필요한 정보를 마지막 블록이 채널별 맵으로 정리해 내야 합니다. 아래 **모양 확인**에서 같은 특성 맵에 VGG 식 헤드를 붙였을 때와 파라미터 수를 비교하고, **결과**에서는 훈련한 모델이 내는 실제 클래스 맵과 그 평균을 들여다봅니다.
#
# ### 훈련이 어려운 이유: 층마다 작아지는 신호
#
# NiN에는 ReLU가 붙은 합성곱 층이 12개 연달아 있고, 배치 정규화도 잔차 연결(residual connection)도 없습니다. 이런 망에서는 가중치(weight)를 처음에 어떤 크기로 정하느냐가 훈련 속도를 크게 좌우합니다. 출력 하나가 입력 $n_\text{in} = c_i k_h k_w$개의 가중합이고, 가중치가 평균 0, 분산 $\sigma^2$로 서로 독립이며 편향(bias)은 0이라고 합시다. 그러면
#
# $$\mathrm{Var}[y_l] = n_\text{in}\, \sigma^2\, \mathbb{E}[x_l^2], \qquad \mathbb{E}[x_l^2] = \tfrac{1}{2}\, \mathrm{Var}[y_{l-1}]$$
#
# 입니다($y_l$: $l$번째 합성곱의 출력, $x_l$: 그 층의 입력, 곧 앞 층 출력에 ReLU를 적용한 값). 두 번째 식이 성립하는 것은 앞 층의 출력이 평균 0인 대칭 분포일 때 ReLU가 그 절반을 0으로 만들기 때문입니다. 둘을 합치면 층 하나를 지날 때 분산이 $\tfrac{1}{2}\, n_\text{in} \sigma^2$배가 됩니다.
#
# * **He 초기화**(He 등 2015)는 $\sigma^2 = \frac{2}{n_\text{in}}$으로 골라 이 배율을 정확히 1로 만듭니다. 깊이와 상관없이 신호의 크기가 유지됩니다.
# * 책의 `d2l.init_cnn`은 **Xavier 초기화**로 $\sigma^2 = \frac{2}{n_\text{in} + n_\text{out}}$ ($n_\text{out} = c_o k_h k_w$)입니다. 배율은 $\tfrac{1}{2}\, n_\text{in} \sigma^2 = \frac{n_\text{in}}{n_\text{in} + n_\text{out}} < 1$이고, 이 값은 Xavier의 $\sigma^2$를 He의 $\sigma^2$로 나눈 비와 같습니다. 채널 수가 같은 $1 \times 1$ 층에서는 $n_\text{in} = n_\text{out}$이라 $\tfrac{1}{2}$입니다.
# * **첫 층은 따로 따져야 합니다.** 첫 층의 입력은 ReLU를 거친 값이 아니라 이미지 자체이므로 두 번째 식이 없고, $\mathrm{Var}[y_1] = n_\text{in}\, \sigma^2\, \mathbb{E}[x_1^2]$에서 끝납니다. 입력 채널이 하나뿐인 NiN의 첫 층은 $n_\text{in} = 1 \cdot 11 \cdot 11 = 121$, $n_\text{out} = 96 \cdot 121 = 11{,}616$이라 $n_\text{in} \sigma^2$가 He에서는 2, Xavier에서는 $\frac{2 \cdot 121}{121 + 11{,}616} = \frac{2}{97}$입니다. 그래서 첫 층에서도 Xavier의 분산은 He의 $\frac{n_\text{in}}{n_\text{in} + n_\text{out}} = \frac{1}{97}$배입니다.
#
# 정리하면, 층마다의 비 $\frac{n_\text{in}}{n_\text{in} + n_\text{out}}$을 12층 모두 곱한 값이 **마지막 층 출력의 분산이 He 초기화일 때의 몇 배인가**입니다. 블록 사이의 최대 풀링도 이 비를 바꾸지 않습니다. 최대 풀링과 ReLU는 양수 배를 그대로 통과시키기 때문입니다($a > 0$이면 $\mathrm{ReLU}(a x) = a\, \mathrm{ReLU}(x)$). NiN에서 이 곱은 분산으로 약 23만분의 1, 표준편차로 약 480<!-- run 483 -->분의 1입니다. 아래 **훈련** 절의 「초기화에 따른 신호의 크기」에서 층마다 계산하고, 실제 순전파로도 확인합니다.
#
# 여기에 편향이 더해집니다. `d2l.init_cnn`은 가중치만 바꾸고 편향은 PyTorch 기본값($\pm 1/\sqrt{n_\text{in}}$ 범위의 균등 분포)으로 두므로, 작아진 신호는 편향에 묻혀 마지막 층의 출력이 입력과 거의 상관없는 상수가 됩니다. 입력과 상관없이 같은 확률을 내는 모델이 얻을 수 있는 가장 좋은 교차 엔트로피(cross-entropy) 손실(loss)은, 클래스가 고르게 있으므로 모든 클래스에 $1/10$을 줄 때의 $-\ln(1/10) = \ln 10 \approx 2.303$입니다.
#
# 이 상태에서는 가중치의 기울기(gradient)도 작습니다. 가중치의 기울기는 그 층의 입력과, 손실에서 거꾸로 전해 오는 역전파(backpropagation) 신호의 곱입니다. 뒤쪽 층에서는 입력이 작고, 앞쪽 층에서는 역전파 신호가 같은 작은 가중치들을 거꾸로 지나오며 줄어듭니다. 그래서 입력이 이미지라 작지 않은 첫 층에서도 기울기가 작고, 이 상태를 빠져나오는 데 오래 걸립니다. 책의 NiN 훈련 그래프에서 처음 한동안 손실이 2.3 근처에 머무는 것도 이 때문이라고 볼 수 있습니다. 아래 **훈련** 절의 「초기화 비교: 160스텝만 훈련하기」에서 두 초기화로 같은 미니배치(minibatch)를 160스텝만 훈련해 이 정체를 직접 봅니다.
#
# 해법은 두 가지입니다. 신호의 크기를 지키도록 **초기화를 고르거나**(He 초기화, 이 노트북의 `cpu` 프로필), **층마다 출력을 다시 정규화하는 것**(06 배치 정규화 노트북)입니다.

# %% [markdown]
# ## 구현
#
# ### NiN 블록
#
# `nin_block`은 보통의 합성곱 하나와 $1 \times 1$ 합성곱 두 개를 ReLU와 함께 쌓습니다. 지연 초기화(lazy initialization) 층(`nn.LazyConv2d`)이라 입력 채널 수는 첫 순전파(forward pass) 때 정해집니다.

# %%
import pandas as pd
import torch
from torch import nn
from torch.nn import functional as F
import d2lmini as d2l


def nin_block(out_channels, kernel_size, strides, padding):
    return nn.Sequential(
        nn.LazyConv2d(out_channels, kernel_size, strides, padding), nn.ReLU(),
        nn.LazyConv2d(out_channels, kernel_size=1), nn.ReLU(),  # 픽셀마다 완전 연결 층
        nn.LazyConv2d(out_channels, kernel_size=1), nn.ReLU())  # 한 번 더: 작은 MLP


# %% [markdown]
# **그림 1. NiN 블록과 VGG 블록.** 왼쪽은 NiN 블록, 오른쪽은 03 VGG 노트북의 VGG 블록($3 \times 3$ 합성곱 두 개)이고, 둘 다 같은 입력($256 \times 12 \times 12$, 책의 NiN에서 셋째 블록이 받는 특성 맵)에 놓고 그렸습니다.
# VGG 블록은 $3 \times 3$ 합성곱을 쌓고 블록 안에서 해상도를 절반으로 줄이지만, NiN 블록은 $3 \times 3$ 합성곱 하나 뒤에 해상도를 그대로 두는 $1 \times 1$ 합성곱 두 개를 놓는다는 점을 보세요.
# NiN에서는 최대 풀링이 블록 밖, 블록과 블록 사이에 있습니다.

# %%
def vgg_block(num_convs, out_channels):  # 03 VGG 노트북의 VGG 블록 (그림에서 비교용)
    layers = [m for _ in range(num_convs) for m in (nn.LazyConv2d(out_channels, 3, padding=1), nn.ReLU())]
    return nn.Sequential(*layers, nn.MaxPool2d(kernel_size=2, stride=2))


d2l.draw([nin_block(384, kernel_size=3, strides=1, padding=1), vgg_block(2, 384)],
         [(1, 256, 12, 12), (1, 256, 12, 12)], titles=['NiN 블록', 'VGG 블록'])


# %% [markdown]
# ### NiN 모델
#
# AlexNet처럼 커널 $11 \times 11 \to 5 \times 5 \to 3 \times 3$, 채널 $96 \to 256 \to 384$로 가고, 블록 사이에 $3 \times 3$ 최대 풀링(스트라이드 2)을 둡니다. 마지막 블록은 클래스 수만큼의 채널을 내고, 전역 평균 풀링(`nn.AdaptiveAvgPool2d((1, 1))`)과 펼치기로 끝납니다. 완전 연결 층은 하나도 없습니다.

# %%
class NiN(d2l.Classifier):
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nin_block(96, kernel_size=11, strides=4, padding=0),
            nn.MaxPool2d(3, stride=2),
            nin_block(256, kernel_size=5, strides=1, padding=2),
            nn.MaxPool2d(3, stride=2),
            nin_block(384, kernel_size=3, strides=1, padding=1),
            nn.MaxPool2d(3, stride=2),
            nn.Dropout(0.5),
            nin_block(num_classes, kernel_size=3, strides=1, padding=1),  # 클래스마다 맵 한 장
            nn.AdaptiveAvgPool2d((1, 1)),  # 전역 평균 풀링: 맵마다 평균 하나 = 로짓
            nn.Flatten())
        self.net.apply(d2l.init_cnn)


# %% [markdown]
# ### CPU를 위한 좁은 NiN
#
# 책의 NiN은 $224 \times 224$ 입력 한 장의 순전파에 약 1.5<!-- run 1.525 --> GFLOPs의 연산량(FLOPs)이 듭니다. 연산량을 세는 약속(곱셈-덧셈 한 쌍이 2 FLOPs)은 03 VGG 노트북의 「파라미터 수와 연산량」 절과 같고, 이 값은 아래 **모양 확인**에서 `d2l.count_flops`로 셉니다. 역전파까지 치면 대략 그 세 배인 한 장에 약 4.5 GFLOPs, 6만 장 한 에폭(epoch)에 약 270 TFLOPs입니다. 2코어 CPU가 초당 약 100 GFLOPs를 낸다고 하면 한 에폭에 45분쯤, 10에폭이면 7시간이 넘게 걸립니다. `cpu` 프로필은 두 가지를 줄이고, 한 가지를 고칩니다.
#
# * **입력 크기 $67 \times 67$**: 위에서 구한 최소 크기입니다. 첫 블록의 출력이 $54 \times 54$에서 $15 \times 15$로 줄어, 연산량이 약 14배 줄어듭니다.
# * **너비 `width`**: 처음 세 NiN 블록의 채널 수($96, 256, 384$)에 `width`를 곱합니다. 합성곱의 연산량은 $c_i c_o$에 비례하므로 너비를 $\tfrac{1}{4}$로 줄이면 가운데 층들의 연산량은 약 $\tfrac{1}{16}$이 됩니다. 마지막 블록은 클래스 수(10)만큼의 채널을 내야 하므로 그대로 둡니다.
# * **마지막 ReLU 빼기**: 책의 NiN은 마지막 NiN 블록도 ReLU로 끝나므로 클래스 맵과 그 평균인 로짓이 모두 0 이상입니다. 어떤 클래스의 맵이 모든 이미지, 모든 위치에서 음수 쪽에 있으면 ReLU가 전부 0으로 만들고, ReLU의 기울기도 0이라 그 채널을 만드는 마지막 $1 \times 1$ 합성곱의 가중치와 편향은 기울기를 전혀 받지 못합니다. 앞 층이 다른 클래스를 위해 바뀌다가 우연히 그 채널이 양수 쪽으로 넘어오지 않는 한, 그 클래스는 거의 예측되지 않습니다.
#
#   `cpu` 설정(입력 $67 \times 67$이라 클래스 맵이 $1 \times 1$, He 초기화)에서는 초기화 직후에 이런 채널이 드물지 않습니다. 아래 **모양 확인**의 「마지막 ReLU와 죽은 클래스 채널」에서 훈련 전의 모델로 직접 셉니다. 마지막 ReLU를 빼면 로짓이 음수도 될 수 있어 모든 클래스가 기울기를 받고, 소프트맥스(softmax)에는 로짓의 부호가 상관없으므로 잃는 것이 없습니다.
#
# 지연 초기화 덕분에 구현은 몇 줄이면 됩니다. 아직 순전파를 하지 않은 `nn.LazyConv2d`에는 가중치가 없고, 출력 채널 수 `out_channels`만 정해져 있습니다. 이 값을 줄여 두면 첫 순전파에서 가중치가 줄어든 모양으로 만들어지고, 다음 층은 입력 채널 수를 앞 층의 출력에서 읽어 맞춥니다. 마지막 ReLU 자리에는 입력을 그대로 내보내는 `nn.Identity()`를 넣습니다.

# %%
class NarrowNiN(NiN):
    """NiN에서 처음 세 NiN 블록의 채널 수를 width 배로 줄이고, 맨 마지막 ReLU를 뺀 모델."""
    def __init__(self, width=0.25, lr=0.1, num_classes=10):
        super().__init__(lr=lr, num_classes=num_classes)
        self.save_hyperparameters()
        for block in (self.net[0], self.net[2], self.net[4]):  # 마지막 블록의 채널은 그대로
            for layer in block:
                if isinstance(layer, nn.LazyConv2d):  # 아직 가중치가 없는 합성곱 층
                    layer.out_channels = max(1, round(layer.out_channels * width))
        self.net[7][-1] = nn.Identity()  # 클래스 맵이 음수도 될 수 있게 (죽은 클래스 방지)


# %% [markdown]
# ## 모양 확인
#
# 책과 같은 $224 \times 224$ 흑백 입력에서 층마다 출력 모양을 출력합니다. 위 표와 같아야 합니다.

# %%
# NBVAL_CHECK_OUTPUT
NiN().layer_summary((1, 1, 224, 224))

# %% [markdown]
# 그림 2는 같은 `NiN`을 블록 단위로 그린 것입니다. 완전 연결 층이 하나도 없이, 마지막 NiN 블록이 낸 $10 \times 5 \times 5$가 전역 평균 풀링을 지나 곧바로 로짓 10개가 되는 흐름을 보세요.

# %%
d2l.draw(NiN(), (1, 1, 224, 224), depth=1, title='그림 2. NiN')

# %% [markdown]
# 블록마다 파라미터 수와, 이미지 한 장의 연산량(`d2l.count_flops`)을 셉니다. `layer_summary`처럼 한 번 순전파해야 지연 층의 모양이 정해집니다.

# %%
# NBVAL_CHECK_OUTPUT
model = NiN()
model.apply_init([torch.zeros(1, 1, 224, 224)])
print(f'전체 파라미터: {d2l.num_params(model):,}')
print(f'FLOPs (224×224 한 장): {d2l.count_flops(model, (1, 1, 224, 224)) / 1e9:.3f} G')
print(f'FLOPs (67×67 한 장): {d2l.count_flops(model, (1, 1, 67, 67)) / 1e9:.3f} G')
pd.DataFrame({'블록': [f'net[{i}] NiN 블록 {b}' for b, i in enumerate((0, 2, 4, 7), 1)],
              '파라미터': [d2l.num_params(model.net[i]) for i in (0, 2, 4, 7)]}).set_index('블록')

# %% [markdown]
# 확인해 봅시다. 블록 2의 첫 합성곱은 $96 \cdot 256 \cdot 5 \cdot 5 + 256 = 614{,}656$, 두 $1 \times 1$ 합성곱은 각각 $256 \cdot 256 + 256 = 65{,}792$개로 합이 $746{,}240$입니다. 전체 파라미터는 약 200만 개로, 같은 입력의 VGG-11(약 1.3억 개)의 2%도 되지 않습니다. 반면 연산량은 $224 \times 224$ 한 장에 약 1.5<!-- run 1.525 --> GFLOPs로 작지 않습니다. 파라미터 수와 연산량은 다른 이야기입니다. 파라미터는 해상도와 무관하지만 연산량은 출력 픽셀 수에 비례하기 때문입니다.

# %% [markdown]
# ### $1 \times 1$ 합성곱과 `nn.Linear`가 같은 값을 내는지
#
# `nn.Conv2d(c_in, c_out, kernel_size=1)`의 가중치는 모양이 $(c_o, c_i, 1, 1)$입니다. 이것을 $(c_o, c_i)$로 바꿔 `nn.Linear(c_in, c_out)`에 넣고, 입력의 채널 축을 맨 뒤로 보내 픽셀마다 적용하면 같은 결과가 나와야 합니다.

# %%
# NBVAL_CHECK_OUTPUT
torch.manual_seed(0)
c_in, c_out = 3, 2
conv = nn.Conv2d(c_in, c_out, kernel_size=1)
fc = nn.Linear(c_in, c_out)
with torch.no_grad():
    fc.weight.copy_(conv.weight.reshape(c_out, c_in))  # (c_o, c_i, 1, 1) → (c_o, c_i)
    fc.bias.copy_(conv.bias)
X = torch.randn(2, c_in, 5, 7)                          # (배치, 채널, 높이, 너비)
Y_conv = conv(X)
Y_fc = fc(X.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)    # 채널을 맨 뒤로 → Linear → 되돌리기
print('모양:', tuple(Y_conv.shape), tuple(Y_fc.shape))
print('같은 값인가:', torch.allclose(Y_conv, Y_fc, atol=1e-6))
print('파라미터 수:', d2l.num_params(conv), d2l.num_params(fc), f'= {c_in}·{c_out} + {c_out}')

# %% [markdown]
# ### 헤드의 파라미터: NiN 대 VGG 식
#
# 같은 특성 맵(NiN 블록 3과 풀링을 지난 $384 \times 5 \times 5$)에 두 가지 헤드를 붙여 봅니다. NiN의 헤드는 마지막 NiN 블록과 전역 평균 풀링이고, VGG 식 헤드는 펼친 뒤 4096 → 4096 → 10의 완전 연결 층 세 개입니다.
#
# $$P_{\text{NiN}} = (384 \cdot 10 \cdot 9 + 10) + 2\,(10 \cdot 10 + 10) = 34{,}790$$
#
# $$P_{\text{VGG}} = (9600 \cdot 4096 + 4096) + (4096 \cdot 4096 + 4096) + (4096 \cdot 10 + 10) = 56{,}147{,}978$$

# %%
# NBVAL_CHECK_OUTPUT
features = torch.zeros(1, 384, 5, 5)
nin_head = nn.Sequential(nin_block(10, kernel_size=3, strides=1, padding=1),
                         nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten())
vgg_head = nn.Sequential(nn.Flatten(),
                         nn.LazyLinear(4096), nn.ReLU(), nn.Dropout(0.5),
                         nn.LazyLinear(4096), nn.ReLU(), nn.Dropout(0.5),
                         nn.LazyLinear(10))
print('출력 모양:', tuple(nin_head(features).shape), tuple(vgg_head(features).shape))
p_nin, p_vgg = d2l.num_params(nin_head), d2l.num_params(vgg_head)
print(f'NiN 헤드: {p_nin:,}  VGG 식 헤드: {p_vgg:,}  (약 {p_vgg / p_nin:,.0f}배)')
print(f'NiN 전체({d2l.num_params(model):,})와 비교: VGG 식 헤드가 {p_vgg / d2l.num_params(model):.0f}배')

# %% [markdown]
# VGG 식 헤드 하나가 NiN 헤드의 약 1,600배<!-- run 1,614 -->, NiN 전체의 약 28배<!-- run -->입니다. 게다가 VGG 식 헤드는 펼친 길이(9600)가 입력 크기에 묶여 있어서 다른 크기의 이미지를 넣을 수 없지만, NiN의 헤드는 특성 맵이 $5 \times 5$든 $9 \times 9$든 파라미터 수가 같고 그대로 동작합니다.
#
# ### 마지막 ReLU와 죽은 클래스 채널
#
# **CPU를 위한 좁은 NiN**에서 마지막 ReLU를 뺀 이유를 숫자로 봅니다. 책처럼 마지막 ReLU를 남긴 `NarrowNiN`을 He 초기화로 열 번(시드 0~9) 만들고, 훈련하기 전에 검증(validation) 이미지 256장에서 클래스 채널마다 로짓이 0보다 큰 이미지의 비율을 셉니다. 비율이 0인 채널은 모든 이미지에서 0이라 기울기를 받지 못합니다.

# %%
check_data = d2l.FashionMNIST(batch_size=256, resize=(67, 67))
X_check = next(iter(check_data.val_dataloader()))[0]  # 검증 이미지 256장
alive_rows = {}
for seed in range(10):
    torch.manual_seed(seed)
    net = NarrowNiN()
    net.net[7][-1] = nn.ReLU()  # 책의 NiN처럼 마지막 ReLU를 되돌려 놓습니다
    net.apply_init([X_check], d2l.init_he)
    with torch.no_grad():
        alive_rows[f'시드 {seed}'] = (net.eval()(X_check) > 0).float().mean(dim=0).tolist()
alive = pd.DataFrame(alive_rows, index=check_data.text_labels(range(10))).T
print('시드마다 모든 이미지에서 0인 클래스 채널 수:', (alive == 0).sum(axis=1).tolist())
alive.round(2)

# %% [markdown]
# 훈련을 시작하기도 전에 열 시드 가운데 여덟 시드에서 클래스 채널 세 개 이상이 모든 이미지에서 0입니다(출력의 첫 줄). 죽은 채널이 하나도 없는 시드는 시드 7뿐인데, 그 시드에서도 sandal 채널은 표에 0.00으로 보일 만큼 거의 죽어 있습니다. 시드 3의 trouser처럼 0.04 이하<!-- run 0.04 -->인 칸도 여럿 있습니다.
#
# 이런 채널은 앞 층이 다른 클래스를 위해 바뀌다가 우연히 양수 쪽으로 넘어와야만 되살아나고, 끝까지 되살아나지 못하면 그 클래스는 거의 예측되지 않습니다. 마지막 ReLU를 뺀 `NarrowNiN`에서는 같은 채널도 로짓이 음수인 채로 기울기를 받아 움직일 수 있습니다. 이 표는 `cpu` 설정(67px라 클래스 맵이 $1 \times 1$, He 초기화)에서 센 것입니다. 책의 설정(224px, 클래스 맵 $5 \times 5$, Xavier 초기화)에서 센 결과와 훈련 뒤에도 죽은 클래스가 남는지는 연습문제 5와 8에서 확인해 보세요.

# %% [markdown]
# ## 인터랙티브
#
# ### (가) $1 \times 1$ 합성곱은 픽셀마다 같은 행렬을 곱한다
#
# $c_i \times 4 \times 4$ 입력을 픽셀 16개를 열로 하는 $c_i \times 16$ 행렬로 펼치면, $1 \times 1$ 합성곱은 행렬 곱 $\mathbf{Y} = \mathbf{W}\mathbf{X} + \mathbf{b}$입니다. 슬라이더로 채널 수와 픽셀을 바꿔 보세요. 빨간 테두리의 열(고른 픽셀) 하나만 보면 `nn.Linear`가 벡터 하나에 하는 일과 같습니다. 아래에 그 픽셀에서 `nn.Conv2d(·, ·, 1)`과 `nn.Linear`의 출력을 나란히 출력합니다.

# %%
import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle
import ipywidgets as widgets


def conv1x1_demo(c_in=4, c_out=3, pixel=5):
    torch.manual_seed(0)
    conv = nn.Conv2d(c_in, c_out, kernel_size=1)
    fc = nn.Linear(c_in, c_out)
    with torch.no_grad():
        fc.weight.copy_(conv.weight.reshape(c_out, c_in))
        fc.bias.copy_(conv.bias)
        X = torch.randn(1, c_in, 4, 4)
        Y_conv = conv(X)
        Y_fc = fc(X.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
    i, j = divmod(pixel, 4)
    print(f'픽셀 ({i}, {j})의 출력, Conv2d(1×1): {[round(v, 3) for v in Y_conv[0, :, i, j].tolist()]}')
    print(f'픽셀 ({i}, {j})의 출력, Linear     : {[round(v, 3) for v in Y_fc[0, :, i, j].tolist()]}')
    print(f'전체 최대 차이: {(Y_conv - Y_fc).abs().max().item():.1e}, '
          f'파라미터: {c_in}·{c_out} + {c_out} = {d2l.num_params(conv)}')
    panels = [('W  (c_out × c_in)', conv.weight.detach().reshape(c_out, c_in), None),
              (d2l.label('X  (c_in × 픽셀 16개)', 'X  (c_in x 16 pixels)'), X[0].reshape(c_in, 16), pixel),
              (d2l.label('Y = WX + b  (c_out × 픽셀 16개)', 'Y = WX + b  (c_out x 16 pixels)'),
               Y_conv[0].reshape(c_out, 16), pixel)]
    fig, axes = plt.subplots(1, 3, figsize=(10, 2.6),
                             gridspec_kw={'width_ratios': [max(c_in, 2), 16, 16]})
    for ax, (title, M, col) in zip(axes, panels):
        ax.imshow(M, cmap='coolwarm', vmin=-2, vmax=2, aspect='auto')
        ax.set_title(title, fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
        if col is not None:
            ax.add_patch(Rectangle((col - 0.5, -0.5), 1, M.shape[0], fill=False,
                                   edgecolor='red', linewidth=2))
    plt.show()


d2l.interact(conv1x1_demo,
             c_in=widgets.IntSlider(value=4, min=1, max=16, description='입력 채널',
                                    continuous_update=False),
             c_out=widgets.IntSlider(value=3, min=1, max=16, description='출력 채널',
                                     continuous_update=False),
             pixel=widgets.IntSlider(value=5, min=0, max=15, description='픽셀 번호',
                                     continuous_update=False))

# %% [markdown]
# ### (나) 헤드의 파라미터 수: 특성 맵 크기와 채널 수에 따라
#
# 마지막 특성 맵의 채널 수 $c$와 크기 $s \times s$, VGG 식 헤드의 은닉 크기 $n_h$를 바꿔 봅니다. 두 헤드의 파라미터 수는
#
# $$P_{\text{NiN}} = 9 c K + K + 2(K^2 + K), \qquad P_{\text{VGG}} = (c s^2 + 1)\, n_h + (n_h + 1)\, n_h + (n_h + 1) K$$
#
# 입니다($K = 10$). $P_{\text{NiN}}$에는 $s$가 없다는 점을 눈여겨보세요. 기본값은 책의 NiN($c = 384$, $s = 5$)입니다.

# %%
def head_params(c=384, s=5, hidden=4096, K=10):
    nin = 9 * c * K + K + 2 * (K * K + K)
    vgg = (c * s * s + 1) * hidden + (hidden + 1) * hidden + (hidden + 1) * K
    print(f'특성 맵 {c}×{s}×{s} (펼치면 {c * s * s:,}), VGG 식 헤드는 NiN 헤드의 {vgg / nin:,.0f}배')
    fig, ax = plt.subplots(figsize=(5, 2.2))
    ax.barh([d2l.label('NiN 헤드', 'NiN head'), d2l.label('VGG 식 헤드', 'VGG-style head')], [nin, vgg],
            color=['tab:green', 'tab:red'])
    ax.set_xscale('log')
    ax.set_xlim(1e3, 1e9)
    ax.set_xlabel(d2l.label('파라미터 수 (로그 눈금)', 'parameters (log scale)'))
    return pd.DataFrame({'헤드': ['NiN 헤드', 'VGG 식 헤드'], '파라미터': [nin, vgg]}).set_index('헤드')


d2l.interact(head_params,
             c=widgets.IntSlider(value=384, min=16, max=1024, step=16,
                                 description='채널 c', continuous_update=False),
             s=widgets.IntSlider(value=5, min=1, max=14, description='크기 s',
                                 continuous_update=False),
             hidden=widgets.IntSlider(value=4096, min=256, max=4096, step=256,
                                      description='은닉 n_h', continuous_update=False),
             K=widgets.fixed(10))

# %% [markdown]
# 세 번째 인터랙티브인 **전역 평균 풀링 들여다보기**는 훈련한 모델이 있어야 하므로 **결과** 절에 있습니다.

# %% [markdown]
# ## 훈련
#
# `book` 프로필은 책과 똑같이 $224 \times 224$ 입력, 학습률(learning rate) 0.05, 배치 크기(batch size) 128, 10에폭, Xavier 초기화(`d2l.init_cnn`)이고, 훈련 방법도 책의 확률적 경사 하강법(SGD)에 고정 학습률입니다(`d2l.BOOK_RECIPE`). `cpu` 프로필은 2코어 CPU에서 4분 안에 끝나도록 이 모델에만 해당하는 설정 두 가지를 바꾸고, 훈련 방법은 02~09 노트북의 모든 모델과 같은 것을 씁니다.
#
# * **입력 $67 \times 67$, 너비 0.25** (`NarrowNiN`): 위의 **CPU를 위한 좁은 NiN**에서 설명한 대로 연산량을 줄입니다. `NarrowNiN`은 같은 절에서 설명한 대로 마지막 ReLU도 뺍니다. 작은 입력에서도 NiN의 구조(블록 네 개, 전역 평균 풀링)는 그대로입니다. $67$은 이 NiN이 받을 수 있는 가장 작은 입력입니다.
# * **He 초기화** (`d2l.init_he`): 개념 절에서 계산했고 바로 아래에서 확인하는 대로, Xavier 초기화에서는 12층을 지나며 신호가 거의 사라지므로 손실이 $\ln 10$ 근처에 오래 머물 수 있습니다. GPU라면 에폭 몇 개를 그 평평한 구간에 써도 괜찮지만, CPU에서 8에폭만 돌릴 때는 그럴 여유가 없습니다. He 초기화는 가중치의 분산을 $\frac{2}{n_\text{in}}$으로 골라 층마다 신호의 크기를 지키고, 편향을 0으로 둡니다.
# * **훈련 레시피**(training recipe): 02~09 노트북의 모든 모델과 같은 `d2l.CPU_RECIPE`를 같은 예산(8에폭, 배치 크기 128)으로 씁니다. AdamW 옵티마이저(optimizer)에 원사이클(one-cycle) 스케줄로 학습률과 AdamW의 β1을 함께 바꾸고, 가중치 감쇠(weight decay)와 레이블 스무딩(label smoothing)을 더한 레시피입니다. 재료마다의 설명과 효과는 [10 모든 모델 비교 노트북의 「훈련 레시피」 절](10_comparison.ipynb)에 있습니다.

# %% [markdown]
# ### 초기화에 따른 신호의 크기
#
# **개념**에서 세운 식으로, Xavier 초기화(`d2l.init_cnn`)와 He 초기화의 분산 비 $\frac{n_\text{in}}{n_\text{in} + n_\text{out}}$을 합성곱 층마다 구해 차례로 곱해 갑니다. **배율**은 그 층 하나의 비, **누적 배율**은 그 층의 출력 분산이 He 초기화일 때의 몇 배인가입니다.

# %%
# NBVAL_CHECK_OUTPUT
factor, rows = 1.0, []
for layer in model.net.modules():
    if isinstance(layer, nn.Conv2d):
        k = layer.kernel_size[0] * layer.kernel_size[1]
        n_in, n_out = layer.in_channels * k, layer.out_channels * k
        factor *= n_in / (n_in + n_out)
        rows.append((f'{layer.in_channels} → {layer.out_channels}',
                     f'{layer.kernel_size[0]}×{layer.kernel_size[1]}',
                     f'{n_in / (n_in + n_out):.3f}', f'{factor:.1e}'))
print(f'12층 뒤: 분산 {factor:.1e}배 (약 {1 / factor:,.0f}분의 1), '
      f'표준편차 {factor ** 0.5:.1e}배 (약 {factor ** -0.5:,.0f}분의 1)')
pd.DataFrame(rows, columns=['채널', '커널', '배율', '누적 배율'],
             index=pd.RangeIndex(1, len(rows) + 1, name='층'))

# %% [markdown]
# 첫 층의 $\tfrac{1}{97}$, $1 \times 1$ 층 여덟 개의 $\tfrac{1}{2}$(모두 곱하면 $\tfrac{1}{256}$), 그리고 나머지 세 층의 배율이 쌓여 마지막 층에서는 분산이 He 초기화일 때의 4.3e-06배<!-- run -->(약 23만분의 1), 표준편차는 2.1e-03배<!-- run -->(약 480<!-- run 483 -->분의 1)입니다. He 초기화는 모든 층에서 신호의 크기를 첫 층의 출력 수준으로 지키므로, 이것이 곧 Xavier 초기화에서 신호가 줄어드는 정도입니다.
#
# 이 계산을 실제 순전파로 확인합니다. 같은 시드로 만든 NiN 두 개에 각각 Xavier와 He를 적용하면, 두 함수가 같은 난수로 균등 분포를 뽑으므로 두 모델의 가중치는 층마다 배율만 다릅니다. 계산의 가정대로 편향을 모두 0으로 두면 마지막 합성곱 출력의 분산 비가 표의 누적 배율과 같아야 합니다. 셋째 줄은 책의 `init_cnn` 그대로, 곧 편향을 PyTorch 기본값으로 둔 모델입니다. 입력은 모양 확인 절에서 불러 둔 검증 이미지 가운데 16장이고, 계산을 가볍게 하려고 $67 \times 67$로 넣습니다.

# %%
probe = X_check[:16]  # 모양 확인 절에서 불러 둔 검증 이미지 가운데 16장
last_outputs = {}
for name, init, zero_bias in (('Xavier, 편향 0', d2l.init_cnn, True),
                              ('He, 편향 0', d2l.init_he, True),
                              ('Xavier, 기본 편향 (책)', d2l.init_cnn, False)):
    torch.manual_seed(0)  # 세 모델이 같은 난수를 쓰도록
    net = NiN()
    net.apply_init([probe], init)
    net.eval()
    with torch.no_grad():
        if zero_bias:
            for layer in net.modules():
                if isinstance(layer, nn.Conv2d):
                    layer.bias.zero_()
        last_outputs[name] = net.net[7][:5](net.net[:7](probe))  # 마지막 합성곱의 출력 (ReLU 직전)
ratio = last_outputs['Xavier, 편향 0'].var() / last_outputs['He, 편향 0'].var()
print(f'마지막 합성곱 출력의 분산 비 (Xavier / He): {ratio:.2e}, 위 표의 누적 배율: {factor:.2e}')
pd.DataFrame({name: {'이미지마다 다른 정도 (표준편차)': f'{out.mean(dim=(2, 3)).std(dim=0).mean():.1e}',
                     '값의 크기 (절댓값 평균)': f'{out.mean(dim=(2, 3)).abs().mean():.1e}'}
              for name, out in last_outputs.items()}).T

# %% [markdown]
# 편향이 0이면 분산 비가 표의 누적 배율과 (부동소수점 오차 안에서) 같습니다. 위 표의 첫 열은 클래스 맵의 평균(마지막 ReLU 직전의 로짓)이 이미지에 따라 얼마나 달라지는지, 둘째 열은 그 값의 크기입니다. 편향이 0인 두 모델에서는 첫 열이 둘째 열에 견줄 만큼 커서 출력이 입력을 따라 움직입니다. Xavier 쪽은 He 쪽을 통째로 약 480<!-- run 483 -->분의 1로 줄인 것일 뿐입니다. 그런데 책의 `init_cnn` 그대로인 셋째 줄은 이미지 사이의 차이가 값의 크기보다 수백 배 작습니다. 작아진 신호 위에 편향이 만든 상수가 얹혀, 모델이 입력을 거의 보지 못하는 것입니다.

# %% [markdown]
# ### 초기화 비교: 160스텝만 훈련하기
#
# 본 훈련 전에, 초기화만 다른 두 모델이 훈련 초반에 어떻게 다른지 짧게 봅니다. `cpu` 설정의 `NarrowNiN`을 같은 시드로 두 번 만들어 하나는 Xavier, 하나는 He로 초기화하고, 같은 미니배치 160개로 학습률 0.1인 SGD를 한 스텝씩 밟습니다. 초기화의 효과만 보려고 레시피 없이 책의 옵티마이저 그대로(고정 학습률, 다른 재료 없음) 돌리므로, 본 훈련의 방법과는 다릅니다. 계산이 가벼워 어느 프로필에서든 이 설정으로 CPU에서 돌립니다(`smoke` 프로필에서는 4스텝만). 표는 첫 스텝에서 잰 두 값, 곧 로짓이 이미지마다 얼마나 다른지와 첫 층 가중치의 기울기 크기, 그리고 처음과 마지막 20스텝의 평균 손실입니다.

# %%
import itertools
import math

demo = d2l.profile_settings(book=dict(steps=160), cpu=dict(steps=160), smoke=dict(steps=4))
demo_steps = demo.steps
torch.manual_seed(0)
demo_data = d2l.FashionMNIST(batch_size=128, resize=(67, 67))
demo_batches = []
while len(demo_batches) < demo_steps:  # smoke 프로필의 작은 데이터에서는 미니배치를 되풀이합니다
    demo_batches += itertools.islice(demo_data.get_dataloader(True), demo_steps - len(demo_batches))

demo_losses, demo_rows = {}, {}
for name, init in (('Xavier (d2l.init_cnn)', d2l.init_cnn), ('He (d2l.init_he)', d2l.init_he)):
    torch.manual_seed(0)  # 두 모델이 같은 난수에서 시작하도록
    net = NarrowNiN(lr=0.1)
    net.apply_init([demo_batches[0][0]], init)
    optimizer = net.configure_optimizers()  # 레시피를 붙이지 않았으므로 책의 SGD(고정 학습률)
    losses = []
    for step, (X, y) in enumerate(demo_batches):
        logits = net(X)
        loss = F.cross_entropy(logits, y)
        optimizer.zero_grad()
        loss.backward()
        if step == 0:
            spread = logits.std(dim=0).mean().item()          # 같은 클래스의 로짓이 이미지마다 다른 정도
            grad_norm = net.net[0][0].weight.grad.norm().item()  # 첫 합성곱 층 가중치의 기울기 크기
        optimizer.step()
        losses.append(loss.item())
    demo_losses[name] = losses
    demo_rows[name] = {'첫 스텝: 로짓의 이미지 간 표준편차': f'{spread:.1e}',
                       '첫 스텝: 첫 층 가중치의 기울기 크기': f'{grad_norm:.1e}',
                       '처음 20스텝 평균 손실': round(sum(losses[:20]) / len(losses[:20]), 3),
                       '마지막 20스텝 평균 손실': round(sum(losses[-20:]) / len(losses[-20:]), 3)}

fig, ax = plt.subplots(figsize=(6, 3))
for name, losses in demo_losses.items():
    ax.plot(range(1, len(losses) + 1), losses, label=name)
ax.axhline(math.log(10), ls=':', color='gray', label='ln 10')
ax.set_xlabel(d2l.label('스텝', 'step'))
ax.set_ylabel(d2l.label('훈련 손실', 'training loss'))
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
pd.DataFrame(demo_rows)

# %% [markdown]
# 2코어 CPU에서 `cpu` 프로필로 이 노트북에 저장된 실행에서는 다음을 볼 수 있습니다.
#
# * **Xavier**: 손실이 160스텝 내내 $\ln 10$ 선에서 거의 움직이지 않습니다(마지막 20스텝 평균 약 2.30<!-- run 2.303 -->).
# * **이유**: 첫 스텝에서 Xavier 모델의 로짓은 이미지에 따라 He 모델보다 수십 배 적게 달라지고(입력을 거의 보지 못함), 첫 층 가중치의 기울기는 수백 배 작습니다(표의 위 두 줄).
# * **He**: 처음 수십 스텝은 손실이 2.3 근처에 머물다가 내려가기 시작해, 마지막 20스텝의 평균이 약 1.95<!-- run 1.953 -->까지 내려옵니다. 다만 중간중간 $\ln 10$보다 높게 튀었다가 돌아오는데, 고정 학습률 0.1이 훈련 초반의 이 모델에 큰 편이라는 신호입니다. 본 훈련의 레시피는 학습률을 작게 시작해 올리는 워밍업으로 이 초반을 지납니다.
#
# 언제 내려가기 시작하는지는 시드와 미니배치 순서에 따라 달라서, 다른 시드에서는 He 쪽도 더 오래 머물 수 있습니다. 그래도 기울기가 이만큼 작은 Xavier 쪽은 같은 학습률로 빠져나오는 데 훨씬 오래 걸린다고 예상할 수 있고, 몇 에폭을 나란히 돌리는 비교는 연습문제 9와 10으로 남깁니다.
#
# 이제 본 훈련입니다. 레시피를 붙이는 방법은 03 VGG 노트북의 훈련 절과 같고, 다른 것은 초기화입니다. `d2l.init_he`도 `d2l.init_cnn`처럼 지연 층에 쓸 수 있어서, `apply_init`이 첫 미니배치로 순전파해 모양을 정한 뒤 프로필이 고른 초기화(`cfg.init`)를 적용합니다. `smoke` 프로필은 노트북이 끝까지 도는지만 몇 초 안에 확인하는 자동 점검용입니다. 훈련 셀이 출력하는 `[d2lmini]` 줄은 [01 LeNet 노트북](01_lenet.ipynb)의 「훈련」 절에서 설명한 안내입니다.

# %%
cfg = d2l.profile_settings(
    book=dict(max_epochs=10, batch_size=128, lr=0.05, resize=(224, 224), width=1.0, init='xavier',
              recipe=d2l.BOOK_RECIPE),
    cpu=dict(max_epochs=8, batch_size=128, lr=0.002, resize=(67, 67), width=0.25, init='he',
             recipe=d2l.CPU_RECIPE),
    smoke=dict(max_epochs=1, batch_size=64, lr=0.002, resize=(67, 67), width=0.25, init='he',
               recipe=d2l.CPU_RECIPE))

# %%
trainer = d2l.Trainer(max_epochs=cfg.max_epochs, num_gpus=1, seed=0)
data = d2l.FashionMNIST(batch_size=cfg.batch_size, resize=cfg.resize)
if cfg.width == 1.0:
    model = NiN(lr=cfg.lr)
else:
    model = NarrowNiN(width=cfg.width, lr=cfg.lr)
cfg.recipe.apply(model, data)   # 훈련 방법: book은 책 그대로, cpu는 모든 모델에 같은 레시피
init = d2l.initializer(cfg.init)   # 'xavier' → d2l.init_cnn, 'he' → d2l.init_he
model.apply_init([next(iter(data.get_dataloader(True)))[0]], init)
history = trainer.fit(model, data)

# %% [markdown]
# 실행 기록(`results/<프로필>/04_nin.json`)을 남깁니다. 비교에 쓰는 책의 정확도(accuracy) 0.86은 책의 그래프에서 읽었습니다.

# %%
d2l.record_run('04_nin', 'NiN', model, data, trainer, cfg, book_figure=0.86)

# %% [markdown]
# ## 결과
#
# 에폭별 기록입니다. 책의 NiN은 $224 \times 224$ 입력, 10에폭 뒤 검증 정확도가 약 0.86입니다.

# %%
print(f'훈련한 모델: 입력 {cfg.resize[0]}×{cfg.resize[1]}, width={cfg.width}, 파라미터 {d2l.num_params(model):,}')
history.to_frame()

# %% [markdown]
# ### (다) 전역 평균 풀링 들여다보기
#
# 훈련한 모델의 마지막 NiN 블록은 검증 이미지 한 장마다 클래스 수만큼의 맵 $\mathbf{A}_k$를 냅니다. `model.net[:-2]`는 전역 평균 풀링과 펼치기를 뺀 앞부분이므로 이 맵들을 그대로 돌려줍니다.
#
# 그런데 `cpu` 프로필의 입력 $67 \times 67$은 최소 크기라서 마지막 맵이 $1 \times 1$입니다(`book` 프로필의 $224 \times 224$에서는 $5 \times 5$). 평균할 것이 하나뿐이라 볼 것이 없습니다. 여기서 NiN의 두 번째 장점이 쓸모 있습니다. 완전 연결 헤드가 없으니 **훈련 때와 다른 크기의 입력도 그대로 받습니다**. 같은 검증 이미지를 $99 \times 99$로 키워 넣으면 출력 크기 식에 따라 $\lfloor (99 - 11)/4 \rfloor + 1 = 23 \to 11 \to 5 \to 2$, 곧 $2 \times 2$ 맵이 나와 위치마다의 값을 볼 수 있습니다. $131 \times 131$이면 $3 \times 3$, $163 \times 163$이면 $4 \times 4$입니다.
#
# 다만 이 모델은 $67 \times 67$에서만 훈련했습니다. 그래서 큰 입력에서 나온 맵은 전역 평균 풀링이 위치마다의 점수를 어떻게 평균하는지를 보여 줄 뿐, 모델이 이미지의 어디를 보고 판단하는지를 믿을 만하게 보여 주지는 못합니다. 정확도가 얼마나 유지되는지부터 봅시다. 아래 표는 검증 데이터의 첫 미니배치를 훈련 때 크기와 $99$, $131$, $163$ 픽셀 크기로 넣었을 때 맵의 크기, "맵의 평균 = 로짓"이 성립하는지, 그리고 그 미니배치의 정확도입니다.

# %%
model.eval()  # 드롭아웃을 끄고 예측 모드로
device = next(model.parameters()).device  # book 프로필에서는 GPU
train_size = cfg.resize[0]
sizes = tuple(sorted({train_size, 99, 131, 163}))
images_at, maps_at, logits_at = {}, {}, {}
for size in sizes:  # 같은 검증 이미지, 크기만 다름
    X, gap_y = next(iter(d2l.FashionMNIST(batch_size=cfg.batch_size,
                                          resize=(size, size)).val_dataloader()))
    gap_y = gap_y.cpu()
    with torch.no_grad():
        images_at[size] = X.cpu()
        maps_at[size] = model.net[:-2](X.to(device)).cpu()  # (배치, 10, h, w): 전역 평균 풀링 직전
        logits_at[size] = model(X.to(device)).cpu()         # (배치, 10)


def batch_accuracy(logits):
    return (logits.argmax(1) == gap_y).float().mean().item()


pd.DataFrame({
    '입력': [f'{s}×{s}' + (' (훈련 때 크기)' if s == train_size else '') for s in sizes],
    '클래스 맵': [f'{maps_at[s].shape[-2]}×{maps_at[s].shape[-1]}' for s in sizes],
    '맵의 평균 = 로짓': [torch.allclose(maps_at[s].mean(dim=(2, 3)), logits_at[s], atol=1e-5)
                    for s in sizes],
    '미니배치 정확도': [round(batch_accuracy(logits_at[s]), 2) for s in sizes]}).set_index('입력')

# %% [markdown]
# 표에서 보듯 훈련 때 크기를 벗어나면 정확도가 크게 떨어지고, 크기가 훈련 때와 멀수록 더 떨어집니다(이유는 아래 **결과 읽기**의 넷째 항목). 그래서 아래 인터랙티브의 기본값인 $99 \times 99$에서 보이는 미니배치 정확도도 훈련 때 크기보다 한참 낮습니다. 그래도 $99 \times 99$를 기본값으로 둔 것은, `cpu` 프로필에서 $2 \times 2$ 이상의 맵이 나오는 가장 작은 크기, 곧 훈련 때 크기($67$)에 가장 가까운 크기이기 때문입니다.
#
# 슬라이더로 이미지를, 드롭다운으로 클래스 채널과 입력 크기를 고르면 그 맵과 평균이 나옵니다. 클래스 채널의 기본값은 모델이 예측한 클래스이고, 코드에서는 이 선택을 `channel=-1`로 나타냅니다. 처음 보이는 이미지는 이 미니배치에서 훈련 때 크기와 $99 \times 99$에서 모두 맞힌 첫 이미지라, 맵이 정답 클래스를 가리키는 경우부터 볼 수 있습니다. 오른쪽 막대그래프는 열 개 맵의 평균이고, 모델의 출력(로짓)과 같은지 숫자로 확인합니다.

# %%
names = data.text_labels(range(10))
both_right = ((logits_at[train_size].argmax(1) == gap_y) & (logits_at[99].argmax(1) == gap_y)).nonzero()
first_right = int(both_right[0]) if len(both_right) else 0  # 두 크기에서 모두 맞힌 첫 이미지


def show_gap(index=first_right, channel=-1, size=99):
    maps, logit = maps_at[size][index], logits_at[size][index]
    pred = int(logit.argmax())
    k = pred if channel < 0 else channel
    print(f'입력 {size}×{size} (이 미니배치의 정확도 {batch_accuracy(logits_at[size]):.2f}), '
          f'정답: {names[int(gap_y[index])]}, 예측: {names[pred]}')
    print(f'채널 {k} ({names[k]}) 맵의 평균 = {maps[k].mean().item():.4f}, '
          f'모델의 로짓 = {logit[k].item():.4f}')
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.2),
                             gridspec_kw={'width_ratios': [1, 1, 1.6]})
    axes[0].imshow(images_at[size][index, 0], cmap='gray')
    axes[0].set_title(d2l.label(f'입력 ({size}×{size})', f'input ({size}x{size})'), fontsize=9)
    axes[0].axis('off')
    axes[1].imshow(maps[k], cmap='viridis', vmin=float(maps.min()), vmax=float(maps.max()))
    h, w = maps.shape[1:]
    for i in range(h):
        for j in range(w):
            axes[1].text(j, i, f'{maps[k, i, j]:.2f}', ha='center', va='center',
                         color='white', fontsize=8)
    axes[1].set_title(d2l.label(f'클래스 {k} ({names[k]})의 맵, 평균 = {maps[k].mean():.2f}',
                                f'map of class {k} ({names[k]}), mean = {maps[k].mean():.2f}'), fontsize=9)
    axes[1].set_xticks([])
    axes[1].set_yticks([])
    colors = ['tab:orange' if c == k else 'tab:blue' for c in range(10)]
    axes[2].bar(range(10), logit, color=colors)
    axes[2].set_xticks(range(10), names, rotation=60, ha='right', fontsize=8)
    axes[2].set_title(d2l.label('로짓 = 맵의 평균 (주황: 고른 채널)', 'logits = map averages (orange: chosen channel)'),
                      fontsize=9)
    fig.tight_layout()
    plt.show()


d2l.interact(show_gap,
             index=widgets.IntSlider(value=first_right, min=0, max=len(gap_y) - 1,
                                     description='이미지', continuous_update=False),
             channel=widgets.Dropdown(options=[('예측한 클래스', -1)] +
                                      [(f'{k}: {n}', k) for k, n in enumerate(names)],
                                      value=-1, description='클래스 채널'),
             size=widgets.Dropdown(options=[(f'{s}×{s} (맵 {maps_at[s].shape[-1]}×{maps_at[s].shape[-1]})', s)
                                            for s in sizes],
                                   value=99, description='입력 크기'))

# %% [markdown]
# ### 혼동 행렬과 틀린 예제
#
# 훈련 때 크기의 검증 데이터 전체로 그린 혼동 행렬입니다. 칸의 색은 정답 클래스마다의 비율이고, 칸의 숫자는 예제 수입니다. 아래 두 표는 자주 틀린 다섯 쌍과 클래스마다의 정확도입니다.

# %%
report = d2l.classification_report(model, data, k=5)

# %% [markdown]
# 틀린 예제 몇 개입니다(제목: 정답 → 예측).

# %%
d2l.show_misclassified(model, data, n=8)

# %% [markdown]
# **결과 읽기.** 위의 출력에서 다음을 확인해 보세요.
#
# * 2코어 CPU에서 `cpu` 프로필로 이 노트북에 저장된 실행에서는 너비를 4분의 1로, 입력을 $67 \times 67$로 줄인 모델(파라미터 약 13만 개)이 8에폭, 약 1.2분<!-- run 1.19 --> 만에 검증 정확도 약 0.91<!-- run 0.906 -->에 닿아, 책의 10에폭 결과(약 0.86)를 약 0.05 넘었습니다. **훈련** 절에서 말한 4분 안에 책의 값에 닿은 셈입니다. 다만 입력 크기와 너비, 마지막 ReLU, 초기화, 레시피와 에폭 수가 모두 책과 다르므로 이 차이가 어디서 왔는지는 이 비교만으로 가를 수 없습니다. 첫 에폭의 평균 훈련 손실부터 $\ln 10 \approx 2.3$보다 뚜렷이 낮습니다. 그래프의 첫 점은 여러 스텝의 평균이라 그 안의 짧은 정체는 보이지 않습니다. `book` 프로필(Xavier 초기화, 학습률 0.05인 SGD)로 실행했다면, 첫 에폭의 손실이 $\ln 10$ 근처에 머무는지 에폭별 기록에서 확인해 보세요.
# * 훈련 손실이 모든 에폭에서 검증 손실보다 높지만(마지막 에폭 약 0.71<!-- run 0.708193 --> 대 약 0.35<!-- run 0.350613 -->), 잘못된 것이 아닙니다. 훈련 손실에는 레이블 스무딩이 들어 있어 모델이 아무리 잘 맞혀도 약 0.5 아래로 내려가지 않고, 드롭아웃이 켜진 채 에폭 동안의 평균으로 잽니다. 검증 손실은 예측 모드로 잰 보통의 교차 엔트로피입니다. 그래서 과대적합은 두 손실의 차이가 아니라 검증 손실과 정확도의 추세로 봅니다. 이 노트북에 저장된 실행에서는 검증 손실이 에폭마다 내려갔고, 검증 정확도도 에폭마다 올라, 학습률이 줄어드는 마지막 에폭들에서도 조금씩 더 좋아졌습니다(`lr` 열은 에폭을 시작할 때의 학습률). 같은 설정으로 다시 훈련해도 에폭별 숫자는 조금씩 달라지므로, 마지막 에폭의 숫자 하나보다 곡선 전체를 보는 습관이 필요합니다.
# * 이 노트북에 저장된 `cpu` 실행에서 가장 많이 헷갈린 다섯 쌍은 모두 윗옷끼리(t-shirt, shirt, pullover, coat)입니다. 신발 중에서는 ankle boot와 sneaker가 섞이는지 보세요. 클래스별 정확도 표에서 열 클래스가 모두 0보다 큰지도 확인하세요. 마지막 ReLU를 뺀 `NarrowNiN`(`cpu`, `smoke` 프로필)에는 ReLU 때문에 죽는 클래스 채널이 없고, 이 노트북에 저장된 `cpu` 실행에서도 모든 클래스의 정확도가 0.7 이상<!-- run 0.707 -->입니다(가장 낮은 shirt). `book` 프로필은 책 그대로 마지막 ReLU가 있는 NiN이므로, 정확도가 0에 가까운 클래스가 있는지 특히 눈여겨보세요.
# * (다)의 표에서 훈련 때 보지 못한 크기의 입력도 모델이 오류 없이 받았습니다(VGG 식 헤드였다면 펼친 길이가 맞지 않아 오류가 났을 것입니다). 하지만 정확도는 입력이 훈련 때 크기에서 멀어질수록 뚜렷이 떨어집니다. **입력을 받을 수 있다는 것과 잘 맞힌다는 것은 다릅니다.** 합성곱 커널은 훈련 때 본 크기의 무늬를 배우므로, 물체가 1.5배, 2배로 커 보이면(`cpu` 프로필의 $99$, $131$ 픽셀) 같은 특성이 나오지 않습니다. 이 실행은 데이터 증강 없이 훈련했고, 레시피에서 켤 수 있는 데이터 증강(`d2l.CPU_RECIPE.replace(augment=True)`)도 이미지를 몇 픽셀 옮기고 뒤집을 뿐 크기는 바꾸지 않습니다. 크기가 다른 입력에서도 잘 맞히게 하려면 훈련 때 여러 크기로 키우고 줄인 이미지를 보여 주는 증강이 필요합니다.

# %% [markdown]
# ## 요약과 연습문제
#
# **요약**
#
# * $1 \times 1$ 합성곱은 픽셀마다 같은 가중치로 채널을 섞는 완전 연결 층입니다: $\mathbf{y}_{ij} = \mathbf{W}\mathbf{x}_{ij} + \mathbf{b}$. 파라미터는 $c_i c_o + c_o$개이고 해상도와 무관합니다.
# * NiN 블록은 보통의 합성곱 하나 뒤에 $1 \times 1$ 합성곱 두 개(픽셀마다 작은 MLP)를 붙입니다.
# * 마지막 블록이 클래스마다 맵 한 장을 내고, 전역 평균 풀링이 각 맵의 평균을 그대로 로짓으로 씁니다. 헤드에 큰 완전 연결 층이 없어 헤드의 파라미터가 VGG 식 헤드보다 약 1,600배<!-- run 1,614 --> 적고(책의 크기에서 약 3.5만 대 5,600만), 67×67 이상이면 어떤 크기의 입력도 받습니다. 다만 훈련 때와 크기가 많이 다른 입력에서는 정확도가 크게 떨어집니다.
# * 파라미터가 적다고 계산이 싼 것은 아닙니다. 연산량은 출력 픽셀 수에 비례합니다.
# * 배치 정규화 없이 ReLU 층을 12개 쌓은 NiN에서는 Xavier 초기화일 때 마지막 층의 분산이 He 초기화의 약 23만분의 1로 줄어, 출력이 편향이 만든 상수에 가까워지고 기울기도 작아서 훈련 초반에 손실이 $\ln 10 \approx 2.303$ 근처에 머물기 쉽습니다. He 초기화는 층마다 신호의 크기를 지키고, 06 배치 정규화 노트북의 배치 정규화는 층마다 출력을 다시 정규화해 이 문제를 더 근본적으로 다룹니다.
# * 마지막 블록을 ReLU로 끝내면 어떤 클래스의 맵이 처음부터 0에 갇혀 그 클래스를 거의 예측하지 못할 수 있습니다. `cpu` 설정의 모델에서 초기화 직후에 이런 채널이 여럿 생긴다는 것을 모양 확인에서 셌습니다. `cpu` 프로필의 `NarrowNiN`은 마지막 ReLU를 빼서 이를 막습니다.
#
# **토론과 더 나아가기**
#
# NiN이라는 모델 자체보다 그 두 가지 생각이 더 오래 살아남았습니다. $1 \times 1$ 합성곱은 채널 수를 값싸게 바꾸는 표준 도구가 되어 05 GoogLeNet 노트북의 인셉션 블록과 07 ResNet 노트북의 「ResNeXt 블록과 그룹 합성곱」 절의 병목 블록에 다시 나오고, 전역 평균 풀링 헤드는 GoogLeNet 이후 거의 모든 합성곱 신경망이 큰 완전 연결 헤드 대신 씁니다.
#
# 발표 당시에는 학습되는 헤드를 단순한 평균으로 바꿔도 정확도가 떨어지지 않는다는 점이 놀라웠습니다. 위치에 대해 평균을 내면 물체가 어디에 있든 같은 점수가 나오기 쉬워 이동 불변성(translation invariance)에도 보탬이 됩니다. 또 클래스마다 위치별 점수 맵이 남으므로, 모델이 이미지의 어디를 보고 그 클래스라고 판단했는지 그려 볼 수 있습니다. (다)의 맵이 그 작은 예이고, Zhou 등(2016)의 클래스 활성화 맵(class activation mapping, CAM)이 이 생각을 본격적으로 쓴 방법입니다.
#
# 반면 NiN은 파라미터가 적을 뿐 연산량은 적지 않고, 정규화 없이 깊게 쌓은 망이라 초기화에 민감합니다. 이 약점은 06 배치 정규화 노트북에서 다룹니다.
#
# **연습문제**
#
# 풀어 본 뒤 [풀이 노트북](solutions/04_nin_solutions.ipynb)과 맞춰 보세요.
#
# 1. $1 \times 1$ 합성곱을 `nn.Conv2d` 없이 행렬 곱 하나로 구현하고 `nn.Conv2d(c_in, c_out, 1)`과 값을 비교하세요. *힌트*: `X.reshape(n, c_i, h * w)`로 펼치면 `W @ X`가 배치마다 행렬 곱이 됩니다. 편향은 `b[:, None]`으로 더합니다. [풀이](solutions/04_nin_solutions.ipynb#연습문제-1)
# 2. 첫 NiN 블록을 `nin_block(96, kernel_size=5, strides=2, padding=0)`으로 바꾸면 최소 입력 크기는 얼마일까요? 식으로 구한 뒤 `layer_summary`로 확인하세요. *힌트*: 첫 풀링의 입력이 15 이상이어야 하는 것은 그대로이므로 $\lfloor (n - 5)/2 \rfloor + 1 \ge 15$를 풉니다. [풀이](solutions/04_nin_solutions.ipynb#연습문제-2)
# 3. NiN 블록의 $1 \times 1$ 합성곱을 하나로 줄이거나 셋으로 늘리면 파라미터 수와 연산량이 어떻게 바뀔까요? 어느 블록에서 가장 크게 바뀌나요? *힌트*: $1 \times 1$ 층 하나는 $c^2 + c$개의 파라미터와 $2c^2 hw$ FLOPs를 더합니다. `d2l.num_params`, `d2l.count_flops`로 확인하세요. [풀이](solutions/04_nin_solutions.ipynb#연습문제-3)
# 4. NiN 블록의 두 $1 \times 1$ 합성곱을 $3 \times 3$ 합성곱(패딩 1)으로 바꾸면 파라미터 수와 연산량은 몇 배가 되나요? 블록이 하는 일은 어떻게 달라지나요? *힌트*: 커널이 $k \times k$이면 그 층의 파라미터(편향 제외)와 연산량이 모두 $k^2$배입니다. 바꾼 블록을 그림 1의 VGG 블록과 비교해 보세요. [풀이](solutions/04_nin_solutions.ipynb#연습문제-4)
# 5. 책의 NiN은 마지막 NiN 블록의 첫 합성곱($3 \times 3$) 하나로 $384 \times 5 \times 5$를 곧바로 $10 \times 5 \times 5$로 줄입니다. 이렇게 한 단계에 384채널을 10채널로 줄이면 어떤 문제가 생길 수 있을까요? 원 논문의 NiN처럼 $3 \times 3$ 합성곱과 첫 $1 \times 1$ 합성곱은 넓은 채널을 유지하고 마지막 $1 \times 1$ 합성곱에서만 클래스 수로 줄이면 파라미터 수와 연산량은 얼마나 늘어나나요? *힌트*: 그 뒤의 두 $1 \times 1$ 층은 채널이 10개뿐인 작은 MLP입니다. 모양 확인 절의 「마지막 ReLU와 죽은 클래스 채널」과도 연결해 보세요. [풀이](solutions/04_nin_solutions.ipynb#연습문제-5)
# 6. 책의 NiN을 $224 \times 224$, 배치 크기 128로 훈련할 때와 예측할 때 필요한 메모리를 어림해 보세요. 파라미터, 기울기, 옵티마이저의 상태, 역전파를 위해 저장해 두는 층의 출력 가운데 무엇이 가장 큰가요? *힌트*: 층마다 출력의 원소 수를 순방향 훅(forward hook)으로 모으고 float32의 4바이트를 곱합니다. 예측할 때는 한 번에 층 하나의 입력과 출력만 있으면 됩니다. [풀이](solutions/04_nin_solutions.ipynb#연습문제-6)
# 7. VGG가 VGG-11, 16, 19를 만든 방식(같은 블록을 반복하고, 숫자 목록 하나로 단계마다 층 수를 정함)을 NiN에 적용해 NiN의 집합을 설계하고, 변형마다 파라미터 수와 연산량을 비교해 보세요. *힌트*: 단계마다 NiN 블록을 몇 개 둘지 정하는 `arch`를 만들고, 둘째 블록부터는 해상도를 유지하는 $3 \times 3$(패딩 1) 블록을 더합니다. [풀이](solutions/04_nin_solutions.ipynb#연습문제-7)
# 8. 모양 확인 절의 「마지막 ReLU와 죽은 클래스 채널」 표에서 죽은 채널이 있는 시드를 하나 골라, 마지막 ReLU를 남긴 그 모델을 `cpu` 설정으로 2~3에폭 훈련하고 클래스별 정확도를 확인하세요. 죽어 있던 클래스가 되살아나나요? 같은 시드로 만든, 마지막 ReLU가 없는 `NarrowNiN`과도 비교해 보세요. *힌트*: `torch.manual_seed(seed)` 바로 뒤에 `net = NarrowNiN(width=cfg.width, lr=cfg.lr)`로 모델을 만들고 `net.net[7][-1] = nn.ReLU()`로 ReLU를 되돌린 다음, 위의 훈련 셀처럼 `cfg.recipe.apply(net, data)`, `apply_init`, `d2l.Trainer(max_epochs=3).fit(net, data)`를 부릅니다. 결과는 `d2l.classification_report(net, data)`로 봅니다. [풀이](solutions/04_nin_solutions.ipynb#연습문제-8)
# 9. `cpu` 설정 그대로 초기화만 책의 `d2l.init_cnn`으로 바꿔 2~3에폭 훈련해 보세요. 손실이 $\ln 10$을 벗어나기까지 얼마나 걸리나요? *힌트*: `model.apply_init([...], d2l.init_cnn)`. AdamW는 파라미터마다 기울기를 기울기 제곱의 이동 평균의 제곱근으로 나누므로, 기울기가 작다는 것만으로는 SGD만큼 느려지지 않을 수 있습니다. [풀이](solutions/04_nin_solutions.ipynb#연습문제-9)
# 10. 연습문제 9의 두 초기화(Xavier와 He)를 레시피만 책의 `d2l.BOOK_RECIPE`(SGD, 고정 학습률)로 바꾸고 학습률 0.1로(160스텝 비교와 같은 SGD) 훈련하면 어떻게 달라지나요? 훈련 절의 160스텝 비교와 「초기화에 따른 신호의 크기」 표와 연결해 설명해 보세요. [풀이](solutions/04_nin_solutions.ipynb#연습문제-10)
# 11. 전역 평균 풀링을 완전 연결 층으로 바꾸면 속도, 정확도, 파라미터 수는 어떻게 달라질까요? 마지막 블록의 $10 \times 5 \times 5$를 펼쳐 `nn.LazyLinear(10)` 하나에 넣는 경우와, 모양 확인 절의 VGG 식 헤드를 붙이는 경우를 나누어 생각해 보세요. *힌트*: 완전 연결 층의 연산량은 파라미터 수의 약 두 배입니다. 입력 크기에 대해서는 모양 확인 절의 「헤드의 파라미터: NiN 대 VGG 식」을 다시 읽어 보세요. [풀이](solutions/04_nin_solutions.ipynb#연습문제-11)
