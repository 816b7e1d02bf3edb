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
# # 다중 분기 네트워크 GoogLeNet
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/05_googlenet.ipynb)
#
# 크기가 다른 합성곱 여러 개를 나란히 돌리는 인셉션 블록과 그 비용을 줄이는 $1 \times 1$ 병목을 살펴보고, GoogLeNet을 조립해 Fashion-MNIST로 훈련합니다.

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
# 1. 인셉션 블록(Inception block)의 네 분기(branch)가 같은 입력에서 각각 무엇을 계산하는지, 네 출력이 왜 채널(channel) 방향으로 이어 붙을 수 있는지 설명하고 출력 모양을 식으로 계산할 수 있습니다.
# 2. $1 \times 1$ 합성곱(convolution)으로 만든 병목(bottleneck)이 파라미터(parameter) 수와 연산량(FLOPs)을 얼마나 줄이는지, 그리고 병목이 언제 오히려 손해인지 식으로 세울 수 있습니다.
# 3. 그 식으로 이 노트북의 인셉션 블록 아홉 개를 실제로 계산해 "파라미터를 절반 이상 줄인다"는 말이 맞는지 확인할 수 있습니다.
# 4. `d2l.add_to_class`로 나누어 쓴 GoogLeNet의 스템·바디·헤드와 다섯 단계 `b1`…`b5`를 읽고, 입력 해상도(resolution)가 단계마다 어떻게 줄어드는지 따라갈 수 있습니다.
# 5. CPU에 맞게 너비를 줄인 GoogLeNet을 02~09 노트북이 함께 쓰는 훈련 레시피로 훈련하고 결과를 읽을 수 있습니다.

