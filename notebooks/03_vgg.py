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
# # 블록을 쓰는 네트워크 VGG
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/03_vgg.ipynb)
#
# 같은 모양의 블록을 반복해 깊은 합성곱 신경망(convolutional neural network)을 설계하는 VGG를 만들고, 파라미터(parameter)와 연산량(FLOPs: 곱셈이나 덧셈 하나를 1로 센 연산의 수)이 어디에 몰려 있는지 따져 본 뒤 Fashion-MNIST로 훈련합니다.

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
# 1. VGG 블록을 정의하고, 층 대신 블록 단위로 네트워크를 설계하는 이유를 설명할 수 있습니다.
# 2. $3\times3$ 합성곱(convolution)을 쌓을 때 수용 영역(receptive field)이 어떻게 커지는지 계산하고, 같은 수용 영역의 큰 커널(kernel)보다 파라미터가 적다는 것을 보일 수 있습니다.
# 3. 층마다 파라미터 수와 연산량을 공식으로 세고 `d2l.num_params`, `d2l.count_flops`와 비교할 수 있습니다.
# 4. 책의 설정(224px)에서는 파라미터가 완전 연결 헤드에, 연산량이 합성곱 층에 몰려 있고, 해상도를 줄이면 이 균형이 바뀐다는 것을 구조를 바꿔 가며 확인할 수 있습니다.
# 5. CPU에서 돌아가도록 해상도(resolution)와 헤드의 너비를 줄인 VGG를 02~09 노트북이 함께 쓰는 훈련 레시피(training recipe)로 훈련하고, 책의 설정과 무엇이 다른지 설명할 수 있습니다.

# %% [markdown]
# ## 개념
#
# ### 층에서 블록으로
#
# AlexNet(2012)은 층마다 커널 크기($11\times11$, $5\times5$, $3\times3$)와 채널 수를 따로 정한, 말하자면 손으로 하나하나 맞춘 네트워크였습니다.
# 옥스퍼드 대학 Visual Geometry Group의 Simonyan과 Zisserman이 2014년에 발표한 **VGG**는 생각의 단위를 층에서
# **블록**(block)으로 바꿨습니다. VGG 블록은 다음 두 가지를 차례로 놓은 것입니다.
#
# 1. **패딩**(padding) 1인 $3\times3$ **합성곱 층**(convolutional layer)과 **ReLU**를 $m$번
# 2. $2\times2$ 창, **스트라이드**(stride) 2인 **최대 풀링**(max pooling)을 한 번
#
# 네트워크 전체는 "블록 몇 개 + **완전 연결 층**(fully connected layer)으로 된 **헤드**(head)"입니다. 그러면 설계는
# "블록마다 합성곱 몇 개, **출력 채널**(output channel) 몇 개"라는 숫자 목록(`arch`) 하나로 끝납니다.
# VGG-11, 13, 16, 19(원 논문의 구성 A, B, D, E)는 이 목록만 다를 뿐 코드가 같습니다. 원 논문에는 같은 16층이면서 $1\times1$ 합성곱을 섞은 구성 C와, VGG-11에 LRN 층을 더한 A-LRN도 있습니다.
# 책에서 이어지는 NiN, GoogLeNet, ResNet도 모두 블록을 반복하는 방식으로 설계되어 있습니다. 발표 순서로는 NiN(2013)이 VGG(2014)보다 조금 앞섭니다.
#
# 블록 안에서 해상도가 어떻게 변하는지는 출력 크기 공식 $n' = \lfloor (n - k + 2p)/s \rfloor + 1$ (PyTorch의 `padding=p`는 양쪽에 $p$씩)로 바로 보입니다.
#
# * 합성곱($k=3, p=1, s=1$): $n' = n - 3 + 2 + 1 = n$. **해상도는 그대로**, 채널 수만 바뀝니다.
# * 최대 풀링($k=2, p=0, s=2$): $n' = \lfloor (n-2)/2 \rfloor + 1 = \lfloor n/2 \rfloor$. **해상도가 절반**이 됩니다.
#
# 그래서 블록 $b$개를 지나면 높이와 너비가 $\lfloor n / 2^b \rfloor$가 됩니다(매번 내림). 이 때문에 **블록 수에는 상한이 있습니다.**
# $224\times224$ 입력이라면 블록 5개 뒤에 $7\times7$, 여섯째 블록 뒤에 $3\times3$, 일곱째 블록 뒤에 $1\times1$이 됩니다.
# 여덟째 블록의 풀링은 $1\times1$ 맵에 $2\times2$ 창을 놓을 수 없어 출력 크기가 0이 되고, PyTorch는 오류를 냅니다.
#
# 일반적으로 $\lfloor n/2^b \rfloor \ge 1$이려면 $2^b \le n$, 곧 $b \le \log_2 n$이어야 합니다. 가능한 가장 많은 $b = \lfloor \log_2 n \rfloor$개 블록 뒤에는
# 특성 맵(feature map)이 정확히 $1\times1$입니다($2^b \le n < 2^{b+1}$이므로). 블록을 하나 더 붙이면 그 블록의 $3\times3$ 합성곱은 가운데 한 칸 말고는 패딩만 보고,
# 풀링의 출력 크기는 0이 됩니다. VGG-11부터 VGG-19까지는 모두 블록이 5개이고($224\times224$ 입력이면 마지막 맵이 $7\times7$),
# 네트워크는 블록 수가 아니라 **블록 안의 합성곱 수를 늘려서** 깊어집니다. 블록 5개를 쓰려면 입력이 $2^5 = 32$ 이상이어야 합니다.
#
# 이 노트북의 모델은 책이 쓰는 작은 VGG입니다: `arch = ((1, 16), (1, 32), (2, 64), (2, 128), (2, 128))`.
# 원래 VGG-11의 `((1, 64), (1, 128), (2, 256), (2, 512), (2, 512))`에서 채널을 4분의 1로 줄인 것으로, 합성곱 8개와 완전 연결 층 3개,
# 합쳐서 11개의 층이 있습니다. 헤드는 펼치기 → 4096 → ReLU → **드롭아웃**(dropout) 0.5 → 4096 → ReLU → 드롭아웃 0.5 → 10입니다.
#
# ### $3\times3$을 쌓는 이유: 수용 영역과 파라미터
#
# 출력 값 하나에 영향을 주는 입력 영역을 그 값의 **수용 영역**이라고 합니다. 스트라이드 1인 $3\times3$ 합성곱 하나의
# 수용 영역은 $3\times3$입니다. 하나를 더 쌓으면 둘째 층의 출력 하나가 첫째 층 출력의 $3\times3$을 보고, 그 각각이 입력의 $3\times3$을
# 보므로 입력 기준으로 $5\times5$가 됩니다. 일반적으로 층 $\ell$의 커널을 $k_\ell$, 스트라이드를 $s_\ell$이라 하면
#
# $$
# r_\ell = r_{\ell-1} + (k_\ell - 1)\, j_{\ell-1}, \qquad j_\ell = j_{\ell-1}\, s_\ell, \qquad r_0 = j_0 = 1
# $$
#
# 입니다. $r_\ell$은 수용 영역의 한 변, $j_\ell$은 층 $\ell$의 이웃한 두 출력이 입력에서 몇 픽셀 떨어져 있는지입니다.
# 스트라이드 1인 $3\times3$을 $L$개 쌓으면 $r = 2L + 1$이고, 풀링($k=2, s=2$)을 지날 때마다 $j$가 두 배가 되어 뒤쪽 층일수록 수용 영역이 빨리 넓어집니다.
#
# 같은 수용 영역을 얻는 비용을 비교해 봅시다. 입력·출력 채널이 모두 $c$라면(편향 제외)
#
# $$
# \underbrace{2 \cdot (3\cdot3\cdot c^2)}_{3\times3\ \text{두 개}} = 18c^2 \;<\; \underbrace{5\cdot5\cdot c^2}_{5\times5\ \text{하나}} = 25c^2,
# \qquad
# \underbrace{3 \cdot 9c^2}_{3\times3\ \text{세 개}} = 27c^2 \;<\; \underbrace{49c^2}_{7\times7\ \text{하나}}
# $$
#
# 입니다. 즉 $5\times5$ 대신 $3\times3$ 두 개를 쓰면 파라미터(와 같은 해상도에서의 연산량)가 28% 줄고, $7\times7$ 대신 세 개를 쓰면 45% 줄어듭니다.
# 게다가 사이사이에 ReLU가 들어가므로 같은 영역을 더 복잡한 함수로 요약할 수 있습니다. VGG는 "좁고 깊은" 쪽이 낫다는 것을 보여 주었습니다.
#
# ### 파라미터 수와 연산량
#
# 합성곱 층의 입력 채널(input channel) 수를 $c_i$, 출력 채널 수를 $c_o$, 커널을 $k_h\times k_w$라 하고, 완전 연결 층의 입력과 출력의 길이를 $n_\text{in}$, $n_\text{out}$이라 하면
#
# $$
# \#\text{params}_{\text{conv}} = c_i c_o k_h k_w + c_o,
# \qquad
# \text{FLOPs}_{\text{conv}} = 2\, c_i c_o k_h k_w\, h' w',
# $$
#
# $$
# \#\text{params}_{\text{fc}} = n_\text{in} n_\text{out} + n_\text{out},
# \qquad
# \text{FLOPs}_{\text{fc}} = 2\, n_\text{in} n_\text{out}
# $$
#
# 입니다($h'\times w'$은 합성곱의 출력 해상도이고, 곱셈-덧셈 한 쌍을 2 FLOPs로 세므로 식에 2가 붙습니다). 편향(bias) 덧셈·활성화 함수·풀링은 세지 않습니다.
# 세는 약속과 `d2l.count_flops`가 세는 방법은 01 LeNet 노트북의 「연산량」 절과 같습니다.
# 두 식의 차이가 핵심입니다. **합성곱의 파라미터 수에는 해상도가 없지만 연산량에는 $h'w'$이 곱해집니다.** 완전 연결 층은 출력 위치가
# 하나뿐이라 파라미터 하나가 곱셈-덧셈 한 번입니다.
#
# VGG의 설계에는 또 하나의 규칙이 숨어 있습니다. 블록을 지날 때 해상도가 절반(위치 수 $h'w'$은 $\tfrac14$)이 되고 채널이 두 배
# ($c_i c_o$는 4배)가 되면, 합성곱 하나의 연산량은 그대로입니다. 이 규칙 덕분에 연산량이 어느 한 블록에 크게 쏠리지는 않지만,
# 정확히 고르게 나뉘지도 않습니다. 책의 작은 VGG에서 이 규칙이 그대로 들어맞는 것은 둘째, 셋째, 넷째 블록의 **첫** 합성곱끼리이고,
# 셋의 연산량은 똑같습니다. 나머지 합성곱은 다음과 같이 다릅니다.
#
# * 첫 합성곱은 입력 채널이 1개뿐이라 연산량이 가장 적습니다($2\cdot1\cdot16\cdot9\cdot224^2 \approx 14.5$ MFLOPs).
# * 셋째와 넷째 블록의 둘째 합성곱은 입력 채널도 이미 두 배가 되어 있으므로 같은 블록의 첫째 합성곱의 두 배입니다.
# * 마지막 블록의 합성곱(128→128, $14\times14$)은 채널이 그대로이고 해상도만 절반이라, 앞 블록의 둘째 합성곱(128→128, $28\times28$)의 4분의 1입니다.
#
# 「모양 확인」 절의 표와 「인터랙티브」 절의 막대그래프에서 층마다 연산량이 얼마나 다른지 확인하세요.
#
# 책의 작은 VGG를 $224\times224$ 입력에 적용하면 마지막 특성 맵은 $128\times7\times7$, 펼친 길이는 $6272$이고
#
# * 첫 완전 연결 층: $6272\cdot4096 + 4096 = 25{,}694{,}208$개,
# * 둘째 완전 연결 층: $4096\cdot4096 + 4096 = 16{,}781{,}312$개,
# * 합성곱 8개를 모두 합쳐도: $576{,}832$개
#
# 입니다. 파라미터의 98% 이상이 헤드에 있지만, 연산량은 반대로 90% 이상이 합성곱 층에서 나옵니다. 「모양 확인」 절에서 코드로 확인합니다.

