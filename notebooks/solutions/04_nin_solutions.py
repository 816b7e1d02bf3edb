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
# # 네트워크 인 네트워크 NiN: 연습문제 풀이
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/solutions/04_nin_solutions.ipynb)
#
# 이 노트북은 [04 NiN 노트북](../04_nin.ipynb)의 연습문제 열한 개에 대한 풀이입니다. 답을 보기 전에 한 문제씩 직접 풀어 보세요.
# 1~7은 식과 파라미터·연산량 계산으로 답하고 코드로 확인합니다. 11은 본문의 계산과 원 논문의 결과로 답합니다. 훈련이 필요한 8~10은 노트북 전체가 2코어 CPU에서 2분 안에 끝나도록 줄인 예산으로 돌리며, 그 예산은 연습문제 8에서 밝힙니다.

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
# 본문의 `nin_block`, `NiN`, `NarrowNiN`은 `d2l.NiN`처럼 d2lmini에서 가져옵니다(본문의 「구현」 절과 같은 코드). 연습문제 3~7은 NiN의 여러 변형을 비교하므로,
# 블록마다의 $1 \times 1$ 층 수와 커널, 단계마다의 블록 수, 마지막 블록의 너비를 인자로 받는 `nin_net`도 만듭니다.
# 인자를 모두 기본값으로 두면 책의 NiN과 같은 층이 같은 순서로 만들어집니다.

# %%
import pandas as pd
import torch
from IPython.display import display
from torch import nn

import d2lmini as d2l


STAGES = ((96, 11, 4, 0), (256, 5, 1, 2), (384, 3, 1, 1))   # 단계마다 (채널, 커널, 스트라이드, 패딩)