# %% [markdown]
# ## 개념
#
# ### 커널 크기를 고르지 않는다
#
# 지금까지 본 LeNet, AlexNet, VGG, NiN은 층(layer)마다 커널(kernel) 크기를 하나씩 골랐습니다(AlexNet처럼 층마다 다른 크기를 고르더라도 한 층에는 하나). $1 \times 1$, $3 \times 3$, $5 \times 5$ 가운데 어느 것이 좋을까요? GoogLeNet(Szegedy 등, 2015, ILSVRC 2014 우승)은 이 물음에 답하지 않고 **모두 나란히** 계산합니다. 같은 입력을 크기가 다른 여러 커널로 동시에 보고, 어느 쪽을 얼마나 쓸지는 훈련(training)이 가중치(weight)로 정하게 합니다. 이렇게 여러 갈래로 나뉘었다가 다시 합쳐지는 블록을 **인셉션 블록**이라 부르고, 인셉션 블록을 쌓은 망을 다중 분기 네트워크라 부릅니다. 인셉션이라는 이름은 영화 〈인셉션〉의 대사에서 나온 인터넷 밈 "we need to go deeper"에서 왔습니다.
#
# ### 인셉션 블록의 네 분기
#
# 입력 $\mathbf{X} \in \mathbb{R}^{c_i \times h \times w}$ 하나가 네 분기로 들어갑니다. 코드의 `Inception(c1, c2, c3, c4)`에서 `c2`, `c3`는 (줄인 채널 수, 출력 채널(output channel) 수) 쌍입니다.
#
# | 분기 | 계산 | 출력 채널 |
# |---|---|---|
# | 1 | $1 \times 1$ 합성곱 | `c1` |
# | 2 | $1 \times 1$ 합성곱(`c2[0]` 채널로 축소) → $3 \times 3$ 합성곱, 패딩(padding) 1 | `c2[1]` |
# | 3 | $1 \times 1$ 합성곱(`c3[0]` 채널로 축소) → $5 \times 5$ 합성곱, 패딩 2 | `c3[1]` |
# | 4 | $3 \times 3$ 최대 풀링(max pooling), 스트라이드(stride) 1, 패딩 1 → $1 \times 1$ 합성곱 | `c4` |
#
# 합성곱마다 뒤에 ReLU가 붙습니다. 분기 1은 픽셀마다 채널을 섞기만 하고, 분기 2·3은 각각 $3 \times 3$, $5 \times 5$ 이웃을 보며, 분기 4는 $3 \times 3$ 이웃에서 가장 큰 값을 고른 뒤 채널을 섞습니다. 한 블록 안에 수용 영역(receptive field)이 다른 특성(feature)이 함께 생기는 셈입니다. 네 분기를 그린 그림은 「구현」 절의 그림 1입니다.
#
# **네 출력이 이어 붙을 수 있는 이유.** 합성곱·풀링(pooling)의 출력 높이는
#
# $$n_h' = \left\lfloor \frac{n_h - k_h + 2p_h}{s_h} \right\rfloor + 1$$
#
# 입니다. PyTorch의 `padding=p`는 위와 아래에 **각각** $p$줄을 덧붙이므로 분자에 $2p_h$가 들어갑니다(너비도 같음). 네 분기는 모두 스트라이드 $s = 1$이고 패딩이 $p = (k-1)/2$이므로
#
# $$\left\lfloor \frac{n - k + (k - 1)}{1} \right\rfloor + 1 = n$$
#
# 이 되어 높이와 너비가 그대로입니다. 모양이 $h \times w$로 같으니 채널 축으로 이어 붙일 수 있습니다(`torch.cat(..., dim=1)`).
#
# $$\mathbf{Y} = \big[\, \mathbf{B}_1 \,;\, \mathbf{B}_2 \,;\, \mathbf{B}_3 \,;\, \mathbf{B}_4 \,\big] \in \mathbb{R}^{(c_1 + c_2[1] + c_3[1] + c_4) \times h \times w}$$
#
# ### $1 \times 1$ 병목: 비싼 합성곱 앞에서 채널을 줄인다
#
# 입력 채널(input channel) $c_i$, 출력 채널 $c_o$, 커널 $k \times k$인 합성곱 층(convolutional layer)의 파라미터 수와, $h \times w$ 출력을 만드는 데 드는 연산량은
#
# $$P = c_i c_o k^2 + c_o, \qquad \text{FLOPs} = 2\, c_i c_o k^2 \, h w$$
#
# 입니다. 연산량은 부동소수점 연산의 수로, 곱셈 하나나 덧셈 하나를 1로 세므로 곱셈-덧셈 한 쌍이 2 FLOPs입니다(식에서는 편향(bias) 덧셈을 뺐습니다). 이 시리즈의 `d2l.count_flops`는 이미지 한 장의 순전파 한 번을 셉니다.
#
# $k \times k$ 합성곱을 입력에 **바로** 적용하면 가중치가 $c_i c_o k^2$개입니다. 그 앞에 $1 \times 1$ 합성곱으로 채널을 $r$개로 줄여 두면(병목) 가중치는 $c_i r + r c_o k^2$개가 되고, 둘의 비는
#
# $$\frac{c_i r + r c_o k^2}{c_i c_o k^2} = \frac{r}{c_o k^2} + \frac{r}{c_i} = \frac{r}{r^*}, \qquad r^* = \frac{c_i\, c_o k^2}{c_i + c_o k^2} = \frac{1}{1/c_i + 1/(c_o k^2)}$$
#
# 입니다. 비가 $r$에 정비례하므로 **병목은 $r < r^*$일 때만 가중치를 줄이고**, $r = r^*$이면 본전, $r > r^*$이면 오히려 늘립니다. $r^*$는 $c_i$와 $c_o k^2$의 조화평균의 절반이라 둘 가운데 작은 쪽보다도 작습니다. 흔히 "줄인 채널 수가 출력 채널 수보다 작으면 이득"이라고 생각하기 쉽지만 기준은 $c_o$가 아니라 $r^*$입니다.
#
# 첫 인셉션 블록(3a, $c_i = 192$)에서 계산해 봅니다.
#
# * $5 \times 5$ 분기($c_o = 32$, $k = 5$, $c_o k^2 = 800$): $r^* = \frac{192 \cdot 800}{192 + 800} \approx 155$. 실제 $r = 16$이므로 비는 $\frac{16}{155} \approx 0.10$, 곧 가중치가 약 $1/10$로 줄어듭니다. 같은 값을 앞의 두 항으로 쓰면 $\frac{16}{800} + \frac{16}{192} = 0.02 + 0.083 \approx 0.10$입니다.
# * $3 \times 3$ 분기($c_o = 128$, $k = 3$, $c_o k^2 = 1152$): $r^* = \frac{192 \cdot 1152}{192 + 1152} \approx 165$. 실제 $r = 96$이라 비는 $\frac{96}{165} \approx 0.58$로 덜 줄어듭니다.
#
# 두 분기 모두 출력 채널($32$, $128$)보다 큰 $r \approx 155$, $165$까지는 병목이 이득입니다($5 \times 5$ 분기에서는 출력 채널의 약 5배). 한 블록 안의 합성곱은 모두 같은 $h \times w$에서 계산하므로 **연산량의 비도 가중치 수의 비와 같습니다**.
#
# $1 \times 1$ 합성곱은 NiN에서 본 대로 픽셀마다 채널에 적용하는 완전 연결 층(fully connected layer)입니다. 여기서는 그 성질을 "채널 수를 자유롭게 바꾸는 값싼 층"으로 씁니다. 대가도 있습니다. $r$이 너무 작으면 정보가 좁은 통로를 지나며 잘려 나갈 수 있습니다. 그래서 병목의 너비 $r$도 설계자가 고르는 하이퍼파라미터(hyperparameter)입니다.
#
# 분기 4의 $1 \times 1$ 합성곱은 줄이는 역할과 조금 다릅니다. 최대 풀링은 채널 수를 바꾸지 못하므로, 이 합성곱이 없으면 분기 4가 입력 채널 $c_i$개를 모두 내보내고 블록을 지날 때마다 출력 채널이 $c_i$만큼씩 불어납니다. $1 \times 1$ 합성곱이 이 분기의 출력을 `c4` 채널로 **투영**해 블록의 출력 너비를 설계자가 정하게 합니다.
#
# ### GoogLeNet 전체 구조
#
# 책에 따르면 GoogLeNet은 합성곱 신경망을 세 부분으로 뚜렷이 나눈 첫 망이라 할 만하고, 핵심 기여는 여러 분기를 이어 붙인 바디의 설계입니다. **스템**(stem)은 이미지를 처음 받아 합성곱 두세 개로 해상도를 줄이고 저수준 특성을 뽑습니다. **바디**(body)는 합성곱 블록을 쌓아 특성을 가공하고, **헤드**(head)는 그 특성을 클래스 점수로 바꿉니다. 이 나눔은 이후의 모델들이 그대로 따르는 설계 방식이 되었습니다. GoogLeNet에서는 `b1`, `b2`가 스템, 인셉션 블록 아홉 개가 든 `b3`~`b5`가 바디, NiN에서 온 전역 평균 풀링(global average pooling)과 완전 연결 층 하나가 헤드입니다(코드에서는 전역 평균 풀링을 `b5`의 끝에 두므로 아래 표에서도 `b5`의 줄에 적었습니다). 책의 입력 $96 \times 96$ 흑백 이미지에서 각 단계의 출력은 다음과 같습니다(최대 풀링은 모두 $3 \times 3$, 패딩 1).
#
# | 부분 | 단계 | 구성 | 출력 모양 |
# |---|---|---|---|
# | 스템 | `b1` | $7 \times 7$ 합성곱 64, 스트라이드 2, 패딩 3 → ReLU → 최대 풀링, 스트라이드 2 | $64 \times 24 \times 24$ |
# | 스템 | `b2` | $1 \times 1$ 합성곱 64 → $3 \times 3$ 합성곱 192 → 최대 풀링, 스트라이드 2 | $192 \times 12 \times 12$ |
# | 바디 | `b3` | 인셉션 블록 2개(출력 256, 480채널) → 최대 풀링, 스트라이드 2 | $480 \times 6 \times 6$ |
# | 바디 | `b4` | 인셉션 블록 5개(512, 512, 512, 528, 832) → 최대 풀링, 스트라이드 2 | $832 \times 3 \times 3$ |
# | 바디 | `b5` | 인셉션 블록 2개(832, 1024) → 전역 평균 풀링 → 펼치기 | $1024$ |
# | 헤드 | | 완전 연결 층 | $10$ |
#
# 이 표를 단계 단위로 그린 그림은 「모양 확인」 절의 그림 2입니다.
#
# **채널 수는 어떻게 나눴을까.** 책은 블록마다 네 분기의 출력 채널 비를 읽어 냅니다. 첫 블록(3a)은 $64 + 128 + 32 + 32 = 256$으로 비가 $2:4:1:1$이고, 분기 2·3의 축소 채널은 입력 192채널의 $1/2$과 $1/12$인 96과 16입니다. 둘째 블록(3b)은 $128 + 192 + 96 + 64 = 480$으로 비가 $4:6:3:2$이고, 축소 채널은 입력 256채널의 $1/2$과 $1/8$인 128과 32입니다. `b4`와 `b5`에서도 $3 \times 3$ 분기가 가장 많은 채널을 받고(5b에서만 $1 \times 1$ 분기와 같은 384), 그다음이 $1 \times 1$ 분기이며, $5 \times 5$ 분기와 풀링 분기는 가장 적은 48~128채널을 받습니다. 축소 비율은 블록마다 조금씩 다릅니다. 이 값들이 병목의 비용을 얼마나 줄이는지는 아래 「확인: $1 \times 1$ 병목은 파라미터를 절반 이상 줄이는가?」 절에서 셉니다.
#
# 해상도가 줄어드는 곳은 스트라이드 2인 층 다섯 곳뿐입니다. `b1`의 합성곱(커널 7, 패딩 3)은 $\lfloor (n - 7 + 2 \cdot 3)/2 \rfloor + 1 = \lfloor (n-1)/2 \rfloor + 1 = \lceil n/2 \rceil$(96이면 48)이고, 그 뒤의 풀링과 `b2`~`b4` 끝의 풀링은 모두 $3 \times 3$, 스트라이드 2, 패딩 1이라 $\lfloor (n - 3 + 2)/2 \rfloor + 1 = \lceil n/2 \rceil$입니다. 곧 다섯 곳 모두 $\lceil n/2 \rceil$을 내므로 해상도는 $96 \to 48 \to 24 \to 12 \to 6 \to 3$, 모두 $2^5 = 32$배 줄어듭니다. 패딩 덕분에 입력이 작아도 모양이 0이 되지는 않지만(예: $28 \to 14 \to 7 \to 4 \to 2 \to 1$), 너무 작으면 뒤쪽 인셉션 블록이 $1 \times 1$ 특성 맵(feature map)만 보게 됩니다. 아래 인터랙티브 (나)에서 입력 크기를 바꿔 가며 확인하고, 연습문제 4에서 최소 입력 크기를, 연습문제 5에서 $1 \times 1$ 맵의 분기가 무엇을 계산하는지 따져 봅니다.
#
# 원 논문의 GoogLeNet은 이 밖에도 중간 층에 붙인 보조 분류기, 국소 응답 정규화(LRN), 헤드 앞의 드롭아웃(dropout)을 썼습니다. 책과 이 노트북의 구현은 이것들을 빼고 구조의 뼈대만 남긴 판입니다.

# %% [markdown]
# ## 구현
#
# ### 인셉션 블록
#
# 네 분기를 `forward`에서 따로 계산해 채널 축(`dim=1`)으로 이어 붙입니다. 지연 초기화(lazy initialization) 층(`nn.LazyConv2d`)을 쓰므로 입력 채널 수는 적지 않습니다.

# %%
import torch
from torch import nn
from torch.nn import functional as F
import d2lmini as d2l


class Inception(nn.Module):
    # c1--c4는 분기마다의 출력 채널 수. c2, c3는 (1×1로 줄인 채널 수, 출력 채널 수)
    def __init__(self, c1, c2, c3, c4, **kwargs):
        super(Inception, self).__init__(**kwargs)
        # 분기 1: 1×1 합성곱
        self.b1_1 = nn.LazyConv2d(c1, kernel_size=1)
        # 분기 2: 1×1 합성곱(채널 축소) → 3×3 합성곱
        self.b2_1 = nn.LazyConv2d(c2[0], kernel_size=1)
        self.b2_2 = nn.LazyConv2d(c2[1], kernel_size=3, padding=1)
        # 분기 3: 1×1 합성곱(채널 축소) → 5×5 합성곱
        self.b3_1 = nn.LazyConv2d(c3[0], kernel_size=1)
        self.b3_2 = nn.LazyConv2d(c3[1], kernel_size=5, padding=2)
        # 분기 4: 3×3 최대 풀링 → 1×1 합성곱
        self.b4_1 = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
        self.b4_2 = nn.LazyConv2d(c4, kernel_size=1)

    def forward(self, x):
        b1 = F.relu(self.b1_1(x))
        b2 = F.relu(self.b2_2(F.relu(self.b2_1(x))))
        b3 = F.relu(self.b3_2(F.relu(self.b3_1(x))))
        b4 = F.relu(self.b4_2(self.b4_1(x)))
        return torch.cat((b1, b2, b3, b4), dim=1)