# %% [markdown]
# ## 구현
#
# 필요한 모듈을 불러옵니다. 책의 `from d2l import torch as d2l` 자리에 `import d2lmini as d2l`을 씁니다.

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
import torch
from IPython.display import display
from torch import nn

import d2lmini as d2l

# %% [markdown]
# VGG 블록입니다. `num_convs`개의 $3\times3$ 합성곱(패딩 1) + ReLU 뒤에 $2\times2$ 최대 풀링을 놓습니다. 지연 층(`LazyConv2d`)을 쓰므로
# 입력 채널 수는 적지 않습니다.

# %%
def vgg_block(num_convs, out_channels):
    layers = []
    for _ in range(num_convs):
        layers.append(nn.LazyConv2d(out_channels, kernel_size=3, padding=1))
        layers.append(nn.ReLU())
    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers)


# %% [markdown]
# 그림 1은 책의 작은 VGG의 셋째 블록(`vgg_block(2, 64)`)에 앞 블록의 출력 $32\times56\times56$을 넣어 그린 것입니다.
# 두 합성곱은 해상도를 그대로 두고 채널만 바꾸며, 해상도는 마지막 최대 풀링에서만 절반이 되는 것을 확인하세요.

# %%
d2l.draw(vgg_block(2, 64), (1, 32, 56, 56), title='그림 1. VGG 블록')


# %% [markdown]
# VGG 모델입니다. `arch`의 `(합성곱 수, 출력 채널 수)` 쌍마다 블록을 하나씩 만들고, 뒤에 완전 연결 헤드를 붙입니다.
#
# 생성자 마지막 줄의 `self.net.apply(d2l.init_cnn)`은 이 시점에 아직 모양이 없는 지연 층에 적용됩니다. 책의 `init_cnn`이라면 여기서 아무 일도
# 하지 않지만(01 LeNet 노트북의 「초기화와 지연 층」 절), d2lmini의 `init_cnn`은 첫 순전파(forward pass)에서 가중치(weight)가 만들어지는 순간 Xavier 초기화(Xavier initialization)가 적용되도록 예약합니다.
# 훈련(training) 코드의 `apply_init`도 한 번 더 같은 초기화를 적용하므로 결과는 어느 쪽이든 같습니다.