def block(channels, kernel, stride, padding, num_1x1=2, k_mlp=1, out=None):
    """k×k 합성곱 하나 + (k_mlp×k_mlp 합성곱 + ReLU) num_1x1개. 마지막 층만 out 채널(기본: channels)."""
    out = channels if out is None else out
    layers = [nn.LazyConv2d(channels if num_1x1 else out, kernel, stride, padding), nn.ReLU()]
    for i in range(num_1x1):
        layers += [nn.LazyConv2d(out if i == num_1x1 - 1 else channels, k_mlp, padding=k_mlp // 2), nn.ReLU()]
    return nn.Sequential(*layers)


def nin_net(num_1x1=2, k_mlp=1, blocks=(1, 1, 1), width=1.0, head_width=None, num_classes=10):
    """NiN의 변형. 기본값이면 책의 NiN과 같은 층입니다.

    num_1x1: 블록마다 1×1 합성곱 수, k_mlp: 그 합성곱들의 커널(1이면 1×1), blocks: 단계마다 NiN 블록 수
    (둘째 블록부터는 3×3, 패딩 1), width: 처음 세 단계의 너비 배율, head_width: 마지막 블록의
    k×k 합성곱과 첫 1×1 합성곱의 채널 수(None이면 클래스 수, 곧 책처럼 한 단계에 클래스 수로 줄임).
    """
    layers = []
    for (channels, kernel, stride, padding), n in zip(STAGES, blocks):
        channels = max(1, round(channels * width))
        layers.append(block(channels, kernel, stride, padding, num_1x1, k_mlp))
        layers += [block(channels, 3, 1, 1, num_1x1, k_mlp) for _ in range(n - 1)]
        layers.append(nn.MaxPool2d(3, stride=2))
    layers.append(nn.Dropout(0.5))
    layers.append(block(head_width or num_classes, 3, 1, 1, num_1x1, k_mlp, out=num_classes))
    layers += [nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten()]
    return nn.Sequential(*layers)


def cost(net, size=224):
    """파라미터 수(백만 개)와 입력 1×size×size 한 장의 연산량(GFLOPs)."""
    net(torch.zeros(1, 1, size, size))   # 지연 층의 모양을 정합니다
    return {'파라미터(백만 개)': round(d2l.num_params(net) / 1e6, 3),
            'GFLOPs': round(d2l.count_flops(net, (1, 1, size, size)) / 1e9, 3)}


print('책의 NiN   :', cost(d2l.NiN().net))
print('nin_net():', cost(nin_net()))

# %% [markdown]
# 두 줄이 같으므로, 아래에서는 `nin_net`의 인자만 바꿔 가며 책의 NiN과 비교합니다.

# %% [markdown]
# ## 연습문제 1
#
# **$1 \times 1$ 합성곱을 행렬 곱 하나로.**
#
# $1 \times 1$ 합성곱의 출력은 $Y_{o,i,j} = b_o + \sum_c W_{o,c} X_{c,i,j}$입니다. 입력을 $(n, c_i, hw)$로 펼치면 이미지마다 $\mathbf{Y} = \mathbf{W}\mathbf{X} + \mathbf{b}$, 곧
# $(c_o \times c_i)$ 행렬과 $(c_i \times hw)$ 행렬의 곱이고, `@`는 배치 축에 대해 이 곱을 한꺼번에 합니다. 가중치 $(c_o, c_i, 1, 1)$은 $(c_o, c_i)$로 바꾸고,
# 편향 $\mathbf{b} \in \mathbb{R}^{c_o}$는 `b[:, None]`으로 $(c_o, 1)$ 모양을 만들어 모든 픽셀에 더합니다.

# %%
def conv1x1_matmul(X, W, b):
    n, c_i, h, w = X.shape
    c_o = W.shape[0]
    Y = W.reshape(c_o, c_i) @ X.reshape(n, c_i, h * w) + b[:, None]   # (c_o, c_i) @ (n, c_i, hw)
    return Y.reshape(n, c_o, h, w)


torch.manual_seed(0)
conv = nn.Conv2d(3, 2, kernel_size=1)
X = torch.randn(4, 3, 5, 7)
Y = conv1x1_matmul(X, conv.weight, conv.bias)
print('모양:', tuple(Y.shape), '| 최대 차이:', f'{(Y - conv(X)).abs().max().item():.1e}')

# %% [markdown]
# 두 결과의 차이는 부동소수점 오차 수준이라 같은 연산입니다. 합성곱 라이브러리도 $1 \times 1$ 합성곱은 흔히 이런 행렬 곱 하나로 계산합니다.

# %% [markdown]
# ## 연습문제 2
#
# **첫 블록이 $5 \times 5$, 스트라이드 2이면 최소 입력 크기는?**
#
# 본문의 「최소 입력 크기」처럼 뒤에서부터 따지면, 세 최대 풀링이 출력을 하나라도 내려면 첫 풀링의 입력(첫 블록의 출력)이 15 이상이어야 하는 것은 그대로입니다.
# 첫 블록의 출력은 $\lfloor (n - 5)/2 \rfloor + 1$이므로
#
# $$
# \left\lfloor \frac{n - 5}{2} \right\rfloor + 1 \ge 15 \iff \left\lfloor \frac{n - 5}{2} \right\rfloor \ge 14 \iff n - 5 \ge 28 \iff n \ge 33
# $$
#
# 입니다. 아래 셀은 33에서 층마다의 모양을 출력하고, 32에서는 오류가 나는지 확인합니다.

# %%
class NiN5x5(d2l.NiN):
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__(lr, num_classes)
        self.net[0] = d2l.nin_block(96, kernel_size=5, strides=2, padding=0)


print('33×33:')
NiN5x5().layer_summary((1, 1, 33, 33))
print('\n32×32:')
try:
    NiN5x5().layer_summary((1, 1, 32, 32))
except RuntimeError as error:
    print('\n32×32 → 오류:', str(error).splitlines()[0])

# %% [markdown]
# 33에서는 첫 블록이 $15 \times 15$를 내고 세 풀링을 지나 $1 \times 1$ 맵이 됩니다. 32에서는 첫 블록이 $14 \times 14$를 내고, 마지막 풀링에 들어가는 맵이 $2 \times 2$라 $3 \times 3$ 창을 놓을 수 없어 오류가 납니다.

# %% [markdown]
# ## 연습문제 3
#
# **$1 \times 1$ 합성곱을 하나나 셋으로.**
#
# 채널이 $c$인 블록에서 $1 \times 1$ 층 하나는 파라미터 $c^2 + c$개와 연산량 $2c^2hw$ FLOPs를 더하거나 뺍니다($hw$는 그 블록의 출력 해상도). 책의 NiN(224px)에서 블록마다 세면
#
# | 블록 | $c$ | $h \times w$ | 파라미터 $c^2 + c$ | MFLOPs $2c^2hw$ |
# |---|---|---|---|---|
# | 1 | 96 | $54 \times 54$ | 9,312 | 53.7 |
# | 2 | 256 | $26 \times 26$ | 65,792 | 88.6 |
# | 3 | 384 | $12 \times 12$ | 147,840 | 42.5 |
# | 4 | 10 | $5 \times 5$ | 110 | 0.005 |
#
# 입니다. 층 하나를 빼거나 더할 때 네 블록을 합하면 파라미터가 223,054개(책의 NiN의 약 11%), 연산량이 약 184.8 MFLOPs(약 12%) 바뀝니다.
# 파라미터는 채널이 가장 많은 블록 3에서, 연산량은 $c^2hw$가 가장 큰 블록 2에서 가장 크게 바뀝니다. 해상도가 높은 블록 1은 채널이 적어 둘 다 크지 않습니다.

# %%
variants = {f'1×1 합성곱 {m}개': cost(nin_net(num_1x1=m)) for m in (1, 2, 3)}
table = pd.DataFrame.from_dict(variants, orient='index')
table['책의 NiN 대비 파라미터'] = (table['파라미터(백만 개)'] / table.loc['1×1 합성곱 2개', '파라미터(백만 개)']).round(3)
table['책의 NiN 대비 연산량'] = (table['GFLOPs'] / table.loc['1×1 합성곱 2개', 'GFLOPs']).round(3)
table

# %% [markdown]
# 표의 차이가 위의 손 계산과 같습니다(층 하나에 파라미터 약 0.223M, 약 0.185 GFLOPs). 원 논문(Lin 등, 2013)이 $1 \times 1$ 층을 두 개 둔 것은 블록마다 은닉층이 있는 작은 MLP, 곧 "합성곱 + 2층 퍼셉트론"이 입력 패치의 비선형 함수를 배우게 하려는 것이었습니다.
# $1 \times 1$ 층을 하나로 줄이면 파라미터와 연산량이 약 11~12% 줄지만 픽셀마다의 MLP가 한 층 얕아지고, 셋으로 늘리면 같은 만큼 늘어납니다. 정확도가 어떻게 바뀌는지는 훈련해 봐야 하며, 이 풀이의 예산에서는 다루지 않습니다.

# %% [markdown]
# ## 연습문제 4
#
# **$1 \times 1$을 $3 \times 3$으로 바꾸면.**
#
# 커널이 $k \times k$인 합성곱의 가중치는 $c_i c_o k^2$개이고 연산량은 $2c_i c_o k^2 hw$이므로, 같은 채널과 해상도(패딩 1)에서 $1 \times 1$을 $3 \times 3$으로 바꾸면 그 층의 가중치와 연산량이 모두 9배가 됩니다(편향은 그대로).
# 연습문제 3의 표에서 $1 \times 1$ 층 여덟 개(블록 1~4에 둘씩)의 가중치는 모두 $2\,(96^2 + 256^2 + 384^2 + 10^2) = 444{,}616$개, 연산량은 약 370 MFLOPs입니다.
# 바꾼 뒤에는 이것이 9배가 되므로 가중치 $8 \cdot 444{,}616 = 3{,}556{,}928$개와 연산량 약 2.96 GFLOPs가 더해져, 책의 NiN(1,992,166개, 1.525 GFLOPs)이 약 555만 개, 약 4.48 GFLOPs가 됩니다.
# 파라미터는 약 2.8배, 연산량은 약 2.9배입니다.
#
# 하는 일도 달라집니다. $1 \times 1$ 층은 이웃 픽셀을 보지 않고 픽셀마다 채널만 섞으므로, 블록의 수용 영역(receptive field)은 첫 $k \times k$ 합성곱이 정하고 $1 \times 1$ 층은 그 위의 비선형 함수만 더합니다.
# $3 \times 3$ 층은 공간도 섞으므로 블록마다 수용 영역이 그 블록의 특성 맵에서 4칸씩 넓어집니다(입력 픽셀로는 앞선 스트라이드를 곱한 만큼 더 넓습니다). 첫 합성곱이 $3 \times 3$인 셋째와 넷째 블록은 $3 \times 3$ 합성곱을 세 개 쌓은 VGG 블록에서 풀링만 뺀 것이 됩니다(본문 그림 1의 VGG 블록은 두 개를 쌓습니다).
# 곧 NiN의 "픽셀마다 작은 MLP"라는 생각이 사라지고, 값은 훨씬 비싸집니다.

# %%
pd.DataFrame.from_dict({'책의 NiN (1×1)': cost(nin_net()), '3×3으로 바꿈': cost(nin_net(k_mlp=3))}, orient='index')

# %% [markdown]
# 이 노트북에 저장된 출력에서 바꾼 모델의 파라미터(백만 개)는 5.549<!-- run -->, 연산량은 4.482<!-- run --> GFLOPs로 손 계산과 맞습니다.

# %% [markdown]
# ## 연습문제 5
#
# **$384 \times 5 \times 5$를 한 단계에 $10 \times 5 \times 5$로.**
#
# 책의 NiN에서 마지막 NiN 블록은 $3 \times 3$ 합성곱 하나로 384채널을 곧바로 10채널로 줄이고, 그 뒤 두 $1 \times 1$ 층은 10채널에서 10채널로 갑니다. 문제가 될 수 있는 점은 세 가지입니다.
#
# 1. **병목.** 위치마다 $384 \cdot 3 \cdot 3 = 3{,}456$개의 값이 선형 사상 하나와 ReLU를 지나 곧바로 10개가 됩니다. 그 뒤의 층은 이 10개만 볼 수 있으므로, 3,456개에 담긴 정보가 위치마다 선형 결합 10개로 압축됩니다.
# 2. **이름뿐인 MLP.** 그 뒤의 두 $1 \times 1$ 층은 너비 10인 MLP라서 10개의 값을 다시 섞을 뿐 새 정보를 만들 여지가 거의 없습니다(파라미터 220개). NiN 블록의 핵심인 "픽셀마다의 MLP"가 마지막 블록에서는 사실상 빠집니다.
# 3. **ReLU가 정보를 지움.** 10채널 층마다 ReLU가 있으므로, 한 채널이 음수 쪽에 있으면 그 클래스의 정보가 다음 층에 전혀 전해지지 않습니다. 채널이 많은 층이라면 다른 채널이 그 정보를 나를 수 있지만, 10채널에서는 그럴 여유가 없습니다.
#
# 저자들이 공개한 NiN 모델은 이렇게 줄이지 않습니다. CIFAR-10용 모델은 마지막 단계를 $3 \times 3$ 합성곱(192채널) → $1 \times 1$(192) → $1 \times 1$(10)으로, ImageNet용 모델은 $3 \times 3$(1024) → $1 \times 1$(1024) → $1 \times 1$(1000)으로 쌓아,
# 넓은 채널에서 공간 합성곱과 MLP를 마친 뒤 **마지막 $1 \times 1$ 합성곱에서만** 클래스 수로 줄입니다. 같은 방식으로 책의 NiN에서 마지막 블록의 $3 \times 3$ 합성곱과 첫 $1 \times 1$ 층을 384채널로 두면 (`head_width=384`) 그 블록의 파라미터는
#
# $$
# (384 \cdot 384 \cdot 9 + 384) + (384 \cdot 384 + 384) + (384 \cdot 10 + 10) = 1{,}327{,}488 + 147{,}840 + 3{,}850 = 1{,}479{,}178
# $$
#
# 개로, 책의 34,790개보다 약 144만 개 많고 모델 전체로는 약 1.72배입니다. 그런데 늘어난 가중치 1,443,640개는 모두 $5 \times 5$ 위치에서 한 번씩 곱셈-덧셈을 하므로 연산량은 $2 \cdot 25 \cdot 1{,}443{,}640 \approx 72$ MFLOPs, 전체의 약 5%만 늡니다.
# 해상도가 가장 낮은 마지막 단계라서, 넓게 두어도 계산은 거의 늘지 않습니다.

# %%
pd.DataFrame.from_dict({'한 단계 (책의 NiN)': cost(nin_net()), '넓게 유지 뒤 1×1로 (head_width=384)': cost(nin_net(head_width=384))},
                       orient='index')

# %% [markdown]
# 본문의 「마지막 ReLU와 죽은 클래스 채널」은 `cpu` 설정(67px, He 초기화)에서 셌습니다. 같은 셈을 책의 설정(224px, 책의 Xavier 초기화 `d2l.init_cnn`, 편향은 PyTorch 기본값)에서도 하고,
# 한 단계로 줄이는 것이 죽은 채널의 원인인지 보려고 `head_width=384` 모델과 나란히 셉니다. 224px 순전파가 무거우므로 검증 이미지 16장, 시드 다섯 개만 씁니다.

# %%
X224 = next(iter(d2l.FashionMNIST(batch_size=16, resize=(224, 224)).val_dataloader()))[0]


def dead_channels(head_width, seeds=range(5)):
    """시드마다, 모든 이미지에서 로짓(마지막 ReLU 뒤)이 0인 클래스 채널의 수."""
    counts = []
    for seed in seeds:
        torch.manual_seed(seed)
        model = d2l.Classifier()
        model.net = nin_net(head_width=head_width)
        model.apply_init([X224[:2]], d2l.init_cnn)
        with torch.no_grad():
            counts.append(int(((model.eval()(X224) > 0).sum(dim=0) == 0).sum()))
    return counts


print('한 단계 (책의 NiN)       :', dead_channels(None))
print('넓게 유지 (head_width=384):', dead_channels(384))

# %% [markdown]
# 책의 설정에서도 훈련 전에 시드마다 클래스 채널 3~5개<!-- run -->가 모든 이미지에서 0입니다(출력의 첫 줄). 224px에서는 클래스 맵이 $5 \times 5$라 25개 위치가 모두 음수여야 채널이 죽지만,
# Xavier 초기화와 기본 편향에서는 마지막 층의 출력이 입력과 거의 상관없는 상수라(본문 「초기화에 따른 신호의 크기」) 그 상수가 음수인 채널은 위치와 이미지를 가리지 않고 죽습니다.
# 넓게 유지한 모델에서도 시드마다 5~7개<!-- run -->로 오히려 조금 더 많은 채널이 죽으므로, 죽은 채널은 한 단계로 줄인 탓이라기보다 **클래스 점수 앞의 마지막 ReLU** 탓입니다. 본문의 `NarrowNiN`처럼 마지막 ReLU를 빼는 것이 이 문제의 직접적인 해법이고,
# 넓게 유지하는 설계는 위의 1, 2번(병목과 이름뿐인 MLP)을 푸는 방법입니다. 정확도에 주는 차이는 훈련해 봐야 알 수 있으며 이 풀이의 예산에서는 다루지 않습니다.

# %% [markdown]
# ## 연습문제 6
#
# **훈련할 때와 예측할 때의 메모리.**
#
# float32 값 하나는 4바이트입니다. 책의 NiN($224 \times 224$, 배치 크기 128)을 훈련하는 동안 메모리에 있어야 하는 것은 다음과 같습니다.
#
# * **파라미터**: 1,992,166개 × 4바이트 ≈ 7.6MiB.
# * **기울기**: 파라미터마다 하나, 또 약 7.6MiB.
# * **옵티마이저 상태**: 책의 SGD(모멘텀 없음)는 0, 모멘텀 SGD는 파라미터만큼(7.6MiB), AdamW는 두 배(15.2MiB).
# * **역전파를 위해 저장하는 값**: 합성곱은 입력을, ReLU는 출력을, 최대 풀링은 입력과 최댓값의 위치를 역전파 때까지 들고 있습니다. 층의 출력 크기를 더해 보면 이미지 한 장에 수백만 개의 값입니다(첫 블록의 출력 하나만 $96 \cdot 54 \cdot 54 = 279{,}936$개). 이것이 배치 크기만큼 곱해집니다.
#
# 예측할 때는 기울기와 옵티마이저 상태가 필요 없고, 층의 출력도 다음 층이 쓰고 나면 버릴 수 있으므로 한 번에 층 하나의 입력과 출력만 있으면 됩니다.
# 아래 셀은 역전파를 위해 저장되는 텐서를 PyTorch의 `torch.autograd.graph.saved_tensors_hooks`로 직접 모아 크기를 더합니다(파라미터는 따로 셉니다). 계산을 가볍게 하려고 배치 8로 재고 128로 늘려 계산합니다.

# %%
net = d2l.NiN()
net.apply_init([torch.zeros(1, 1, 224, 224)])
param_ptrs = {p.data_ptr() for p in net.parameters()}
saved = {}


def pack(tensor):   # 역전파용으로 저장되는 텐서마다 불립니다 (같은 텐서는 한 번만 셈)
    if tensor.data_ptr() not in param_ptrs:
        saved[(tensor.data_ptr(), tuple(tensor.shape), tensor.dtype)] = tensor.numel() * tensor.element_size()
    return tensor


batch, MiB = 8, 2 ** 20
with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
    net.train()(torch.zeros(batch, 1, 224, 224)).sum()
per_image = sum(saved.values()) / batch
outputs = []
hooks = [m.register_forward_hook(lambda m, i, o: outputs.append(o[0].numel()))
         for m in net.net.modules() if not list(m.children())]
with torch.no_grad():
    net.eval()(torch.zeros(1, 1, 224, 224))
for h in hooks:
    h.remove()
peak = max(a + b for a, b in zip([224 * 224] + outputs, outputs)) * 4   # 층 하나의 입력 + 출력 (바이트)
params = d2l.num_params(net) * 4
pd.DataFrame({'훈련 (AdamW), MiB': [params / MiB, params / MiB, 2 * params / MiB, 128 * per_image / MiB],
              '예측, MiB': [params / MiB, 0, 0, 128 * peak / MiB]},
             index=['파라미터', '기울기', '옵티마이저 상태', '층의 출력 (배치 128)']).round(1)

# %% [markdown]
# 이 노트북에 저장된 출력에서 훈련할 때 역전파를 위해 저장하는 층의 출력은 배치 128에 약 940MiB<!-- run 937.2 -->로, 파라미터와 기울기와 AdamW의 상태를 다 더한 약 30MiB보다 30배쯤 큽니다.
# 예측할 때는 가장 큰 층 하나의 입력과 출력(첫 블록의 $96 \times 54 \times 54$ 두 개)만 있으면 되므로 배치 128에 약 270MiB<!-- run 273.4 -->입니다.
# 파라미터가 적은 NiN도 해상도가 높은 앞쪽 층의 출력 때문에 훈련 메모리가 큽니다. 파라미터 수는 모델 파일의 크기를, 층의 출력 크기와 배치 크기는 훈련 메모리를 정합니다.

# %% [markdown]
# ## 연습문제 7
#
# **VGG처럼 NiN의 집합 만들기.**
#
# VGG는 같은 블록을 반복하고, 숫자 목록(`arch`) 하나로 단계마다 층 수를 정해 VGG-11, 13, 16, 19를 만들었습니다. 이름의 숫자는 가중치가 있는 층의 수입니다.
# NiN에서 같은 일을 하려면 세 단계(96, 256, 384채널)마다 NiN 블록을 몇 개 둘지 정하는 `blocks` 목록을 쓰면 됩니다. 단계의 첫 블록은 책과 같고, 더하는 블록은 해상도를 유지하는 $3 \times 3$(패딩 1) 블록입니다.
# NiN 블록 하나에는 가중치가 있는 층이 세 개이므로, 블록이 $b$개(마지막 블록 포함)인 모델은 $3b$층입니다. 책의 NiN은 블록 4개, 곧 **NiN-12**입니다.
# VGG가 해상도가 낮은 뒤쪽 단계에 층을 더 많이 더했듯이, 둘째와 셋째 단계에 블록을 더해 NiN-18(`blocks=(1, 2, 2)`)과 NiN-24(`(1, 3, 3)`)를 만들어 봅니다.

# %%
family = {'NiN-12 (책)': (1, 1, 1), 'NiN-18': (1, 2, 2), 'NiN-24': (1, 3, 3)}
pd.DataFrame.from_dict({name: {'blocks': blocks, '층 수': 3 * (sum(blocks) + 1), **cost(nin_net(blocks=blocks))}
                        for name, blocks in family.items()}, orient='index')

# %% [markdown]
# 더하는 블록은 같은 단계의 채널 수를 유지하므로, 둘째 단계($256$채널, $26 \times 26$)의 블록 하나가 파라미터 약 72만 개와 연산량 약 0.97 GFLOPs를,
# 셋째 단계($384$채널, $12 \times 12$)의 블록 하나가 파라미터 약 162만 개와 약 0.47 GFLOPs를 더합니다. 표에서 보듯 NiN-24는 NiN-12의 파라미터 약 3.4배, 연산량 약 2.9배입니다.
# 다만 이 집합을 실제로 쓰려면 한 가지가 더 필요합니다. 본문의 「초기화에 따른 신호의 크기」에서 보았듯 배치 정규화 없이 ReLU 층을 쌓을수록 Xavier 초기화의 신호는 층마다 줄어들므로, 깊은 변형일수록 He 초기화나 06 배치 정규화 노트북의 배치 정규화가 필요합니다.
# VGG도 깊은 구성(VGG-16, 19)을 훈련할 때 얕은 구성(VGG-11)의 가중치로 앞 층을 초기화하는 방법을 썼습니다(Simonyan과 Zisserman, 2014).

# %% [markdown]
# ## 연습문제 8
#
# **죽어 있던 클래스 채널은 훈련하면 되살아날까?**
#
# **예산.** 모델과 레시피는 본문의 `cpu` 설정(`NarrowNiN`, 67px, 배치 크기 128, `d2l.CPU_RECIPE`, 최고 학습률 0.002) 그대로이고, 데이터와 에폭만 줄여 훈련 이미지 15,000장(4분의 1)으로 2에폭씩 훈련합니다. 검증 데이터도 4분의 1(2,500장, 클래스마다 250장)만 쓰므로 클래스별 정확도는 0.004 단위로 움직입니다.
# 원사이클 스케줄도 이 2에폭에 맞춰 줄어듭니다. 이 예산은 `book` 프로필에서도 같고, `smoke` 프로필에서만 라이브러리가 줄인 작은 데이터로 1에폭 돕니다. 연습문제 9와 10도 같은 예산입니다. 첫 훈련 셀이 출력하는 `[d2lmini]` 줄은 본문 훈련 셀의 것과 같은 안내입니다.
#
# 본문의 표에서 시드 0은 죽은 채널이 가장 많았습니다(6개). 본문과 같은 순서(시드, 모델 생성, 마지막 ReLU 되돌리기, 검증 이미지 256장으로 He 초기화)로 모델을 만들고, 훈련 전과 후의 죽은 채널을 셉니다.
# 같은 시드로 만들고 마지막 ReLU를 뺀 `NarrowNiN`(본문의 `cpu` 모델)도 같은 예산으로 훈련해 클래스별 정확도를 나란히 놓습니다.

# %%
budget = d2l.profile_settings(book=dict(max_epochs=2, fraction=0.25), cpu=dict(max_epochs=2, fraction=0.25),
                              smoke=dict(max_epochs=1, fraction=None))
X_check = next(iter(d2l.FashionMNIST(batch_size=256, resize=(67, 67)).val_dataloader()))[0]
data = d2l.FashionMNIST(batch_size=128, resize=(67, 67), fraction=budget.fraction)
names = data.text_labels(range(10))


def dead_classes(net):
    with torch.no_grad():
        alive = (net.eval()(X_check) > 0).float().mean(dim=0)
    return [names[k] for k in range(10) if alive[k] == 0]


def short_run(init, recipe=d2l.CPU_RECIPE, lr=0.002, last_relu=False, seed=0, show=None):
    """본문의 순서로 NarrowNiN을 만들고 줄인 예산(budget)으로 훈련합니다. 훈련한 모델을 돌려줍니다."""
    torch.manual_seed(seed)
    net = d2l.NarrowNiN(width=0.25, lr=lr)
    if last_relu:
        net.net[7][-1] = nn.ReLU()   # 책의 NiN처럼 마지막 ReLU를 되돌려 놓습니다
    net.apply_init([X_check], init)
    if show:
        print(f'{show} 훈련 전 죽은 클래스 채널:', dead_classes(net))
    net.plot_train_per_epoch = 20
    recipe.apply(net, data)
    net.history = d2l.Trainer(max_epochs=budget.max_epochs, num_gpus=1, seed=0).fit(net, data).to_frame()
    if show:
        print(f'{show} 훈련 뒤 죽은 클래스 채널:', dead_classes(net))
    return net


with_relu = short_run(d2l.init_he, last_relu=True, show='마지막 ReLU 있음:')

# %%
without_relu = short_run(d2l.init_he, show='마지막 ReLU 없음:')


def per_class(net):
    return d2l.classification_report(net, data, show=False).per_class_table['정확도']


pd.DataFrame({'마지막 ReLU 있음': per_class(with_relu), '마지막 ReLU 없음 (NarrowNiN)': per_class(without_relu)}).round(3)

# %% [markdown]
# 이 노트북에 저장된 실행에서 시드 0의 죽은 채널 여섯 개(pullover, dress, sandal, shirt, bag, ankle boot)는 2에폭(236<!-- run -->스텝) 뒤 모두 되살아났습니다.
# 죽은 채널의 마지막 $1 \times 1$ 합성곱은 기울기를 받지 못하지만, 그 입력인 앞 층의 출력은 다른 클래스를 위해 계속 바뀝니다. 그러다 어떤 이미지에서 그 채널이 양수 쪽으로 넘어오면 다시 기울기를 받습니다.
# 이 시드와 예산에서는 그 일이 2에폭 안에 일어났고, 클래스별 정확도도 두 모델이 비슷합니다. shirt가 두 모델 모두 낮은 것(마지막 ReLU가 없는 쪽은 0.000<!-- run -->)은 짧은 훈련에서 가장 어려운 클래스를 아직 배우지 못한 것이지 죽은 채널 탓이 아닙니다(본문의 8에폭 실행에서는 shirt도 0.7을 넘습니다).
# 그러니 마지막 ReLU는 "늘 클래스를 죽인다"가 아니라 "죽을 위험을 만든다"고 말해야 정확합니다. 되살아나는 것은 운에 달려 있으므로, 로짓 앞의 ReLU를 빼서 위험 자체를 없애는 편이 안전합니다.

# %% [markdown]
# ## 연습문제 9
#
# **레시피는 그대로, 초기화만 책의 Xavier로.**
#
# 본문의 「초기화에 따른 신호의 크기」 절은 책 크기의 NiN에서 Xavier 초기화일 때 마지막 층 출력의 표준편차가 He의 약 480분의 1이라고 계산했습니다. 이 연습문제의 `NarrowNiN`(너비 0.25)에 같은 식을 쓰면, 첫 층이 1→24채널이라 첫 층의 비가 $\frac{121}{121 + 24 \cdot 121} = \frac{1}{25}$이고 12층을 모두 곱하면 분산이 약 1.5e-5배, 표준편차가 약 250분의 1입니다.
# 어느 쪽이든 출력은 편향이 만든 상수에 가깝고, 기울기도 작습니다.
#
# SGD라면 걸음이 기울기에 비례하므로 오래 머물겠지만, AdamW는 파라미터마다 기울기를 그 제곱의 이동 평균의 제곱근 $\sqrt{\hat v}$로 나누므로 기울기의 크기가 걸음의 크기를 거의 정하지 않습니다.
# 그래서 AdamW에서는 Xavier 쪽도 $\ln 10$ 선을 비교적 빨리 벗어날 것이라고 예상할 수 있습니다. 연습문제 8과 같은 예산으로 Xavier 쪽만 새로 훈련하고, He 쪽은 연습문제 8의 마지막 ReLU가 없는 실행(같은 시드, 같은 설정)을 그대로 씁니다.

# %%
print('Xavier (d2l.init_cnn), CPU_RECIPE(AdamW):')
xavier = short_run(d2l.init_cnn)


def compare(runs):
    return pd.concat({name: net.history[['train_loss', 'val_loss', 'val_acc']] for name, net in runs.items()}, axis=1).round(4)


compare({'He (d2l.init_he)': without_relu, 'Xavier (d2l.init_cnn)': xavier})

# %% [markdown]
# 예상대로 AdamW에서는 Xavier 쪽도 첫 에폭 안에 $\ln 10$ 선을 벗어납니다(그래프에서 처음 약 0.3에폭은 두 초기화 모두 2.3 근처인데, 워밍업으로 학습률이 아직 작은 구간입니다).
# 하지만 벗어난 뒤에는 He 쪽보다 느려, 이 노트북에 저장된 실행에서 2에폭 뒤 검증 정확도가 He 약 0.77<!-- run 0.7676 --> 대 Xavier 약 0.60<!-- run 0.5992 -->입니다.
# AdamW가 기울기의 크기를 나누어 없애도, 편향에 묻힌 작은 신호(본문 「초기화에 따른 신호의 크기」 절 둘째 표의 'Xavier, 기본 편향 (책)' 줄) 때문에 기울기의 **방향**이 입력을 덜 반영하는 시간은 남는다고 볼 수 있습니다.

# %% [markdown]
# ## 연습문제 10
#
# **책의 SGD(고정 학습률 0.1)로 두 초기화를 비교하면.**
#
# 이번에는 레시피를 책의 `d2l.BOOK_RECIPE`(SGD, 고정 학습률, 다른 재료 없음)로 바꾸고 학습률을 본문 160스텝 비교와 같은 0.1로 둡니다. 예산은 연습문제 8과 같습니다.
# SGD의 걸음은 기울기에 그대로 비례하므로, 첫 층의 기울기가 수백 배 작은 Xavier 쪽은 걸음도 그만큼 작아 $\ln 10$ 선에 오래 머물 것이라고 예상할 수 있습니다.

# %%
print('He (d2l.init_he), BOOK_RECIPE(SGD 0.1):')
sgd_runs = {'He, SGD 0.1': short_run(d2l.init_he, d2l.BOOK_RECIPE, lr=0.1)}

# %%
print('Xavier (d2l.init_cnn), BOOK_RECIPE(SGD 0.1):')
sgd_runs['Xavier, SGD 0.1'] = short_run(d2l.init_cnn, d2l.BOOK_RECIPE, lr=0.1)
compare(sgd_runs)

# %% [markdown]
# 이 노트북에 저장된 실행에서 Xavier 쪽은 두 에폭 내내 $\ln 10$ 선에 머물러(마지막 에폭 훈련 손실 약 2.303<!-- run 2.3031 -->), 검증 정확도가 0.1<!-- run -->, 곧 무작위 추측 수준입니다.
# He 쪽은 첫 에폭 동안 천천히 내려가다 둘째 에폭에 조금 더 빨리 내려가지만 AdamW보다 훨씬 느려, 2에폭 뒤 검증 정확도가 약 0.33<!-- run 0.3340 -->입니다.
#
# 연습문제 9와 나란히 보면 초기화의 영향은 SGD에서 훨씬 큽니다. SGD의 걸음은 기울기에 비례하므로 본문 160스텝 비교의 첫 층 기울기 차이(수백 배)가 그대로 걸음의 차이가 되고, AdamW는 그 차이를 대부분 나누어 없앱니다.
#
# 그 기울기가 작은 까닭은 본문 「초기화에 따른 신호의 크기」 절의 두 표에 있습니다. 첫 표의 누적 배율대로 Xavier 쪽의 신호는 층마다 줄어들고(연습문제 9에서 계산한 대로 이 `NarrowNiN`에서도 표준편차가 약 250분의 1), 둘째 표의 'Xavier, 기본 편향 (책)' 줄처럼 편향이 만든 상수에 묻힙니다.
# 로짓이 입력을 거의 따라 움직이지 않으니 손실은 $\ln 10$에 머물고, 역전파 신호도 같은 작은 가중치들을 거꾸로 지나며 줄어듭니다. SGD는 이 작은 기울기를 그대로 걸음으로 쓰므로 두 에폭 동안 무작위 추측 수준을 벗어나지 못합니다.
#
# 책의 NiN 그래프에서 훈련 초반에 손실이 한동안 2.3 근처에 머무는 것도 Xavier 초기화와 SGD가 겹친 결과로 읽을 수 있습니다. 06 배치 정규화 노트북은 층마다 출력을 정규화해 이 의존성 자체를 줄입니다.

# %% [markdown]
# ## 연습문제 11
#
# **전역 평균 풀링을 완전 연결 층으로 바꾸면.**
#
# 무엇으로 바꾸느냐에 따라 답이 다르므로 두 경우로 나눕니다. 숫자는 책의 NiN($224 \times 224$, 클래스 10개)에서 공식으로 센 값입니다.
#
# **1. 마지막 블록의 $10 \times 5 \times 5$를 펼쳐 `nn.LazyLinear(10)` 하나에 넣는 경우.**
#
# * **파라미터**: $250 \cdot 10 + 10 = 2{,}510$개가 늘 뿐이라 모델 전체(1,992,166개)의 0.2%도 되지 않습니다.
# * **속도**: 이 층의 연산량은 $2 \cdot 250 \cdot 10 = 5{,}000$ FLOPs로, 한 장에 1.525 GFLOPs인 모델에서는 없는 것과 같습니다.
# * **입력 크기**: 이 층은 꼭 250개의 입력을 받아야 하므로 마지막 맵이 $5 \times 5$인 입력, 곧 195~226px만 받습니다. 본문의 「최소 입력 크기」처럼 출력 크기 식을 거꾸로 풀면 이 범위가 나옵니다.
# * **위치**: 전역 평균 풀링은 25개 위치를 똑같이 대하지만, 이 층은 위치마다 다른 가중치를 배웁니다. 물체가 조금 옮겨 가면 점수도 달라질 수 있어 평균이 주던 이동 불변성이 약해지고, 클래스 맵을 "이 위치가 그 클래스처럼 보이는 정도"로 읽을 수도 없습니다.
#
# `cpu` 설정의 67px에서는 마지막 맵이 $1 \times 1$이라 이 층은 10개를 10개로 섞는 110개짜리 층이 되고, 두 헤드의 차이는 거의 사라집니다.
#
# **2. 본문 모양 확인 절의 VGG 식 헤드(4096 → 4096 → 10)를 붙이는 경우.**
#
# * **파라미터**: 본문에서 센 대로 56,147,978개로, NiN 헤드의 약 1,600배이고 NiN 전체의 약 28배입니다.
# * **속도**: 연산량은 $2\,(9600 \cdot 4096 + 4096 \cdot 4096 + 4096 \cdot 10) \approx 112$ MFLOPs로 모델 전체의 약 7%만 늘지만, 훈련하는 동안에는 파라미터마다 기울기와 AdamW의 상태 두 개가 따라붙습니다. 파라미터, 기울기, 상태를 합치면 $56{,}147{,}978 \cdot 4 \cdot 4$바이트 $\approx 857$MiB로, 연습문제 6에서 NiN 전체가 쓴 약 30MiB의 수십 배입니다. 옵티마이저가 스텝마다 갱신할 값도 그만큼 많아집니다.
# * **입력 크기**: 펼친 길이 9600이 입력 크기에 묶이므로 1번과 같은 제약이 생깁니다.
#
# **정확도**는 계산으로 알 수 없고, 이 풀이에서는 훈련하지 않았습니다. 원 논문(Lin 등, 2013)은 CIFAR-10에서 다른 부분은 그대로 두고 전역 평균 풀링만 완전 연결 층으로 바꿔 보았는데, 드롭아웃을 더한 완전 연결 층도 전역 평균 풀링보다 테스트 오차가 높았습니다.
# 그래서 저자들은 전역 평균 풀링을 과대적합을 막는 구조적 규제(structural regularizer)라고 불렀습니다. 직접 확인하려면 본문 훈련 셀에서 모델을 만든 뒤 `model.net[-2] = nn.Flatten()`, `model.net[-1] = nn.LazyLinear(10)`으로 헤드를 바꾸고, 같은 레시피와 예산으로 훈련해 검증 정확도와 에폭마다의 시간을 비교하세요. 67px에서는 맵이 $1 \times 1$이라 차이가 거의 없으므로, 맵이 $3 \times 3$이 되는 `resize=(131, 131)`처럼 더 큰 입력에서 두 헤드를 비교해야 합니다.