# %% [markdown]
# 첫 인셉션 블록에 `b2`의 출력 모양($192 \times 12 \times 12$)을 넣어 봅니다. 높이와 너비는 그대로이고, 채널은 $64 + 128 + 32 + 32 = 256$이어야 합니다.

# %%
# NBVAL_CHECK_OUTPUT
blk = Inception(64, (96, 128), (16, 32), 32)
print(blk(torch.zeros(1, 192, 12, 12)).shape)

# %% [markdown]
# 같은 블록 `blk`를 그림으로 그립니다. 네 분기가 같은 입력에서 나란히 갈라졌다가 "이어 붙이기" 한 곳에서 채널 방향으로 합쳐지는 것, 그리고 분기 2·3의 $1 \times 1$ 합성곱이 채널을 96, 16으로 줄인 뒤에 $3 \times 3$, $5 \times 5$ 합성곱이 오는 것을 보세요.

# %%
d2l.draw(blk, (1, 192, 12, 12), title='그림 1. 인셉션 블록(3a)')

# %% [markdown]
# ### GoogLeNet: 단계별로 나누어 쓰기
#
# 클래스가 길어지므로, 먼저 `b1`만 가진 클래스를 만들고 나머지 메서드는 `d2l.add_to_class`로 하나씩 붙입니다. 위에 `@d2l.add_to_class(GoogleNet)`를 붙인 함수는 `GoogleNet`의 메서드가 됩니다.

# %%
class GoogleNet(d2l.Classifier):
    def b1(self):
        # 스템 1: 7×7 합성곱(64채널, 스트라이드 2) → 3×3 최대 풀링(스트라이드 2)
        return nn.Sequential(
            nn.LazyConv2d(64, kernel_size=7, stride=2, padding=3),
            nn.ReLU(), nn.MaxPool2d(kernel_size=3, stride=2, padding=1))


# %%
@d2l.add_to_class(GoogleNet)
def b2(self):
    # 스템 2: 1×1 합성곱(64) → 3×3 합성곱(192) → 3×3 최대 풀링(스트라이드 2)
    return nn.Sequential(
        nn.LazyConv2d(64, kernel_size=1), nn.ReLU(),
        nn.LazyConv2d(192, kernel_size=3, padding=1), nn.ReLU(),
        nn.MaxPool2d(kernel_size=3, stride=2, padding=1))


# %%
@d2l.add_to_class(GoogleNet)
def b3(self):
    # 인셉션 블록 2개(출력 256, 480채널) → 3×3 최대 풀링(스트라이드 2)
    return nn.Sequential(Inception(64, (96, 128), (16, 32), 32),
                         Inception(128, (128, 192), (32, 96), 64),
                         nn.MaxPool2d(kernel_size=3, stride=2, padding=1))


# %%
@d2l.add_to_class(GoogleNet)
def b4(self):
    # 인셉션 블록 5개(출력 512, 512, 512, 528, 832채널) → 3×3 최대 풀링(스트라이드 2)
    return nn.Sequential(Inception(192, (96, 208), (16, 48), 64),
                         Inception(160, (112, 224), (24, 64), 64),
                         Inception(128, (128, 256), (24, 64), 64),
                         Inception(112, (144, 288), (32, 64), 64),
                         Inception(256, (160, 320), (32, 128), 128),
                         nn.MaxPool2d(kernel_size=3, stride=2, padding=1))


# %%
@d2l.add_to_class(GoogleNet)
def b5(self):
    # 인셉션 블록 2개(출력 832, 1024채널) → 전역 평균 풀링 → 펼치기
    return nn.Sequential(Inception(256, (160, 320), (32, 128), 128),
                         Inception(384, (192, 384), (48, 128), 128),
                         nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten())


# %%
@d2l.add_to_class(GoogleNet)
def __init__(self, lr=0.1, num_classes=10):
    # 다섯 단계 뒤에 클래스 수만큼 출력하는 완전 연결 층 하나
    super(GoogleNet, self).__init__()
    self.save_hyperparameters()
    self.net = nn.Sequential(self.b1(), self.b2(), self.b3(), self.b4(), self.b5(),
                             nn.LazyLinear(num_classes))
    self.net.apply(d2l.init_cnn)


# %% [markdown]
# ### CPU를 위한 좁은 GoogLeNet
#
# 책의 GoogLeNet은 $96 \times 96$ 입력 한 장의 순전파에 약 0.55<!-- run 0.552 --> GFLOPs(아래 **모양 확인**에서 계산)의 연산량이 듭니다. 역전파(backpropagation)까지 치면 대략 그 세 배이므로 6만 장짜리 한 에폭(epoch)에 약 100 TFLOPs입니다. 2코어 CPU가 초당 100 GFLOPs 남짓을 낸다고 해도 한 에폭에 약 17분, 10에폭이면 세 시간 가까이 걸립니다. 그래서 `cpu` 프로필에서는 구조는 그대로 두고 **모든 합성곱 층의 출력 채널 수만 `width`배**로 줄인 모델을 씁니다. 합성곱 층의 연산량은 $c_i c_o$에 비례하므로 `width=0.25`이면 연산량이 약 $0.25^2 = 1/16$로 줄어듭니다(입력 채널이 1인 첫 층만은 $1/4$).
#
# 구현은 지연 초기화 덕분에 짧습니다. `nn.LazyConv2d`는 첫 순전파(forward pass) 전까지 가중치가 없고 출력 채널 수 `out_channels`라는 숫자만 기억합니다. 그 숫자를 바꿔 두면 첫 순전파 때 줄어든 모양으로 가중치가 만들어지고, 다음 층의 입력 채널 수도 자동으로 따라옵니다. 인셉션 블록의 출력은 네 분기를 이어 붙인 것이므로 역시 자동으로 맞춰집니다. 마지막 완전 연결 층(`nn.LazyLinear`)은 클래스 수 10을 내야 하므로 건드리지 않습니다.

# %%
class NarrowGoogleNet(GoogleNet):
    """GoogleNet과 같은 구조에서 합성곱 층의 출력 채널 수만 width배로 줄인 모델."""
    def __init__(self, width=0.25, lr=0.1, num_classes=10):
        super().__init__(lr=lr, num_classes=num_classes)
        self.save_hyperparameters()
        for layer in self.net.modules():
            if isinstance(layer, nn.LazyConv2d):  # 아직 가중치가 없는 합성곱 층
                layer.out_channels = max(1, round(layer.out_channels * width))


# %% [markdown]
# ## 모양 확인
#
# 책과 같은 $96 \times 96$ 흑백 입력에서 단계마다 출력 모양을 출력합니다. 위 표와 같아야 합니다.

# %%
# NBVAL_CHECK_OUTPUT
model = GoogleNet()
model.layer_summary((1, 1, 96, 96))

# %% [markdown]
# 같은 모델을 단계 단위(`depth=1`)로 그립니다. 개념 절의 표처럼 스템 `b1`, `b2`가 해상도를 $96 \to 24 \to 12$로 빠르게 줄이고, 바디 `b3`~`b5`가 채널을 늘리며 해상도를 더 줄인 뒤, 헤드의 완전 연결 층 하나가 10개 점수를 내는 흐름을 따라가 보세요.

# %%
d2l.draw(model, (1, 1, 96, 96), depth=1, title='그림 2. GoogLeNet')

# %% [markdown]
# `layer_summary`는 모델의 복사본으로 계산하므로 `model`의 지연 층은 아직 모양이 없습니다. `apply_init`으로 한 번 순전파해 모양을 정한 뒤 파라미터 수와 연산량(`d2l.count_flops`, 이미지 한 장)을 셉니다.

# %%
# NBVAL_CHECK_OUTPUT
import pandas as pd
from IPython.display import display

model.apply_init([torch.zeros(1, 1, 96, 96)])
print(f'파라미터: {d2l.num_params(model):,}')
print(f'FLOPs (96×96 한 장): {d2l.count_flops(model, (1, 1, 96, 96)) / 1e9:.3f} G')
pd.DataFrame({'파라미터': [d2l.num_params(stage) for stage in model.net]},
             index=['b1', 'b2', 'b3', 'b4', 'b5', '헤드']).T