# %%
class VGG(d2l.Classifier):
    def __init__(self, arch, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        # arch의 (합성곱 수, 채널 수) 정보로 합성곱 블록들을 만듭니다.
        # 합성곱 층은 kernel_size=3, padding=1, 최대 풀링은 kernel_size=2, stride=2입니다.
        conv_blks = []
        for (num_convs, out_channels) in arch:
            conv_blks.append(vgg_block(num_convs, out_channels))
        self.net = nn.Sequential(
            *conv_blks, nn.Flatten(),
            # 완전 연결 헤드: 마지막 출력은 num_classes개입니다.
            nn.LazyLinear(4096), nn.ReLU(), nn.Dropout(0.5),
            nn.LazyLinear(4096), nn.ReLU(), nn.Dropout(0.5),
            nn.LazyLinear(num_classes))
        self.net.apply(d2l.init_cnn)


# %% [markdown]
# CPU 훈련과 「인터랙티브」 절에서 쓸 변형도 하나 만들어 둡니다. 합성곱 블록은 `VGG`와 똑같고, 헤드의 두 은닉층 너비만 4096 대신
# `num_hiddens`로 바꿉니다. `num_hiddens=4096`이면 `VGG`와 같은 모델입니다. 이 변형이 왜 필요한지는 「훈련」 절에서 설명합니다.

# %%
class SlimVGG(VGG):
    """VGG와 같은 합성곱 블록에, 완전 연결 헤드의 은닉 너비만 num_hiddens로 바꾼 모델."""
    def __init__(self, arch, lr=0.1, num_classes=10, num_hiddens=512):
        super().__init__(arch, lr, num_classes)
        self.save_hyperparameters()
        head = len(arch) + 1  # self.net에서 Flatten 바로 다음 자리
        self.net[head] = nn.LazyLinear(num_hiddens)      # 첫 은닉층: 4096 → num_hiddens
        self.net[head + 3] = nn.LazyLinear(num_hiddens)  # 둘째 은닉층: 4096 → num_hiddens
        self.net.apply(d2l.init_cnn)


# %% [markdown]
# ## 모양 확인
#
# 책의 작은 VGG에 $224\times224$ 흑백 이미지 한 장을 넣고 블록(`Sequential`)과 헤드의 층마다 출력 모양을 봅니다.
# 블록마다 해상도가 절반이 되고($224 \to 112 \to 56 \to 28 \to 14 \to 7$), 채널은 `arch`대로 바뀌는지 확인하세요.

# %%
# NBVAL_CHECK_OUTPUT
arch = ((1, 16), (1, 32), (2, 64), (2, 128), (2, 128))
model = VGG(arch=arch)
model.layer_summary((1, 1, 224, 224))

# %% [markdown]
# 그림 2는 같은 `model`을 블록 단위로 그린 것입니다. 블록 다섯 개가 해상도를 줄이고 채널을 늘린 뒤, 펼친 길이 6272가 완전 연결 헤드로 들어가는 흐름을 보세요.
# `arch`를 바꿔 모델을 다시 만들면 그림도 따라 바뀝니다.

# %%
d2l.draw(model, (1, 1, 224, 224), depth=1, title='그림 2. 책의 작은 VGG')

# %% [markdown]
# 층마다 파라미터 수와 연산량을 「개념」 절의 공식으로 계산하고, 전체 합을 `d2l.num_params`, `d2l.count_flops`와 비교합니다.
# 출력 해상도 $h' w'$은 순방향 훅(forward hook)으로 기록합니다.

# %%
# NBVAL_CHECK_OUTPUT
def layer_costs(model, X_shape):
    """합성곱·완전 연결 층마다 (이름, 파라미터 수, FLOPs)를 공식으로 계산합니다."""
    rows, hooks, counts = [], [], {'conv': 0, 'fc': 0}

    def record(layer, inputs, output):
        if isinstance(layer, nn.Conv2d):
            c_o, c_i, k_h, k_w = layer.weight.shape
            params = c_i * c_o * k_h * k_w + c_o
            flops = 2 * c_i * c_o * k_h * k_w * output.shape[-2] * output.shape[-1]
            kind = 'conv'
        else:
            n_out, n_in = layer.weight.shape
            params, flops, kind = n_in * n_out + n_out, 2 * n_in * n_out, 'fc'
        counts[kind] += 1
        rows.append((f'{kind}{counts[kind]}', params, flops))

    for layer in model.net.modules():
        if isinstance(layer, (nn.Conv2d, nn.Linear)):  # 지연 층도 이 클래스들의 하위 클래스
            hooks.append(layer.register_forward_hook(record))
    try:
        with torch.no_grad():
            model.eval()
            model(torch.zeros(*X_shape))
    finally:
        for h in hooks:
            h.remove()
    return rows


rows = layer_costs(model, (1, 1, 224, 224))
costs = pd.DataFrame(rows, columns=['층', '파라미터', 'FLOPs']).set_index('층')
costs['MFLOPs'] = (costs.pop('FLOPs') / 1e6).round(1)
display(costs)
conv_params = sum(p for n, p, f in rows if n.startswith('conv'))
conv_flops = sum(f for n, p, f in rows if n.startswith('conv'))
total_params = sum(p for n, p, f in rows)
total_flops = sum(f for n, p, f in rows)
print(f'파라미터 합계: 공식 {total_params:,} / d2l.num_params {d2l.num_params(model):,}')
print(f'FLOPs 합계   : 공식 {total_flops:,} / d2l.count_flops {d2l.count_flops(model, (1, 1, 224, 224)):,}')
print(f'합성곱 층의 몫: 파라미터 {conv_params / total_params:.1%}, FLOPs {conv_flops / total_flops:.1%}')
print(f'헤드의 몫    : 파라미터 {1 - conv_params / total_params:.1%}, FLOPs {1 - conv_flops / total_flops:.1%}')

# %% [markdown]
# $3\times3$ 두 개와 $5\times5$ 하나를 직접 비교합니다. 채널 $c=64$일 때 파라미터 수(편향 포함)를 세고, 수용 영역은 기울기(gradient)로 잽니다:
# 출력의 가운데 값 하나를 입력에 대해 미분하면, 그 값에 영향을 주는 입력 위치에서만 기울기가 0이 아닙니다.
# 그 영역의 크기가 곧 수용 영역입니다(가중치를 모두 양수로 두어 우연히 상쇄되는 일이 없게 합니다).
# 마지막으로 책의 VGG의 합성곱 부분 전체의 수용 영역을 「개념」 절의 점화식으로 계산합니다.

# %%
# NBVAL_CHECK_OUTPUT
c = 64
two_3x3 = nn.Sequential(nn.Conv2d(c, c, 3, padding=1), nn.ReLU(), nn.Conv2d(c, c, 3, padding=1))
one_5x5 = nn.Conv2d(c, c, 5, padding=2)
print(f'c={c}: 3×3 두 개 {d2l.num_params(two_3x3):,}개 (공식 2(9c²+c) = {2 * (9 * c * c + c):,}), '
      f'5×5 하나 {d2l.num_params(one_5x5):,}개 (공식 25c²+c = {25 * c * c + c:,})')


def measured_receptive_field(net, size=15, channels=1):
    """가운데 출력 하나의 입력에 대한 기울기가 0이 아닌 영역의 한 변 길이."""
    for p in net.parameters():
        nn.init.constant_(p, 0.1)
    X = torch.ones(1, channels, size, size, requires_grad=True)
    Y = net(X)
    Y[0, 0, size // 2, size // 2].backward()
    rows_hit = (X.grad[0].abs().sum(dim=(0, 2)) > 0).sum().item()
    return rows_hit


print('측정한 수용 영역: 3×3 한 개', measured_receptive_field(nn.Conv2d(1, 1, 3, padding=1)),
      '| 3×3 두 개', measured_receptive_field(nn.Sequential(
          nn.Conv2d(1, 1, 3, padding=1), nn.ReLU(), nn.Conv2d(1, 1, 3, padding=1))),
      '| 3×3 세 개', measured_receptive_field(nn.Sequential(
          *[nn.Conv2d(1, 1, 3, padding=1) for _ in range(3)])),
      '| 5×5 한 개', measured_receptive_field(nn.Conv2d(1, 1, 5, padding=2)))


def receptive_field(arch):
    """VGG 합성곱 부분의 수용 영역 r과 점프 j (「개념」 절의 점화식)."""
    r, j = 1, 1
    for num_convs, _ in arch:
        for _ in range(num_convs):
            r, j = r + (3 - 1) * j, j * 1   # 3×3 합성곱, 스트라이드 1
        r, j = r + (2 - 1) * j, j * 2       # 2×2 최대 풀링, 스트라이드 2
    return r, j


r, j = receptive_field(arch)
print(f'책의 VGG 마지막 특성 맵의 한 위치: 수용 영역 {r}×{r}, 이웃 위치 간격 {j}픽셀')

# %% [markdown]
# ## 인터랙티브
#
# ### (가) 작은 커널을 쌓기 vs 큰 커널 하나
#
# 커널 크기 $k$인 합성곱을 $L$개 쌓은 것과, 같은 수용 영역을 한 번에 보는 큰 합성곱 하나를 비교합니다. 수용 영역은 「개념」 절의 점화식
# ($r = 1 + L(k-1)$, 스트라이드 1)으로 계산하고, 「모양 확인」 절의 `measured_receptive_field`로 기울기를 통해 실제로도 잽니다.
# 파라미터와 연산량은 채널 $c$와 해상도 $n$에서 편향을 빼고 셉니다. 그림은 입력 격자 위에 층을 하나씩 지날 때마다 넓어지는 수용 영역을 겹쳐 그린 것입니다.
#
# 해 볼 것: 기본값($3\times3$ 두 개)이 $5\times5$ 하나보다 파라미터가 28% 적은지 확인하고, $L$을 늘리면 절약이 어떻게 커지는지,
# $k=5$를 쌓는 것과 $k=3$을 더 많이 쌓는 것 중 어느 쪽이 같은 수용 영역을 더 싸게 얻는지 보세요.

# %%
def compare_stacks(k=3, layers=2, c=64, n=56):
    r = 1 + layers * (k - 1)
    convs = [nn.Conv2d(1, 1, k, padding=k // 2) for _ in range(layers)]
    stack = nn.Sequential(*[m for conv in convs for m in (conv, nn.ReLU())][:-1])
    measured = measured_receptive_field(stack, size=r + 8)
    stacked, single = layers * k * k * c * c, r * r * c * c
    print(f'{k}×{k} 합성곱 {layers}개의 수용 영역: 점화식 {r}×{r}, 기울기로 잰 값 {measured}×{measured}')
    print(f'같은 수용 영역을 {r}×{r} 하나로 보면 파라미터가 {single / stacked:.2f}배, '
          f'쌓은 쪽이 {1 - stacked / single:.0%} 적습니다.')
    table = pd.DataFrame({
        '구성': [f'{k}×{k} × {layers}', f'{r}×{r} × 1'],
        '수용 영역': [r, r],
        '파라미터 (편향 제외)': [stacked, single],
        f'MFLOPs ({n}×{n})': [round(2 * stacked * n * n / 1e6, 1), round(2 * single * n * n / 1e6, 1)],
        '비선형 함수 수': [layers, 1]}).set_index('구성')
    display(table)
    fig, ax = plt.subplots(figsize=(3.4, 3.4))
    size = r + 4
    ax.set_xlim(0, size)
    ax.set_ylim(0, size)
    ax.set_xticks(range(size + 1), [])
    ax.set_yticks(range(size + 1), [])
    ax.grid(True, color='0.85')
    center = size // 2
    for layer in range(layers, -1, -1):
        side = 1 + layer * (k - 1)
        low = center - side // 2
        ax.add_patch(plt.Rectangle((low, low), side, side, alpha=0.25,
                                   color=plt.cm.viridis(layer / max(layers, 1)),
                                   label=d2l.label(f'합성곱 {layer}개 뒤: {side}×{side}',
                                                   f'after {layer} conv(s): {side}x{side}')))
    ax.set_title(d2l.label('출력 하나의 수용 영역', 'receptive field of one output'))
    ax.legend(fontsize=7, loc='upper left', bbox_to_anchor=(1, 1))
    plt.show()


d2l.interact(
    compare_stacks,
    k=widgets.Dropdown(options=(3, 5, 7), value=3, description='커널 k'),
    layers=widgets.IntSlider(value=2, min=1, max=6, description='층 수 L'),
    c=widgets.Dropdown(options=(16, 64, 256), value=64, description='채널 c'),
    n=widgets.Dropdown(options=(14, 56, 224), value=56, description='해상도 n'))

# %% [markdown]
# ### (나) 구조 편집기
#
# 블록 수, 블록별 합성곱 수, 채널 너비 배율, 입력 해상도, 헤드의 은닉 너비를 바꿔 가며 모델을 만들어 봅니다. 출력에는
#
# * 블록마다 출력 모양과 마지막 특성 맵의 수용 영역,
# * 전체 파라미터 수와 연산량(`d2l.count_flops`, 공식 값과 함께),
# * 층마다 파라미터와 연산량이 어디에 있는지 보여 주는 막대그래프(합성곱 층은 파란색, 완전 연결 층은 주황색)
#
# 가 나옵니다. 채널은 책의 `(16, 32, 64, 128, 128)`에 배율을 곱한 값이고(6번째 블록부터는 마지막 값을 반복), 배율 4는 원래 VGG의 채널입니다.
# 위젯의 기본값으로 그린 결과만 노트북에 저장되어 있으므로, 다른 값의 결과는 노트북을 직접 실행해(Colab 등) 확인하세요.
# 해 볼 것:
#
# 1. 기본값(책의 모델, 224)에서 파라미터 막대와 연산량 막대가 얼마나 다른 곳에 몰려 있는지 보세요.
# 2. 해상도를 32로 내려 보세요. 연산량은 이제 합성곱 층과 헤드 가운데 어디에 몰리나요? 헤드 너비를 512로 줄이면 어떻게 되나요?
#    여기에 너비 배율 0.5까지 고르면 `cpu` 프로필이 훈련하는 모델입니다. 답은 「훈련」 절의 표와 그 설명에서 확인하세요.
# 3. 배율 4, 합성곱 `VGG-16`으로 원래 VGG-16의 크기를 확인해 보세요(흑백 입력에 클래스가 10개라 원 논문의 1억 3800만 개보다 조금 적습니다). 연습문제 8이 이 계산을 손으로 합니다.
# 4. 블록을 6개로 늘리고 해상도를 32로 두면 무슨 일이 생기나요?
#
# 가장 큰 설정(배율 4, 224)은 모델을 만드는 데 몇 초 걸릴 수 있습니다.

# %%
BASE_CHANNELS = (16, 32, 64, 128, 128)
CONV_PATTERNS = {'책 / VGG-11 (1,1,2,2,2)': (1, 1, 2, 2, 2),
                 'VGG-13 (2,2,2,2,2)': (2, 2, 2, 2, 2),
                 'VGG-16 (2,2,3,3,3)': (2, 2, 3, 3, 3),
                 'VGG-19 (2,2,4,4,4)': (2, 2, 4, 4, 4),
                 '모두 1 (1,1,1,1,1)': (1, 1, 1, 1, 1)}


def make_arch(num_blocks, pattern, width):
    """블록 수, 블록별 합성곱 수 패턴, 너비 배율로 arch를 만듭니다(5번째 이후는 마지막 값 반복)."""
    convs = [pattern[min(i, 4)] for i in range(num_blocks)]
    channels = [max(1, round(BASE_CHANNELS[min(i, 4)] * width)) for i in range(num_blocks)]
    return tuple(zip(convs, channels))


def explore(num_blocks=5, pattern='책 / VGG-11 (1,1,2,2,2)', width=1.0, size=224, num_hiddens=4096):
    arch = make_arch(num_blocks, CONV_PATTERNS[pattern], width)
    print(f'arch = {arch}, 입력 1×{size}×{size}, 헤드 은닉 너비 {num_hiddens}')
    if size < 2 ** num_blocks:
        print(f'해상도가 블록마다 절반이 되어 {size} → ' +
              ' → '.join(str(size // 2 ** b) for b in range(1, num_blocks + 1)) +
              f'입니다. 블록 {num_blocks}개를 쓰려면 입력 크기가 {2 ** num_blocks} 이상이어야 합니다.')
        return
    net = SlimVGG(arch, num_hiddens=num_hiddens)
    X = torch.zeros(1, 1, size, size)
    shapes = []
    with torch.no_grad():
        for blk in net.net[:num_blocks]:
            X = blk(X)
            shapes.append(str(tuple(X.shape[1:])))
    rows = layer_costs(net, (1, 1, size, size))
    total_params = sum(p for _, p, _ in rows)
    total_flops = sum(f for _, _, f in rows)
    conv_params = sum(p for n, p, _ in rows if n.startswith('conv'))
    conv_flops = sum(f for n, _, f in rows if n.startswith('conv'))
    r, j = receptive_field(arch)
    print(f'  펼친 길이 {X[0].numel():,} | 마지막 특성 맵 한 위치의 수용 영역 {r}×{r}')
    print(f'파라미터 {total_params / 1e6:,.2f}M (d2l.num_params {d2l.num_params(net) / 1e6:,.2f}M), '
          f'합성곱 {conv_params / total_params:.1%} / 헤드 {1 - conv_params / total_params:.1%}')
    print(f'연산량   {total_flops / 1e9:,.3f} GFLOPs (d2l.count_flops {d2l.count_flops(net, (1, 1, size, size)) / 1e9:,.3f} GFLOPs), '
          f'합성곱 {conv_flops / total_flops:.1%} / 헤드 {1 - conv_flops / total_flops:.1%}')
    display(pd.DataFrame({'출력 모양': shapes}, index=[f'블록 {b + 1}' for b in range(num_blocks)]).T)

    names = [n for n, _, _ in rows]
    colors = ['tab:blue' if n.startswith('conv') else 'tab:orange' for n in names]
    fig, (ax_p, ax_f) = plt.subplots(1, 2, figsize=(11, 3.2))
    ax_p.bar(names, [p / 1e6 for _, p, _ in rows], color=colors)
    ax_p.set(ylabel=d2l.label('파라미터 (백만 개)', 'parameters (M)'),
             title=d2l.label('파라미터가 있는 곳', 'where the parameters live'))
    ax_f.bar(names, [f / 1e6 for _, _, f in rows], color=colors)
    ax_f.set(ylabel='MFLOPs', title=d2l.label('연산량이 쓰이는 곳', 'where the FLOPs are spent'))
    for ax in (ax_p, ax_f):
        ax.tick_params(axis='x', labelrotation=90, labelsize=7)
    plt.show()


d2l.interact(
    explore,
    num_blocks=widgets.IntSlider(value=5, min=1, max=6, description='블록 수', continuous_update=False),
    pattern=widgets.Dropdown(options=tuple(CONV_PATTERNS), value='책 / VGG-11 (1,1,2,2,2)',
                             description='합성곱 수'),
    width=widgets.SelectionSlider(options=(0.25, 0.5, 1.0, 2.0, 4.0), value=1.0, description='너비 배율',
                                  continuous_update=False),
    size=widgets.SelectionSlider(options=(16, 32, 64, 96, 128, 160, 192, 224), value=224,
                                 description='해상도', continuous_update=False),
    num_hiddens=widgets.Dropdown(options=(4096, 1024, 512, 256), value=4096, description='헤드 너비'))

# %% [markdown]
# ## 훈련
#
# `book` 프로필은 책과 똑같이 위의 작은 VGG를 $224\times224$로 키운 Fashion-MNIST에서 10에폭(epoch), 배치 크기(batch size) 128, 학습률(learning rate) 0.01로 훈련합니다.
# 훈련 방법도 책 그대로 확률적 경사 하강법(SGD)에 고정 학습률입니다(`d2l.BOOK_RECIPE`).
# 그런데 「모양 확인」 절에서 보았듯 이 모델은 이미지 한 장의 순전파에 약 1 GFLOPs가 듭니다. 역전파(backpropagation)는 입력에 대한 기울기와
# 가중치에 대한 기울기를 따로 계산하므로 흔히 순전파의 약 2배로 어림합니다. 순전파와 합치면 한 장에 약 3 GFLOPs, 한 에폭(6만 장)에 약 180 TFLOPs입니다.
# 2코어 CPU가 초당 약 100 GFLOPs를 낸다고 하면 한 에폭에 30분쯤, 10에폭이면 몇 시간이 걸립니다.
# 그래서 `cpu` 프로필은 모델에서 세 가지를 줄이고, 훈련 방법은 02~09 노트북의 모든 모델과 같은 것을 씁니다.
#
# * **해상도 32**: 블록이 5개이므로 $2^5 = 32$가 가능한 가장 작은 입력입니다. 합성곱의 연산량이 $(224/32)^2 = 49$배 줄어듭니다.
# * **헤드 너비 512** (`SlimVGG`): 해상도 32에서는 마지막 특성 맵이 $1\times1$이라 펼친 길이가 6272에서 128로 줄어듭니다.
#   그런데 $4096\times4096$인 둘째 완전 연결 층은 해상도와 상관없으므로, 해상도만 줄이면 너비 4096의 헤드가 연산량의 약 3분의 2와
#   파라미터의 대부분을 차지합니다(아래 표의 둘째 줄). 128개 입력에는 지나치게 큰 헤드이므로 은닉층을 512로 줄입니다.
# * **채널 절반** (`arch=((1, 8), (1, 16), (2, 32), (2, 64), (2, 64))`): 블록 수와 블록마다의 합성곱 수는 책과 같고 채널만 반입니다.
#   합성곱의 연산량 $2c_i c_o k^2 h'w'$는 채널이 모두 반이면 4분의 1이 됩니다. 채널을 책대로 두면 AMX(Intel CPU의 행렬 곱 명령어)가 없는
#   2코어 CPU(예: AMD Zen 4)에서 8에폭에 약 4.0분이 걸릴 것으로 어림됩니다(README의 「벤치마크」 절). 이 모델 하나가 4분 예산을 다 쓰고,
#   시리즈 전체도 20분을 넘습니다. 그래서 채널을 반으로 줄입니다. 채널을 반으로 줄인 이 모델은 README의 흉내 표에서 약 1.7~1.8분입니다.
# * **훈련 레시피**: 02~09 노트북의 모든 모델과 같은 `d2l.CPU_RECIPE`를 같은 예산(8에폭, 배치 크기 128)으로 씁니다.
#   AdamW 옵티마이저(optimizer)에 원사이클(one-cycle) 스케줄로 학습률과 AdamW의 β1을 함께 바꾸고, 가중치 감쇠(weight decay)와 레이블 스무딩(label smoothing)을 더한 레시피입니다.
#   재료마다의 설명과 효과는 [10 모든 모델 비교 노트북의 「훈련 레시피」 절](10_comparison.ipynb)에 있습니다.
#   설정의 `lr=0.002`는 원사이클의 최고 학습률입니다. 「결과」 절 표의 `lr` 열은 에폭을 시작할 때의 학습률이며, 읽는 법은
#   [02 AlexNet 노트북의 「결과」 절](02_alexnet.ipynb)에 있습니다.
#
# 합성곱 블록의 짜임(블록 다섯 개, 블록마다 합성곱 1·1·2·2·2개)과 초기화(책과 같은 Xavier 초기화, `d2l.init_cnn`)는 책 그대로입니다.
#
# 아래 셀은 「모양 확인」 절의 `layer_costs`로 이 변경들이 파라미터 수와 연산량을 어떻게 바꾸는지 셉니다(훈련은 하지 않습니다).

# %%
def cost_split(model, size):
    """입력 1×size×size 한 장에 대한 파라미터 수, 연산량, 그리고 합성곱 층과 헤드의 연산량 몫."""
    rows = layer_costs(model, (1, 1, size, size))
    params = sum(p for _, p, _ in rows)
    flops = sum(f for _, _, f in rows)
    conv_flops = sum(f for n, _, f in rows if n.startswith('conv'))
    return {'파라미터(백만 개)': round(params / 1e6, 2), 'MFLOPs': round(flops / 1e6, 1),
            '합성곱의 연산량 몫(%)': round(100 * conv_flops / flops, 1),
            '헤드의 연산량 몫(%)': round(100 * (flops - conv_flops) / flops, 1)}


BOOK_ARCH = ((1, 16), (1, 32), (2, 64), (2, 128), (2, 128))   # book 프로필의 arch
HALF_ARCH = ((1, 8), (1, 16), (2, 32), (2, 64), (2, 64))       # cpu·smoke 프로필의 arch: 채널 절반
pd.DataFrame({
    '책의 VGG, 224×224': cost_split(VGG(BOOK_ARCH), 224),
    '책의 VGG, 32×32': cost_split(VGG(BOOK_ARCH), 32),
    '책의 VGG, 32×32, 헤드 512': cost_split(SlimVGG(BOOK_ARCH, num_hiddens=512), 32),
    'cpu 모델: 채널 절반, 32×32, 헤드 512': cost_split(SlimVGG(HALF_ARCH, num_hiddens=512), 32)}).T

# %% [markdown]
# 표의 파라미터 단위는 백만 개입니다. 해상도만 32로 줄인 둘째 줄은 파라미터도 17.93<!-- run -->으로 여전히 많습니다.
# 헤드를 512로 줄이면(셋째 줄) 다시 합성곱 층이 연산량의 대부분(약 97%<!-- run 96.6 -->)을 맡고, 파라미터는 0.91<!-- run -->로 줄며,
# 이미지 한 장의 연산량이 책의 모델의 약 50분의 1이 됩니다. 채널을 반으로 줄인 넷째 줄이 `cpu` 프로필이 훈련하는 모델로, 연산량이 셋째 줄의 4분의 1 남짓입니다.
#
# 이 설정과 예산은 모든 모델이 2코어 CPU에서 4분 안에 책의 그래프에서 읽은 정확도(accuracy)에 닿는 것을 목표로 골랐습니다(VGG는 약 0.90).
# 2코어 CPU(AMX가 있는 Intel Xeon, bf16)에서 `cpu` 프로필로 이 노트북에 저장된 실행은 약 1.1분<!-- run 1.12 -->이 걸렸고
# 검증(validation) 정확도는 약 0.91<!-- run 0.9098 -->이었습니다. 지금 실행의 시간과 정확도는 기록 셀과 「결과」 절에 출력됩니다.
# `smoke` 프로필은 자동 점검용으로 같은 모델과 레시피를 1에폭만, 라이브러리가 줄인 작은 데이터로 돌립니다.

# %%
cfg = d2l.profile_settings(
    book=dict(max_epochs=10, batch_size=128, lr=0.01, resize=224,
              arch=((1, 16), (1, 32), (2, 64), (2, 128), (2, 128)), num_hiddens=4096,
              recipe=d2l.BOOK_RECIPE),
    cpu=dict(max_epochs=8, batch_size=128, lr=0.002, resize=32,
             arch=((1, 8), (1, 16), (2, 32), (2, 64), (2, 64)), num_hiddens=512,
             recipe=d2l.CPU_RECIPE),
    smoke=dict(max_epochs=1, batch_size=64, lr=0.002, resize=32,
               arch=((1, 8), (1, 16), (2, 32), (2, 64), (2, 64)), num_hiddens=512,
               recipe=d2l.CPU_RECIPE))

# %% [markdown]
# 책의 훈련 코드에 설정만 `cfg`에서 가져옵니다. `book` 프로필에서는 책과 똑같은 `VGG`를, 나머지에서는 헤드를 줄인 `SlimVGG`를 씁니다.
# 레시피는 모델을 만든 직후에 `cfg.recipe.apply(model, data)`로 붙입니다. 이 한 줄이 옵티마이저와 가중치 감쇠, 학습률 스케줄, 손실(레이블 스무딩),
# 훈련 데이터의 증강 여부를 정합니다(`d2l.CPU_RECIPE`는 데이터 증강을 쓰지 않습니다).
# 출력의 `[d2lmini]`로 시작하는 줄은 GPU 대신 CPU를 쓴다는 것과 이 CPU에 맞춰 고른 계산 방법을 알리는 줄입니다(자세한 것은 README의 「벤치마크」 절).

# %%
trainer = d2l.Trainer(max_epochs=cfg.max_epochs, num_gpus=1, seed=0)
data = d2l.FashionMNIST(batch_size=cfg.batch_size, resize=(cfg.resize, cfg.resize))
if cfg.num_hiddens == 4096:
    model = VGG(arch=cfg.arch, lr=cfg.lr)
else:
    model = SlimVGG(arch=cfg.arch, lr=cfg.lr, num_hiddens=cfg.num_hiddens)
cfg.recipe.apply(model, data)   # 훈련 방법: book은 책 그대로, cpu는 모든 모델에 같은 레시피
model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
history = trainer.fit(model, data)

# %% [markdown]
# 이번 실행을 `results/<프로필>/03_vgg.json`에 남깁니다(`d2l.record_run`). 10 모든 모델 비교 노트북이 이 기록을 읽어 모델들을 나란히 놓습니다.
# `book_figure=0.90`은 책의 그래프에서 읽은 10에폭 뒤 검증 정확도입니다.

# %%
d2l.record_run('03_vgg', 'VGG', model, data, trainer, cfg, book_figure=0.90)

# %% [markdown]
# ## 결과
#
# 에폭별 기록과, 훈련한 모델의 크기를 책의 모델과 비교한 값입니다.

# %%
size = (1, 1, cfg.resize, cfg.resize)
print(f'훈련한 모델: 파라미터 {d2l.num_params(model) / 1e6:.2f}M, 입력 {cfg.resize}×{cfg.resize} 한 장에 '
      f'{d2l.count_flops(model, size) / 1e6:.1f} MFLOPs')
print(f'책의 모델  : 파라미터 {total_params / 1e6:.2f}M, 입력 224×224 한 장에 {total_flops / 1e6:.1f} MFLOPs')
history.to_frame()

# %% [markdown]
# `d2l.classification_report`가 검증 데이터 전체로 혼동 행렬(confusion matrix)을 그리고, 자주 헷갈린 세 쌍과 클래스마다의 정확도를 표로 보입니다.
# 이 보고서는 float32로 다시 예측합니다. 훈련 중의 검증은 훈련 셀이 고른 계산(이 노트북에 저장된 실행에서는 bf16)으로 하므로, 클래스별 정확도의 평균은
# 위 표의 마지막 `val_acc`와 만 장 가운데 몇 장만큼 다를 수 있습니다(클래스마다 1,000장이라 평균이 곧 전체 정확도입니다).

# %%
report = d2l.classification_report(model, data)

# %% [markdown]
# 틀린 예제 몇 개입니다(제목: 정답 → 예측). 입력은 모델이 실제로 본 해상도로 그려집니다.

# %%
d2l.show_misclassified(model, data, n=8)

# %% [markdown]
# **결과 읽기.** 위의 출력에서 다음을 확인해 보세요. (2코어 CPU에서 `cpu` 프로필로 이 노트북에 저장된 실행을 보고 쓴 설명입니다.)
#
# * 바지, 가방, 신발 종류는 거의 틀리지 않고(클래스별 정확도 0.95<!-- run 0.959 --> 이상), 오류의 대부분은 LeNet과 마찬가지로 윗옷 계열(t-shirt, pullover, coat, shirt) 안에서 일어납니다.
#   가장 많이 헷갈린 세 쌍이 모두 윗옷끼리이고, shirt가 가장 어렵습니다(클래스별 정확도 약 0.72<!-- run 0.715 -->). 원래 $28\times28$인 흑백 이미지에서는 셔츠와 티셔츠,
#   풀오버와 코트를 가르는 단서(단추, 깃, 옷감)가 잘 보이지 않기 때문입니다.
# * 훈련 손실이 검증 손실보다 큰 것은 잘못된 것이 아닙니다(레이블 스무딩과 드롭아웃 때문이며, [02 AlexNet 노트북의 「결과」 절](02_alexnet.ipynb)에서 설명했습니다).
#   과대적합(overfitting)을 살피려면 검증 손실과 검증 정확도를 보세요. 둘 다 학습률이 거의 0으로
#   줄어드는 마지막 에폭까지 매 에폭 나아졌습니다. 다만 마지막 에폭에는 검증 손실이 거의 그대로였습니다.
# * 훈련 손실은 반 에폭마다 그동안의 평균으로 한 점씩 찍히므로, 첫 점(에폭 0.5)만으로는 훈련 초반 수백 스텝에 손실이 어떻게 움직였는지 알 수 없습니다(연습문제 5).
# * 2코어 CPU(AMX가 있는 Intel Xeon, bf16)에서 이 노트북에 저장된 `cpu` 실행은 8에폭, 약 1.1분<!-- run 1.12 -->에 검증 정확도 약 0.91<!-- run 0.9098 -->로, 책의 그래프에서 읽은 값(약 0.90)에 닿았습니다.
#   약 0.01 높지만, 이 차이는 실행 사이의 잡음과 크게 다르지 않습니다([10 모든 모델 비교 노트북의 「잡음: 얼마나 달라야 "다르다"고 할까」 절](10_comparison.ipynb)).
#   검증 정확도는 7에폭 뒤에 이미 0.909<!-- run 0.9090 -->였으므로, 4분 안에 책의 값에 닿는다는 목표를 이룬 것입니다.
#   모델은 책의 설정(224, 헤드 4096)보다 이미지 한 장의 연산량이 약 190분의 1입니다. $28\times28$ 이미지를 224로 키워도 새로운 정보는 생기지 않으므로,
#   Fashion-MNIST에서는 해상도를 키운 이득이 크지 않으리라고 짐작할 수 있습니다. 다만 두 실행은 채널 수(절반), 헤드 너비(512와 4096), 훈련 방법(옵티마이저,
#   학습률 스케줄, 가중치 감쇠, 레이블 스무딩)도 다르므로, 이 비교만으로 해상도의 효과를 나눌 수는 없습니다(연습문제 9).

# %% [markdown]
# ## 요약과 연습문제
#
# **요약**
#
# * VGG는 "$3\times3$ 합성곱(패딩 1) + ReLU를 몇 번, 그리고 $2\times2$ 최대 풀링"이라는 블록을 반복해 네트워크를 만듭니다. 설계는 `arch` 목록 하나로 정해집니다.
# * 블록 안의 합성곱은 해상도를 유지하고, 풀링이 해상도를 절반으로 줄입니다. 블록 $b$개 뒤에는 $\lfloor n/2^b \rfloor$이므로 블록 수는 $\lfloor \log_2 n \rfloor$을 넘을 수 없고
#   (그때 특성 맵이 $1\times1$), 블록 5개에는 입력이 32 이상이어야 합니다. VGG-11부터 VGG-19까지 블록은 모두 5개이고, 깊이는 블록 안의 합성곱 수로 늘립니다.
# * $3\times3$을 $L$개 쌓으면 수용 영역은 $2L+1$이고, $5\times5$ 하나($25c^2$) 대신 $3\times3$ 두 개($18c^2$)를 쓰면 파라미터가 적고 비선형성은 많습니다.
# * 합성곱의 파라미터는 $c_i c_o k^2 + c_o$로 해상도와 무관하지만 연산량은 $2c_i c_o k^2 h'w'$ FLOPs로 해상도에 비례합니다. 책의 작은 VGG를 224px에 쓰면
#   파라미터의 98% 이상은 완전 연결 헤드에, 연산량의 90% 이상은 합성곱 층에 있습니다. 해상도를 32px로 줄이면 $4096\times4096$ 층이 그대로 남아 연산량도 헤드 쪽이 더 많아집니다.
# * CPU에서는 합성곱 블록의 짜임은 책 그대로 두고 채널을 반으로, 해상도를 32로, 헤드를 512로 줄인 모델을 02~09 노트북이 함께 쓰는 훈련 레시피로 8에폭 훈련합니다. `cpu` 프로필로 이 노트북에 저장된 실행은
#   2코어 CPU(AMX가 있는 Intel Xeon)에서 약 1.1분<!-- run 1.12 -->에 검증 정확도 약 0.91<!-- run 0.9098 -->로 책의 값(약 0.90)에 닿았습니다.
#
# **토론.** VGG는 처음으로 "현대적인" 합성곱 신경망이라고 부를 만합니다. AlexNet이 쓴 재료(ReLU, 최대 풀링, 드롭아웃, 큰 완전 연결 헤드)는 그대로지만,
# 설계의 단위를 층에서 블록으로 옮기고 네트워크 하나가 아니라 `arch` 목록으로 정해지는 **네트워크의 집합**(VGG-11, 13, 16, 19)을 내놓았습니다.
# 같은 코드로 깊이와 너비를 바꿔 계산 비용과 정확도를 맞바꿀 수 있게 된 것입니다. 또 큰 커널 하나보다 $3\times3$을 여러 개 쌓는 "좁고 깊은" 쪽이 낫다는 것을 보였고,
# 이 선택은 이후 거의 모든 합성곱 신경망이 따랐습니다. 남은 문제는 헤드입니다. 파라미터의 대부분을 차지하는 완전 연결 층은 04 NiN 노트북에서 사라지고,
# 블록의 깊이와 너비를 정하는 일 자체는 09 RegNet 노트북에서 설계 공간(design space)을 탐색하는 문제로 바뀝니다.
#
# **연습문제**
#
# 풀어 본 뒤 [풀이 노트북](solutions/03_vgg_solutions.ipynb)과 맞춰 보세요.
#
# 1. 원래 VGG-11(`arch = ((1, 64), (1, 128), (2, 256), (2, 512), (2, 512))`, 224, 헤드 4096)의 파라미터 수와 연산량을 공식으로 계산하고
#    `d2l.num_params`, `d2l.count_flops`로 확인하세요. 02 AlexNet 노트북의 책의 AlexNet과 비교하면 파라미터와 연산량은 각각 몇 배인가요? 합성곱 층과 완전 연결 층의 몫은 어떻게 다른가요?
#    *힌트*: 구조 편집기에서 배율 4를 고르면 같은 모델입니다. [풀이](solutions/03_vgg_solutions.ipynb#연습문제-1)
# 2. 「모양 확인」 절의 `layer_summary`는 블록마다 한 줄씩 출력하므로, 가중치가 있는 줄은 블록 다섯 줄과 완전 연결 층 세 줄, 모두 여덟 줄입니다.
#    그런데 이름은 VGG-**11**입니다. 나머지 세 층은 어디에 있나요? 최대 풀링, ReLU, 드롭아웃, 펼치기는 왜 층 수에 넣지 않을까요?
#    *힌트*: `model.net`의 원소마다 그 안의 `nn.Conv2d`와 `nn.Linear`를 세어 보세요. [풀이](solutions/03_vgg_solutions.ipynb#연습문제-2)
# 3. $3\times3$ 합성곱 세 개와 $7\times7$ 하나의 수용 영역과 파라미터 수를 채널 $c$에 대한 식으로 비교하고, 「모양 확인」 절의
#    `measured_receptive_field`로 수용 영역을 확인하세요. *힌트*: 점화식에서 $r = 1 + 3\cdot(3-1)$. [풀이](solutions/03_vgg_solutions.ipynb#연습문제-3)
# 4. Fashion-MNIST 원래 크기인 `resize=28`로 책의 VGG를 훈련하면 어떤 오류가 나나요? 블록마다 해상도를 적어 보고, 블록 수를 4개로 줄이면
#    어떻게 되는지 생각해 보세요. *힌트*: $28 \to 14 \to 7 \to 3 \to 1 \to 0$. [풀이](solutions/03_vgg_solutions.ipynb#연습문제-4)
# 5. 책의 채널에 해상도 32, 헤드 512인 모델(「훈련」 절 표의 셋째 줄)을 레시피만 책의 방법(`d2l.BOOK_RECIPE`: SGD, 고정 학습률)으로 바꾸고 학습률을 책의 값 0.01로 두어 훈련하면,
#    같은 모델을 `d2l.CPU_RECIPE`(최고 학습률 0.002)로 훈련할 때와 훈련 곡선이 어떻게 다른가요? 첫 에폭 동안 손실이 $\ln 10 \approx 2.303$ 근처에 한동안 머무나요?
#    *힌트*: 훈련 셀에서 `SlimVGG(BOOK_ARCH, lr=0.01, num_hiddens=512)`로 만들고 `cfg.recipe.apply(model, data)` 자리에 `d2l.BOOK_RECIPE.apply(model, data)`를 씁니다.
#    훈련 전에 `model.plot_train_per_epoch = 20`으로 두면 에폭마다 점이 20개 찍혀 훈련 초반의 손실이 보입니다. 시간을 아끼려면 `d2l.FashionMNIST(..., fraction=0.25)`로
#    데이터를 4분의 1로 줄이고 2에폭만 훈련해 비교해도 됩니다(풀이가 쓰는 예산). [풀이](solutions/03_vgg_solutions.ipynb#연습문제-5)
# 6. [02 AlexNet 노트북의 「결과」 절](02_alexnet.ipynb)에서 본 것처럼, 레이블 스무딩 0.1로 잰 훈련 손실은 약 0.5 아래로 내려갈 수 없습니다. 02 AlexNet 노트북의 연습문제 4를 VGG로
#    되풀이해 봅니다. 연습문제 5와 같은 모델과 예산으로, 레시피에서 레이블 스무딩만 뺀 `d2l.CPU_RECIPE.replace(label_smoothing=0)`으로 훈련하면 훈련 손실과 검증 손실,
#    검증 정확도는 어떻게 달라지나요? 두 실행을 훈련 손실로 비교해도 될까요? *힌트*: 연습문제 5처럼 레시피를 붙이는 자리에 이 레시피를 씁니다. [풀이](solutions/03_vgg_solutions.ipynb#연습문제-6)
# 7. 헤드를 아예 없애고 마지막 특성 맵을 채널별로 평균한 뒤 `nn.LazyLinear(10)` 하나만 두면 파라미터 수는 얼마나 줄까요?
#    *힌트*: `nn.AdaptiveAvgPool2d((1, 1))`. 04 NiN 노트북이 바로 이 아이디어를 씁니다. [풀이](solutions/03_vgg_solutions.ipynb#연습문제-7)
# 8. VGG 논문(Simonyan과 Zisserman, 2014)의 표 1을 보고 VGG-16(구성 D)과 VGG-19(구성 E)의 `arch`를 적어 보세요. 흑백 $224\times224$ 입력, 클래스 10개, 헤드 4096일 때
#    파라미터 수와 연산량은 VGG-11의 몇 배인가요? 더한 합성곱 층은 어느 블록에 있고, 층 하나가 더하는 연산량은 블록마다 어떻게 다른가요?
#    *힌트*: 구조 편집기에서 배율 4와 합성곱 `VGG-16`, `VGG-19`를 고르면 결과를 확인할 수 있습니다. [풀이](solutions/03_vgg_solutions.ipynb#연습문제-8)
# 9. $28\times28$ 이미지를 224로 8배 키우는 것은 낭비가 큽니다. 입력을 56이나 84로 키우면 블록마다의 해상도, 펼친 길이, 연산량은 어떻게 되나요?
#    원 논문의 구성 C처럼 다운샘플링(downsampling) 전에 비선형성을 더하려면 구조를 어떻게 바꿀 수 있고, 정확도를 잃지 않는지는 어떻게 확인할까요?
#    *힌트*: 「모양 확인」 절의 `layer_costs(VGG(arch), (1, 1, 56, 56))`로 셀 수 있습니다. 정확도는 훈련 셀에서 `resize`만 바꿔 같은 레시피와 예산으로 비교합니다. [풀이](solutions/03_vgg_solutions.ipynb#연습문제-9)