# %% [markdown]
# 파라미터의 대부분은 `b4`, `b5`의 인셉션 블록에 있습니다. 헤드의 완전 연결 층은 $1024 \times 10 + 10 = 10{,}250$개뿐입니다. VGG처럼 특성 맵을 펼쳐 큰 완전 연결 층 두 개에 넣었다면 헤드에만 수천만 개가 들었을 것입니다(04 NiN 노트북의 「헤드의 파라미터: NiN 대 VGG 식」 절).
#
# ### 확인: $1 \times 1$ 병목은 파라미터를 절반 이상 줄이는가?
#
# GoogLeNet을 소개할 때 흔히 "$1 \times 1$ 합성곱이 파라미터 수를 절반 이상 줄였다"고 설명합니다. 직접 세어 봅시다. 비교 대상으로, 분기 2·3의 축소용 $1 \times 1$ 합성곱을 빼고 $3 \times 3$, $5 \times 5$ 합성곱을 입력에 바로 적용하는 블록을 만듭니다. 출력 채널 수는 그대로라서 **출력 모양이 같고**, 다음 블록의 입력도 그대로입니다. 분기 1과 분기 4는 두 블록에서 똑같습니다(분기 4의 $1 \times 1$까지 빼면 출력 채널 수가 달라져 같은 조건의 비교가 되지 않습니다).

# %%
class InceptionNoBottleneck(nn.Module):
    """비교용: 분기 2, 3의 1×1 축소 합성곱을 뺀 인셉션 블록. 출력 모양은 Inception과 같습니다."""
    def __init__(self, c1, c2, c3, c4):
        super().__init__()
        self.b1_1 = nn.LazyConv2d(c1, kernel_size=1)
        self.b2_2 = nn.LazyConv2d(c2[1], kernel_size=3, padding=1)  # c2[0]은 쓰지 않음
        self.b3_2 = nn.LazyConv2d(c3[1], kernel_size=5, padding=2)  # c3[0]은 쓰지 않음
        self.b4_1 = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
        self.b4_2 = nn.LazyConv2d(c4, kernel_size=1)

    def forward(self, x):
        b1 = F.relu(self.b1_1(x))
        b2 = F.relu(self.b2_2(x))
        b3 = F.relu(self.b3_2(x))
        b4 = F.relu(self.b4_2(self.b4_1(x)))
        return torch.cat((b1, b2, b3, b4), dim=1)


def channels_of(blk):
    """만들어진 Inception 블록에서 (c1, c2, c3, c4)를 읽어 냅니다."""
    return (blk.b1_1.out_channels, (blk.b2_1.out_channels, blk.b2_2.out_channels),
            (blk.b3_1.out_channels, blk.b3_2.out_channels), blk.b4_2.out_channels)


def inception_inputs(net, X_shape):
    """net을 한 번 순전파하며 인셉션 블록마다 입력 모양을 기록합니다: [(블록, 입력 모양), ...]"""
    found = []
    hooks = [m.register_forward_hook(lambda m, args, out: found.append((m, args[0].shape)))
             for m in net.modules() if isinstance(m, Inception)]
    with torch.no_grad():
        net(torch.zeros(X_shape))
    for h in hooks:
        h.remove()
    return found


# %%
# NBVAL_CHECK_OUTPUT
names = ['3a', '3b', '4a', '4b', '4c', '4d', '4e', '5a', '5b']
rows = []
for name, (blk, shape) in zip(names, inception_inputs(model.net, (1, 1, 96, 96))):
    plain = InceptionNoBottleneck(*channels_of(blk))
    c, h, w = shape[1:]
    rows.append({'블록': name, '입력': f'{c}×{h}×{w}',
                 '출력 채널': plain(torch.zeros(shape)).shape[1],
                 '파라미터 (병목 있음)': d2l.num_params(blk),
                 '파라미터 (병목 없음)': d2l.num_params(plain),
                 'MFLOPs (병목 있음)': d2l.count_flops(blk, shape) / 1e6,
                 'MFLOPs (병목 없음)': d2l.count_flops(plain, shape) / 1e6})
table = pd.DataFrame(rows).set_index('블록')
table.insert(4, '비율', table['파라미터 (병목 있음)'] / table['파라미터 (병목 없음)'])
p_with, p_without = table['파라미터 (병목 있음)'].sum(), table['파라미터 (병목 없음)'].sum()
display(table.round(2))
print(f'인셉션 블록 아홉 개의 합: 병목 있음 {p_with:,} / 병목 없음 {p_without:,} (비율 {p_with / p_without:.2f})')
total = d2l.num_params(model)
print(f'GoogLeNet 전체 파라미터: 병목 있음 {total:,} / 병목 없음 {total - p_with + p_without:,}'
      f' (비율 {total / (total - p_with + p_without):.2f})')

# %% [markdown]
# **판정: 주장은 맞고, 실제로는 "절반 이상"보다 훨씬 많이 줄입니다.** 병목이 있는 블록의 파라미터는 병목이 없는 블록의 0.19<!-- run -->~0.42<!-- run -->배입니다. 블록마다 58~81%를 줄이고, 인셉션 블록 아홉 개를 합치면 약 2,420만 개가 585만 개로, 곧 약 4분의 1로 줄어듭니다. 스템과 헤드까지 넣은 GoogLeNet 전체도 비율이 0.25<!-- run --> 정도입니다. 한 블록 안의 합성곱은 같은 해상도에서 계산하므로 연산량도 거의 같은 비율로 줄어듭니다.
#
# 어느 분기에서 얼마나 줄었는지 나누어 봅니다. 분기 2($3 \times 3$)와 분기 3($5 \times 5$)마다 축소 채널 $r$, 본전 값 $r^*$, 병목이 남기는 비율(편향 포함, 거의 $r/r^*$), 그리고 줄인 가중치의 개수입니다.

# %%
branch_rows = {}
for name, (blk, shape) in zip(names, inception_inputs(model.net, (1, 1, 96, 96))):
    c_in, row = shape[1], {}
    for branch, reduce, conv in (('3×3', blk.b2_1, blk.b2_2), ('5×5', blk.b3_1, blk.b3_2)):
        r, c_out = reduce.out_channels, conv.out_channels
        k2 = conv.kernel_size[0] * conv.kernel_size[1]
        plain = c_in * c_out * k2 + c_out                      # k×k 합성곱을 입력에 바로
        with_b = d2l.num_params(reduce) + d2l.num_params(conv)  # 1×1 축소 → k×k 합성곱
        row[f'{branch} r'] = r
        row[f'{branch} r*'] = round(c_in * c_out * k2 / (c_in + c_out * k2))
        row[f'{branch} 비율'] = round(with_b / plain, 2)
        row[f'{branch} 감소'] = plain - with_b
    branch_rows[name] = row
branches = pd.DataFrame.from_dict(branch_rows, orient='index')
display(branches)
saved3, saved5 = branches['3×3 감소'].sum(), branches['5×5 감소'].sum()
print(f'줄인 가중치의 합: 3×3 분기 {saved3:,} / 5×5 분기 {saved5:,} '
      f'(5×5 분기의 몫 {saved5 / (saved3 + saved5):.0%})')

# %% [markdown]
# 몇 가지를 덧붙입니다.
#
# * **남는 비율은 $5 \times 5$ 분기가 훨씬 작습니다.** $5 \times 5$ 분기는 원래 가중치의 0.05<!-- run -->~0.14<!-- run -->배만 남습니다. $k^2 = 25$라 $c_o k^2$가 크고, 축소 채널 $r$이 입력 채널 $c_i$의 1/8(3b)~1/30(4a)로 작아서 $r$이 $r^*$의 5~14%에 그치기 때문입니다. $3 \times 3$ 분기는 $r$이 $c_i$의 1/5~1/2이라 0.25<!-- run -->~0.58<!-- run -->배가 남습니다.
# * **줄인 개수는 두 분기가 비슷합니다.** $3 \times 3$ 분기는 출력 채널이 $5 \times 5$ 분기의 2~4.5배라서, 병목 없이 세면 원래 가중치가 $5 \times 5$ 분기와 맞먹기 때문입니다. 아홉 블록을 합치면 줄인 약 1,830만 개 가운데 $5 \times 5$ 분기가 약 1,010만 개(55%<!-- run -->), $3 \times 3$ 분기가 약 820만 개입니다.
# * **모든 분기에서 $r < r^*$.** 표의 어느 분기도 본전 값 $r^*$에 가깝지 않습니다. 가장 가까운 것이 3a와 3b의 $3 \times 3$ 분기($r$이 $r^*$의 6할 가까이)라 이 두 블록의 비율이 가장 나쁩니다.
# * 입력 채널이 192에서 480으로 커지는 3a → 3b → 4a 사이에서는 블록의 비율이 0.42<!-- run -->에서 0.24<!-- run -->로 좋아지지만, 그 뒤로는 0.19<!-- run -->~0.27<!-- run --> 사이를 오르내립니다. 비율은 입력 채널 $c_i$만이 아니라 블록마다 고른 축소 채널 $r$과 출력 채널 $c_o$에도 달려 있기 때문입니다(예: 4d는 4c보다 $r$이 커서 비율이 나빠집니다).
# * 이 비교는 "출력 채널이 같은 블록"끼리의 비교입니다. 원 논문이 처음 그린 "순진한" 인셉션 블록처럼 분기 4의 $1 \times 1$ 투영까지 빼면, 블록마다 출력 채널이 입력 채널만큼 늘어나 뒤 블록으로 갈수록 너비가 불어나므로 차이는 이보다 더 커집니다.

# %% [markdown]
# ## 인터랙티브
#
# ### (가) 분기마다 채널 수를 바꿔 보기
#
# 입력 채널 수, 특성 맵 크기, 네 분기의 채널 수를 슬라이더로 바꾸면 이어 붙인 출력 모양과, 병목이 있을 때와 없을 때의 파라미터 수·연산량이 바뀝니다. 분기 2·3의 본전 값 $r^*$도 함께 출력합니다. 막대그래프는 분기별 파라미터 수입니다(로그 눈금). 기본값은 첫 인셉션 블록(3a)을 책의 $96 \times 96$ 입력에서 본 경우입니다. 확인해 볼 것:
#
# * 축소 채널(`c2 축소`, `c3 축소`)은 출력 모양에 전혀 영향을 주지 않지만 파라미터 수는 크게 바꿉니다.
# * 축소 채널이 본전 값 $r^* = \frac{c_i c_o k^2}{c_i + c_o k^2}$보다 크면 "병목"이 오히려 비용을 늘립니다. 기본값(3a)의 $r^*$는 개념 절에서 계산한 값과 같이 출력됩니다. 축소 채널이 출력 채널(128, 32)보다 커도 $r^*$보다 작으면 여전히 줄입니다. `c3 축소`를 출력 채널 32보다 크게 키워 가며 분기 3의 막대를 비교해 보세요. 병목이 손해로 바뀌는 정확한 지점은 연습문제 1에서 찾습니다.
# * 특성 맵 크기는 파라미터 수를 바꾸지 않고 연산량만 $h w$에 비례해 바꿉니다.

# %%
import matplotlib.pyplot as plt
import ipywidgets as widgets


def branch_params(blk):
    """분기 1~4의 파라미터 수 (층 이름이 b1_, b2_, b3_, b4_로 시작)."""
    return [sum(p.numel() for n, p in blk.named_parameters() if n.startswith(f'b{i}_'))
            for i in range(1, 5)]


def inception_report(c_in=192, size=12, c1=64, c2_reduce=96, c2=128,
                     c3_reduce=16, c3=32, c4=32):
    X_shape = (1, c_in, size, size)
    with_b = Inception(c1, (c2_reduce, c2), (c3_reduce, c3), c4)
    without_b = InceptionNoBottleneck(c1, (c2_reduce, c2), (c3_reduce, c3), c4)
    with torch.no_grad():
        Y = with_b(torch.zeros(X_shape))
        without_b(torch.zeros(X_shape))
    print(f'입력 {tuple(X_shape)} → 출력 {tuple(Y.shape)}')
    print(f'출력 채널 = {c1} + {c2} + {c3} + {c4} = {Y.shape[1]}')
    p1, p0 = d2l.num_params(with_b), d2l.num_params(without_b)
    f1, f0 = d2l.count_flops(with_b, X_shape), d2l.count_flops(without_b, X_shape)
    print(f'파라미터: 병목 있음 {p1:,} / 없음 {p0:,}  (비율 {p1 / p0:.2f})')
    print(f'연산량  : 병목 있음 {f1 / 1e6:,.1f} MFLOPs / 없음 {f0 / 1e6:,.1f} MFLOPs  (비율 {f1 / f0:.2f})')
    for branch, r, c_out, k2 in (('분기 2 (3×3)', c2_reduce, c2, 9), ('분기 3 (5×5)', c3_reduce, c3, 25)):
        r_star = c_in * c_out * k2 / (c_in + c_out * k2)
        verdict = '이득' if r < r_star else '손해' if r > r_star else '본전'
        print(f'{branch}: 축소 채널 r = {r}, 본전 값 r* ≈ {r_star:.0f} → 병목이 {verdict}')
    labels = ['1: 1×1', '2: 3×3', '3: 5×5', d2l.label('4: 풀링', '4: pool')]
    x = torch.arange(4)
    fig, ax = plt.subplots(figsize=(6, 2.8))
    ax.bar(x - 0.2, branch_params(with_b), width=0.4, label=d2l.label('병목 있음', 'with bottleneck'))
    ax.bar(x + 0.2, branch_params(without_b), width=0.4, label=d2l.label('병목 없음', 'without'))
    ax.set_xticks(x, labels)
    ax.set_yscale('log')
    ax.set_ylabel(d2l.label('파라미터 수', 'parameters'))
    ax.set_title(d2l.label('분기별 파라미터 수: 1×1 병목이 있을 때와 없을 때',
                           'parameters per branch, with and without the 1×1 bottleneck'), fontsize=10)
    ax.legend()
    plt.show()


def slider(value, lo, hi, desc):
    return widgets.IntSlider(value=value, min=lo, max=hi, description=desc, continuous_update=False)


d2l.interact(inception_report,
             c_in=slider(192, 8, 832, '입력 채널'), size=slider(12, 1, 28, '맵 크기'),
             c1=slider(64, 1, 384, 'c1'), c2_reduce=slider(96, 1, 384, 'c2 축소'),
             c2=slider(128, 1, 384, 'c2'), c3_reduce=slider(16, 1, 256, 'c3 축소'),
             c3=slider(32, 1, 128, 'c3'), c4=slider(32, 1, 128, 'c4'))

# %% [markdown]
# ### (나) 입력 해상도와 너비에 따른 모양과 연산량
#
# 입력 크기와 너비(`width`, 합성곱 출력 채널의 배율)를 고르면 단계마다 출력 모양과 연산량이 나옵니다. 해상도가 $2^5 = 32$배 줄어드는 것, 그리고 입력이 작으면 뒤 단계의 특성 맵이 $1 \times 1$이 되는 것을 확인해 보세요. 전체 연산량은 대략 (입력 한 변)$^2$과 $\text{width}^2$에 비례합니다. 입력 크기를 28, `width`를 0.25로 두면 아래 **훈련**의 `cpu` 설정의 모양과 연산량을 볼 수 있습니다.

# %%
_stage_nets = {}


def stage_report(resize=96, width=1.0):
    if width not in _stage_nets:  # 너비마다 모델을 한 번만 만들어 재사용합니다
        net = GoogleNet() if width == 1.0 else NarrowGoogleNet(width=width)
        net.apply_init([torch.zeros(1, 1, 96, 96)])  # 지연 층의 모양 정하기
        _stage_nets[width] = net
    net = _stage_nets[width]
    X = torch.zeros(1, 1, resize, resize)
    names, flops, shapes = ['b1', 'b2', 'b3', 'b4', 'b5', '헤드'], [], []
    print(f'입력 {tuple(X.shape)}, width={width}, 파라미터 {d2l.num_params(net):,}')
    for stage in net.net:
        flops.append(d2l.count_flops(stage, tuple(X.shape)))
        with torch.no_grad():
            X = stage(X)
        shapes.append(str(tuple(X.shape[1:])))
    print(f'합계: {sum(flops) / 1e6:,.1f} MFLOPs')
    display(pd.DataFrame({'출력 모양': shapes, 'MFLOPs': [round(f / 1e6, 1) for f in flops]},
                         index=names).T)
    fig, ax = plt.subplots(figsize=(6, 2.5))
    ax.bar(names[:-1] + [d2l.label('헤드', 'head')], [f / 1e6 for f in flops])
    ax.set_ylabel(d2l.label('연산량 (MFLOPs)', 'MFLOPs'))
    ax.set_title(d2l.label(f'입력 {resize}×{resize}, 너비 {width}', f'{resize}x{resize}, width={width}'))
    plt.show()


d2l.interact(stage_report,
             resize=widgets.IntSlider(value=96, min=16, max=224, step=1,
                                      description='입력 크기', continuous_update=False),
             width=widgets.Dropdown(options=[1.0, 0.5, 0.25], value=1.0, description='width'))

# %% [markdown]
# ## 훈련
#
# 책은 $96 \times 96$ 입력, 학습률(learning rate) 0.01, 배치 크기(batch size) 128로 10에폭을 훈련합니다(`book` 프로필). 훈련 방법은 책의 확률적 경사 하강법(SGD)에 고정 학습률(`d2l.BOOK_RECIPE`)이고, 초기화는 Xavier 초기화(`d2l.init_cnn`)입니다. 「CPU를 위한 좁은 GoogLeNet」 절에서 어림한 대로 이 설정은 2코어 CPU에서 한 에폭에만 15분 넘게 걸립니다. 그래서 `cpu` 프로필은 이 모델에만 해당하는 설정 세 가지를 바꿉니다. 해상도와 너비를 줄여 2코어 CPU에서 8에폭이 4분 안에 끝나게 하고, 8에폭 안에 배우기 시작하도록 초기화를 바꿉니다. 훈련 방법과 예산은 02~09 노트북의 모든 모델과 같은 것을 씁니다.
#
# * **해상도 $28 \times 28$** (Fashion-MNIST의 원래 크기): 스템(`b1`, `b2`)의 특성 맵은 넓이가 $(96/28)^2 \approx 12$배 작아지지만, `b3`~`b5`의 맵은 $\lceil n/2 \rceil$ 올림 때문에 $12 \to 4$, $6 \to 2$, $3 \to 1$로 9배만 작아집니다. 연산량의 대부분이 `b3`~`b5`에 있으므로(인터랙티브 (나)의 표) 전체 연산량은 12배가 아니라 10배 가까이 줄어듭니다. 개념 절의 $28 \to 14 \to 7 \to 4 \to 2 \to 1$처럼 `b5`는 $1 \times 1$ 특성 맵만 보게 되지만, 분기와 병목의 구조는 그대로입니다.
# * **너비 0.25** (`NarrowGoogleNet`): 합성곱 층의 채널이 모두 4분의 1이 되어 연산량이 다시 16배 가까이 줄어듭니다(입력 채널이 1인 첫 층만 4배). 두 가지를 합치면 연산량이 책의 모델의 100분의 1보다 작아지는데, 인터랙티브 (나)에서 확인할 수 있습니다. 2코어 CPU에서 `cpu` 프로필로 이 노트북에 저장된 실행에서는 한 에폭(검증 포함)에 약 21<!-- run 21.055816 -->~24초<!-- run 24.319322 -->, 8에폭 훈련 전체에 약 3분<!-- run 3.05 -->이 걸렸습니다. 같은 설정에서도 에폭마다 시간이 조금씩 다릅니다. 여러분의 실행에서 걸린 시간은 결과 절의 첫 줄에 나옵니다.
# * **He 초기화** (`d2l.init_he`): 배치 정규화(batch normalization)가 없는 22층짜리 망이라, 02 AlexNet, 04 NiN 노트북처럼 `cpu` 프로필에서는 책의 Xavier 초기화 대신 He 초기화를 씁니다. 04 NiN 노트북의 「초기화에 따른 신호의 크기」 절에서 계산했듯이 ReLU 층을 여러 번 지나면 Xavier 초기화로는 신호의 분산이 층마다 줄어들고, 그러면 손실(loss)이 $\ln 10 \approx 2.3$ 근처에 오래 머물 수 있습니다. 8에폭뿐인 CPU에서는 그런 구간을 기다릴 여유가 없으므로 신호의 크기를 지키는 He 초기화로 시작합니다. 책의 Xavier 초기화로 시작하면 어떻게 되는지는 연습문제 9에서 확인해 보세요.
# * **훈련 레시피**(training recipe) `d2l.CPU_RECIPE`와 **같은 예산**(8에폭, 배치 크기 128): 02~09 노트북의 모든 모델이 함께 쓰는 방법(AdamW, 학습률과 AdamW의 β1을 함께 바꾸는 원사이클 스케줄, 가중치 감쇠, 레이블 스무딩)으로, 재료마다의 설명과 몫은 [10 모든 모델 비교 노트북](10_comparison.ipynb)의 「훈련 레시피」 절에 있습니다.
#
# 훈련 셀에서는 모델을 만든 바로 뒤에 `cfg.recipe.apply(model, data)`가 모델의 옵티마이저와 손실, 데이터의 훈련 미니배치(minibatch)를 프로필의 레시피에 맞춥니다(`book` 프로필이면 책의 방법 그대로). 훈련 셀이 출력하는 `[d2lmini]` 줄은 [01 LeNet 노트북](01_lenet.ipynb)의 「훈련」 절에서 설명한 안내입니다.
#
# `smoke` 프로필은 노트북이 끝까지 도는지만 몇 초 안에 확인하는 자동 점검용입니다.

# %%
cfg = d2l.profile_settings(
    book=dict(max_epochs=10, batch_size=128, lr=0.01, resize=(96, 96), width=1.0,
              init='xavier', recipe=d2l.BOOK_RECIPE),
    cpu=dict(max_epochs=8, batch_size=128, lr=0.002, resize=(28, 28), width=0.25,
             init='he', recipe=d2l.CPU_RECIPE),
    smoke=dict(max_epochs=1, batch_size=64, lr=0.002, resize=(28, 28), width=0.25,
               init='he', recipe=d2l.CPU_RECIPE))

# %%
trainer = d2l.Trainer(max_epochs=cfg.max_epochs, num_gpus=1, seed=0)
data = d2l.FashionMNIST(batch_size=cfg.batch_size, resize=cfg.resize)
if cfg.width == 1.0:
    model = GoogleNet(lr=cfg.lr)
else:
    model = NarrowGoogleNet(width=cfg.width, lr=cfg.lr)
cfg.recipe.apply(model, data)   # 훈련 방법: book은 책 그대로, cpu는 모든 모델에 같은 레시피
init = d2l.initializer(cfg.init)   # 'xavier' → d2l.init_cnn, 'he' → d2l.init_he
model.apply_init([next(iter(data.get_dataloader(True)))[0]], init)
history = trainer.fit(model, data)

# %% [markdown]
# 아래 셀은 이번 실행을 기록 파일 `results/<프로필>/05_googlenet.json`에 남기고, 검증(validation) 정확도(accuracy)와 걸린 시간을 한 줄로 보여 줍니다. `book_figure=0.80`은 책의 그래프에서 읽은 10에폭 뒤 검증 정확도로, 10 모든 모델 비교 노트북이 책의 값과 비교할 때 씁니다.

# %%
d2l.record_run('05_googlenet', 'GoogLeNet', model, data, trainer, cfg, book_figure=0.80)

# %% [markdown]
# ## 결과
#
# 에폭별 기록과, 혼동 행렬(confusion matrix)·가장 많이 헷갈린 쌍·클래스별 정확도입니다. 책의 GoogLeNet은 10에폭 뒤 검증 정확도가 약 0.80입니다(책의 그래프에서 읽은 값). 먼저 이번 실행의 에폭당 시간을 출력합니다(`seconds` 열, 검증 포함).

# %%
seconds = [row['seconds'] for row in history]
print(f'에폭당 시간: 첫 에폭 {seconds[0]:.0f}초'
      + (f', 나머지 {len(seconds) - 1}에폭 평균 {sum(seconds[1:]) / (len(seconds) - 1):.0f}초'
         if len(seconds) > 1 else ''))
history.to_frame()

# %% [markdown]
# 혼동 행렬 아래의 첫 표는 가장 많이 헷갈린 쌍 다섯 개(정답 → 예측)이고, 둘째 표는 클래스별 정확도입니다. 셀의 마지막 세 줄은 두 표에서 아래 **결과 읽기**에 쓰는 것만 뽑아 출력합니다.

# %%
report = d2l.classification_report(model, data, k=5)
tops = {'t-shirt', 'pullover', 'coat', 'shirt'}  # 윗옷
pairs = list(zip(report.confused['정답'], report.confused['예측']))
print('가장 많이 헷갈린 쌍 (많은 순):', ', '.join(f'{t} → {p}' for t, p in pairs))
print(f'그 가운데 윗옷끼리: {sum(t in tops and p in tops for t, p in pairs)}/{len(pairs)}쌍')
print('신발 세 종류의 정확도:', ', '.join(f'{n} {report.per_class_table.loc[n, "정확도"]:.3f}'
                                    for n in ('sandal', 'sneaker', 'ankle boot')))

# %% [markdown]
# 아래 그림은 검증 데이터에서 모델이 틀린 예제 여덟 장입니다. 그림마다 제목의 윗줄이 정답이고, 아랫줄의 → 뒤가 모델의 예측입니다.

# %%
d2l.show_misclassified(model, data, n=8)

# %% [markdown]
# **결과 읽기.** 위의 출력에서 다음을 확인해 보세요.
#
# * 2코어 CPU에서 `cpu` 프로필로 이 노트북에 저장된 실행은 8에폭, 약 3분<!-- run 3.05 --> 만에 검증 정확도 약 0.89<!-- run 0.8927 -->에 닿아, 책의 10에폭 결과(약 0.80)를 약 0.09 넘었습니다. 모델은 너비가 4분의 1, 해상도가 28px라 연산량이 훨씬 적은데도 그렇습니다. 두 실행은 훈련 방법(옵티마이저, 학습률 스케줄, 가중치 감쇠, 레이블 스무딩), 초기화, 해상도, 너비, 에폭 수가 모두 달라서 어느 것이 차이를 만들었는지 이 비교만으로는 말할 수 없습니다. 레시피의 재료마다의 몫은 10 모든 모델 비교 노트북의 「훈련 레시피」 절에서 ResNet으로 잰 표를, 초기화와 옵티마이저의 몫은 연습문제 9와 10을 보세요.
# * 이 노트북에 저장된 `cpu` 실행에서 검증 정확도는 첫 에폭 뒤 약 0.80<!-- run 0.8030 -->에서 시작해 2에폭 뒤 약 0.84<!-- run 0.8440 -->로 가장 크게 오르고, 그 뒤로는 7에폭 뒤 약 0.893<!-- run 0.8928 -->까지 조금씩 오릅니다. 표의 `lr` 열(각 에폭을 시작할 때의 학습률)처럼 원사이클 스케줄은 2에폭이 끝날 무렵 최고 학습률에 닿은 뒤 끝으로 갈수록 학습률을 줄이고, 학습률이 거의 0까지 내려가는 8에폭에서는 검증 정확도가 거의 그대로입니다(약 0.893<!-- run 0.8927 -->).
# * 표에서 `train_loss`가 `val_loss`보다 큰 것은 과소적합의 신호가 아닙니다. 훈련 손실은 레이블 스무딩을 넣은 목표로 재므로 완벽하게 맞혀도 0까지 내려가지 않고(얼마까지 내려가는지는 연습문제 11), 검증 손실은 스무딩 없는 보통의 교차 엔트로피로 잽니다(10 모든 모델 비교 노트북의 「훈련 레시피」 절). 두 손실은 다른 목표로 잰 값이라 크기를 견줄 수 없습니다. 모델이 얼마나 잘 배웠는지는 `val_loss`와 `val_acc`로 봅니다.
# * 셀이 출력한 목록에서 가장 많이 헷갈린 쌍이 윗옷끼리인지 보세요. 이 노트북에 저장된 `cpu` 실행에서는 다섯 쌍이 모두 윗옷끼리이고, 가장 많은 것은 shirt → t-shirt(shirt 1,000장 가운데 129<!-- run -->장)입니다. 그래서 클래스별 정확도도 shirt가 약 0.70<!-- run 0.696 -->으로 가장 낮고, 그다음이 coat(0.820<!-- run -->)와 pullover(0.826<!-- run -->)입니다. 반면 신발 세 종류는 클래스별 정확도가 0.95 이상<!-- run 0.952 -->으로 높습니다.
# * `cpu` 프로필의 $28 \times 28$ 입력은 `b1`을 지나면 곧바로 $7 \times 7$이 되므로, 깃이나 단추처럼 윗옷을 가르는 작은 단서가 첫 단계에서 뭉개질 수 있습니다. 원본 이미지가 $28 \times 28$이라 `resize`로 키워도 새로운 세부가 생기지는 않지만, 스템을 지난 뒤에도 위치가 더 많이 남습니다. 입력 해상도를 올리면(책은 96) 이런 실수가 줄어드는지 `resize`만 바꿔 시험해 보세요. 걸리는 시간은 인터랙티브 (나)의 연산량으로 대략 어림할 수 있지만, 너비가 작은 모델에서는 시간이 연산량만큼 늘지 않습니다(연습문제 13). 스템을 바꿔 $28 \times 28$에 맞추는 방법은 연습문제 6에서 생각해 봅니다.

# %% [markdown]
# ## 요약과 연습문제
#
# **요약**
#
# * 인셉션 블록은 같은 입력을 $1 \times 1$, $3 \times 3$, $5 \times 5$ 합성곱과 $3 \times 3$ 최대 풀링의 네 분기로 나눠 계산하고, 크기를 유지하는 패딩 덕분에 네 출력을 채널 방향으로 이어 붙입니다. 출력 채널은 $c_1 + c_2[1] + c_3[1] + c_4$입니다.
# * 비싼 $k \times k$ 합성곱 앞에서 채널을 $r$개로 줄이는 $1 \times 1$ 병목은 가중치를 $r/r^*$배로 만듭니다($r^* = \frac{c_i c_o k^2}{c_i + c_o k^2}$). $r < r^*$일 때만 이득이고, 기준은 출력 채널 수가 아니라 $r^*$입니다. GoogLeNet의 블록 아홉 개에서 실제로 계산하면 블록마다 58~81%, 합쳐서 약 4분의 3을 줄입니다. 흔히 하는 "절반 이상"이라는 설명은 맞고, 오히려 조심스러운 표현입니다.
# * 비율로는 $5 \times 5$ 분기가 훨씬 많이 줄지만, 줄인 가중치의 개수로는 채널이 많은 $3 \times 3$ 분기도 그와 비슷합니다.
# * GoogLeNet은 스템, 인셉션 블록 아홉 개가 든 세 단계, 전역 평균 풀링과 완전 연결 층 하나의 헤드로 되어 있고, 해상도를 32배 줄입니다.
# * `cpu` 프로필은 너비와 해상도를 줄이고, 배치 정규화가 없는 깊은 망이라 신호의 크기를 지키는 He 초기화로 시작해, 02~09 노트북이 함께 쓰는 훈련 레시피로 8에폭을 훈련합니다. 이 노트북에 저장된 실행은 2코어 CPU에서 약 3분<!-- run 3.05 -->에 검증 정확도 약 0.89<!-- run 0.8927 -->로 책의 값(약 0.80)을 넘었습니다.
#
# **토론과 더 나아가기**
#
# GoogLeNet은 원 논문에 따르면 AlexNet보다 파라미터가 12배 적으면서 ILSVRC 2014에서 훨씬 낮은 오류율을 냈고, 같은 대회의 VGG보다도 파라미터와 연산량이 훨씬 적었습니다. 정확도만이 아니라 계산 비용을 함께 따지며 구조를 설계하는 흐름이 여기서 본격적으로 시작되었다고 볼 수 있습니다. 다만 인셉션 블록 아홉 개의 채널 수(분기마다 몇 채널, 병목은 몇 채널)는 모두 손으로 고른 값이라, 왜 하필 그 값인지는 설명하기 어렵습니다. 이런 하이퍼파라미터를 하나하나 고르는 대신 설계 공간을 정해 놓고 체계적으로 찾는 방법은 09 합성곱 신경망 구조 설계 노트북에서 다룹니다. 인셉션 계열 자체는 배치 정규화를 넣은 BN-Inception, 큰 커널을 작은 커널로 쪼갠 Inception v3, 잔차 연결을 더한 Inception-ResNet(Szegedy 등, 2017)으로 이어졌습니다.
#
# **연습문제**
#
# 먼저 스스로 풀어 본 뒤 [풀이 노트북](solutions/05_googlenet_solutions.ipynb)과 맞춰 보세요.
#
# 1. 인터랙티브 (가)에서 `c3 축소`를 키워 가며 병목이 오히려 손해가 되는 지점을 찾고, 식 $r / r^* = \frac{r}{c_o k^2} + \frac{r}{c_i} = 1$로 확인하세요. 편향까지 세면 본전은 어디로 옮겨 가나요? *힌트*: $r^* = \frac{c_i c_o k^2}{c_o k^2 + c_i}$입니다. 편향은 병목이 있을 때 $r + c_o$개, 없을 때 $c_o$개입니다. [풀이](solutions/05_googlenet_solutions.ipynb#연습문제-1)
# 2. 후속 연구인 BN-Inception(Ioffe & Szegedy, 2015, 배치 정규화 논문)은 분기 3의 $5 \times 5$ 합성곱을 $3 \times 3$ 두 개로 바꿨고, Inception v3(Szegedy 등, 2016)는 이 분해를 더 밀고 나갔습니다. 분기 3을 그렇게 바꾼 블록을 만들어 파라미터 수와 수용 영역을 비교하세요. *힌트*: 채널이 같다면 가중치는 $25 c^2$ 대 $18 c^2$이고, $3 \times 3$ 두 개의 수용 영역도 $5 \times 5$입니다. [풀이](solutions/05_googlenet_solutions.ipynb#연습문제-2)
# 3. 07 ResNet 노트북을 마친 뒤에 풀어 보세요. 인셉션 블록의 출력에 블록의 입력을 더하는 잔차 연결을 붙이면 Inception-ResNet(Szegedy 등, 2017)의 블록이 됩니다. 3a 블록(입력 192채널, 출력 256채널)에 그대로 붙이면 무엇이 맞지 않고, 어떻게 맞출 수 있나요? *힌트*: 더하려면 두 텐서의 모양이 같아야 합니다. Inception-ResNet은 이어 붙인 출력 뒤에 $1 \times 1$ 합성곱을 하나 두어 채널 수를 입력과 같게 되돌린 뒤 더합니다. [풀이](solutions/05_googlenet_solutions.ipynb#연습문제-3)
# 4. GoogLeNet이 오류 없이 동작하는 가장 작은 입력 크기는 얼마인가요? `b5`의 인셉션 블록이 $1 \times 1$보다 큰 특성 맵을 보려면, 또 $3 \times 3$ 맵을 보려면 입력의 한 변이 적어도 얼마여야 하나요? *힌트*: 해상도를 줄이는 스트라이드 2인 층 다섯 곳이 모두 $\lceil n/2 \rceil$을 냅니다. [풀이](solutions/05_googlenet_solutions.ipynb#연습문제-4)
# 5. 입력 크기가 28일 때와 96일 때 `b5`의 인셉션 블록이 보는 특성 맵의 크기는 각각 얼마인가요? 그 크기에서 $5 \times 5$ 분기(패딩 2)는 무엇을 계산하게 될까요? *힌트*: 인터랙티브 (나)를 쓰고, $1 \times 1$ 맵에 패딩 2인 $5 \times 5$ 커널을 대면 가운데 가중치 하나만 실제 값과 곱해집니다. [풀이](solutions/05_googlenet_solutions.ipynb#연습문제-5)
# 6. Fashion-MNIST의 원래 해상도 $28 \times 28$에서 바로 쓰는 GoogLeNet을 설계해 보세요. 스템, 바디, 헤드 가운데 무엇을 바꿔야 하고 무엇은 그대로 두어도 되나요? 연산량은 어떻게 바뀌나요? *힌트*: 스템 `b1`의 스트라이드 2와 최대 풀링을 빼면 `b5`가 보는 맵이 커집니다. 전역 평균 풀링 덕분에 헤드는 맵의 크기와 상관없이 그대로 쓸 수 있습니다. `d2l.count_flops`로 비교하세요. [풀이](solutions/05_googlenet_solutions.ipynb#연습문제-6)
# 7. AlexNet, VGG-11, NiN, GoogLeNet의 파라미터 수를 비교하세요(책의 설정, 10개 클래스). NiN과 GoogLeNet은 어떻게 파라미터 수를 크게 줄였나요? *힌트*: 02~04 노트북의 「모양 확인」 절에서 센 값을 쓰거나 책의 모델을 다시 만들어 세고, 파라미터가 어느 층에 몰려 있는지 보세요. [풀이](solutions/05_googlenet_solutions.ipynb#연습문제-7)
# 8. 같은 $224 \times 224$ 입력에서 GoogLeNet과 AlexNet의 연산량을 비교하세요. 파라미터 하나당 연산량은 어떻게 다르고, 그 차이는 가속기 칩을 설계할 때(메모리 크기, 메모리 대역폭, 캐시, 연산 장치의 수, 특수 연산) 무엇을 뜻하나요? *힌트*: 파라미터 하나를 메모리에서 읽어 올 때마다 몇 번 계산하는지 보세요. [풀이](solutions/05_googlenet_solutions.ipynb#연습문제-8)
# 9. 초기화와 훈련 방법 가운데 어느 쪽이 책의 설정과 `cpu` 설정의 차이를 만드는지 가려 보세요. 초기화(Xavier `d2l.init_cnn` 또는 He `d2l.init_he`)와 훈련 방법(학습률 0.01인 `d2l.BOOK_RECIPE` 또는 최고 학습률 0.002인 `d2l.CPU_RECIPE`)을 하나씩 바꾼 네 조합으로 `NarrowGoogleNet`을 `fraction=0.05` 데이터에서 2에폭씩 훈련하고 에폭마다의 손실과 검증 정확도를 비교하세요. *힌트*: 레시피는 모델을 만든 뒤 `recipe.apply(model, data)`로 붙이고, 학습률(원사이클이면 최고 학습률)은 `NarrowGoogleNet(width=0.25, lr=...)`로 줍니다. [풀이](solutions/05_googlenet_solutions.ipynb#연습문제-9)
# 10. He 초기화와 `cpu` 설정은 그대로 두고 옵티마이저만 모멘텀 0.9인 SGD로 바꾼 레시피 `d2l.CPU_RECIPE.replace(optimizer='sgd', momentum=0.9)`를 AdamW와 비교해 보세요. 학습률과 가중치 감쇠는 그대로 두어도 될까요? *힌트*: 파라미터마다 걸음의 크기를 맞추는 AdamW와 달리 SGD는 기울기(gradient)의 크기를 그대로 따르므로 0.002보다 훨씬 큰 학습률(예: 0.05)이 필요합니다. PyTorch의 SGD에서 가중치 감쇠는 기울기에 더해지는 항이라 학습률과 곱해져 걸음마다 가중치를 줄입니다. [풀이](solutions/05_googlenet_solutions.ipynb#연습문제-10)
# 11. 책의 연습문제는 GoogLeNet을 개선하는 방법으로 레이블 스무딩을 권하는데, `d2l.CPU_RECIPE`에는 이미 레이블 스무딩 0.1이 들어 있습니다. 레이블 스무딩만 뺀 레시피 `d2l.CPU_RECIPE.replace(label_smoothing=0)`으로 훈련해 검증 정확도와 검증 손실을 비교하세요. 두 실행의 훈련 손실끼리는 왜 비교할 수 없나요? [풀이](solutions/05_googlenet_solutions.ipynb#연습문제-11)
# 12. 06 배치 정규화 노트북을 마친 뒤에 풀어 보세요. 스템과 인셉션 블록의 합성곱마다 뒤에 `nn.LazyBatchNorm2d()`를 넣은 GoogLeNet을 만들고, Xavier 초기화와 He 초기화로 짧게 훈련해 비교하세요. 배치 정규화를 넣으면 초기화에 덜 민감해지나요? *힌트*: 합성곱마다 배치 정규화를 넣은 것이 BN-Inception의 핵심 변화입니다. [풀이](solutions/05_googlenet_solutions.ipynb#연습문제-12)
# 13. `cpu` 설정에서 `width`를 0.5로 올리면 한 에폭의 시간과 정확도가 어떻게 바뀔까요? 인터랙티브 (나)의 연산량 비율과 실제 시간의 비율을 비교하세요. *힌트*: 너비가 작은 모델은 계산보다 층마다의 고정 비용이 시간을 더 많이 차지합니다. [풀이](solutions/05_googlenet_solutions.ipynb#연습문제-13)
