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
# # 다중 분기 네트워크 GoogLeNet: 연습문제 풀이
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/solutions/05_googlenet_solutions.ipynb)
#
# [05 다중 분기 네트워크 GoogLeNet 노트북](../05_googlenet.ipynb)의 연습문제 13개를 풉니다. 풀이를 읽기 전에 각 문제를 직접 계산하고 코드를 돌려 보세요.
# 앞의 여덟 문제는 파라미터 수, 출력 크기, 연산량을 식으로 끝까지 세고 코드로 맞춰 보는 문제이고, 뒤의 다섯 문제는 짧게 훈련해 보는 실험입니다. 문제마다 추론, 확인 코드, 출력 읽기의 순서로 적었습니다.
# 훈련이 필요한 연습문제 9~13은 이 노트북 전체가 2코어 CPU에서 2분 안에 끝나도록 훈련 데이터의 5%(훈련 3,000장, 검증 500장)로 2에폭씩만 훈련합니다(연습문제 10만 20%). 이렇게 짧은 훈련의 정확도는 본문의 8에폭 실행보다 훨씬 낮으니, 절대값보다 실행 사이의 차이와 방향을 읽으세요.

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
# 본문의 `Inception`, `GoogleNet`, `NarrowGoogleNet`은 `d2l.GoogleNet`처럼 d2lmini에서 가져옵니다(본문의 「구현」 절과 같은 코드). `short_run`은 본문의 훈련 셀과 같은 호출로 모델 하나를 짧은 예산(훈련 데이터의 5%, 2에폭)으로 훈련하고, 에폭별 기록을 돌려줍니다. 첫 훈련 셀(연습문제 9)이 출력하는 `[d2lmini]` 줄은 이 CPU에서 고른 계산 방법을 알리는 안내입니다(01 LeNet 노트북의 「훈련」 절).

# %%
import math

import pandas as pd
import torch
from IPython.display import display
from torch import nn
from torch.nn import functional as F

import d2lmini as d2l


def short_run(model, recipe, init, fraction=0.05, epochs=2):
    """model을 28×28 Fashion-MNIST의 fraction만큼으로 epochs에폭 훈련합니다: (기록, 트레이너)."""
    trainer = d2l.Trainer(max_epochs=epochs, num_gpus=0, seed=0, plot=False, progress=False)
    data = d2l.FashionMNIST(batch_size=128, resize=(28, 28), fraction=fraction)
    recipe.apply(model, data)
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.initializer(init))
    return trainer.fit(model, data), trainer


def summary(runs):
    """{이름: 기록} → 에폭마다의 훈련 손실과 검증 정확도를 나란히 놓은 표."""
    return pd.DataFrame({name: {f'{r["epoch"]}에폭 {key}': round(r[key], 3)
                                for r in rows for key in ('train_loss', 'val_loss', 'val_acc')}
                         for name, rows in runs.items()}).T


# %% [markdown]
# ## 연습문제 1
#
# **추론.** 입력 채널 $c_i$, 출력 채널 $c_o$, 커널 $k \times k$인 분기에서 병목이 없으면 가중치가 $c_i c_o k^2$개이고, $1 \times 1$ 합성곱으로 $r$채널로 줄인 뒤 $k \times k$ 합성곱을 하면 $c_i r + r c_o k^2$개입니다. 둘의 비는
#
# $$\frac{c_i r + r c_o k^2}{c_i c_o k^2} = \frac{r}{c_o k^2} + \frac{r}{c_i} = r \left(\frac{1}{c_o k^2} + \frac{1}{c_i}\right) = \frac{r}{r^*}$$
#
# 이고, 이 비가 1이 되는 곳이 본전입니다. 곧 $r = r^* = \frac{c_i c_o k^2}{c_i + c_o k^2}$입니다. 첫 블록(3a)의 $5 \times 5$ 분기는 $c_i = 192$, $c_o k^2 = 32 \cdot 25 = 800$이므로 $r^* = \frac{192 \cdot 800}{992} \approx 154.8$입니다. 그래서 `c3 축소`를 154까지 키우는 동안은 병목이 가중치를 줄이고, 155부터는 늘립니다.
#
# 편향까지 세면 병목이 있을 때 $(c_i + 1) r + r c_o k^2 + c_o$, 없을 때 $c_i c_o k^2 + c_o$이므로 본전은 $r = \frac{c_i c_o k^2}{c_i + 1 + c_o k^2} = \frac{153{,}600}{993} \approx 154.7$로 거의 같습니다.
#
# **확인.** 분기 3만 떼어 내 $r$을 바꿔 가며 실제 파라미터 수를 셉니다.

# %%
c_in, c_out, k = 192, 32, 5
X_shape = (1, c_in, 12, 12)
plain = nn.Conv2d(c_in, c_out, kernel_size=k, padding=2)         # 병목 없이 입력에 바로
rows = []
for r in (16, 100, 154, 155, 200):
    branch = nn.Sequential(nn.Conv2d(c_in, r, kernel_size=1), nn.ReLU(),
                           nn.Conv2d(r, c_out, kernel_size=k, padding=2))
    rows.append({'r': r, '병목 있음': d2l.num_params(branch), '병목 없음': d2l.num_params(plain),
                 '비 (파라미터)': round(d2l.num_params(branch) / d2l.num_params(plain), 3),
                 'r / r*': round(r * (1 / (c_out * k * k) + 1 / c_in), 3)})
display(pd.DataFrame(rows).set_index('r'))
print(f'r* = {c_in * c_out * k * k / (c_in + c_out * k * k):.1f}')

# %% [markdown]
# 표의 마지막 두 열이 (편향 때문에 셋째 자리에서만 조금 다를 뿐) 같고, 비가 154에서 1보다 작고 155에서 1을 넘습니다. 본문의 책 블록 3a는 $r = 16$이라 가중치가 약 10분의 1로 줄어듭니다. 출력 채널 32보다 훨씬 큰 $r = 100$에서도 여전히 이득이라는 점이, 기준이 $c_o$가 아니라 $r^*$라는 본문의 요점입니다.

# %% [markdown]
# ## 연습문제 2
#
# **추론.** 분기 3의 $5 \times 5$ 합성곱($r \to c_o$)은 가중치가 $25 r c_o$개입니다. 이것을 $3 \times 3$ 합성곱 두 개($r \to m \to c_o$)로 바꾸면 $9 r m + 9 m c_o$개입니다. 채널이 모두 $c$로 같으면 $25 c^2$ 대 $18 c^2$로 28% 줄어듭니다. 그런데 3a 블록의 분기 3은 $r = 16$으로 줄인 뒤 $c_o = 32$로 **늘리므로** 채널이 같지 않습니다. 가운데 채널을 $m = c_o = 32$로 두면 $9 \cdot 16 \cdot 32 + 9 \cdot 32 \cdot 32 = 13{,}824$로 $25 \cdot 16 \cdot 32 = 12{,}800$보다 오히려 많고, $m = r = 16$으로 두면 $6{,}912$로 거의 절반입니다. 곧 "두 개의 $3 \times 3$이 더 싸다"는 말은 가운데 채널을 어떻게 두느냐에 달려 있습니다.
#
# 수용 영역(receptive field)은 스트라이드 1인 $3 \times 3$ 두 개를 쌓으면 $3 + (3 - 1) = 5$로 $5 \times 5$ 하나와 같습니다. 그 사이에 ReLU가 하나 더 들어가므로 비선형성도 한 번 더 생깁니다.
#
# **확인.** 분기 3을 바꾼 블록을 만들어 파라미터 수를 세고, 출력 한가운데 픽셀의 기울기가 입력의 어느 범위에 닿는지로 수용 영역을 잽니다.

# %%
class InceptionTwo3x3(d2l.Inception):
    """분기 3의 5×5 합성곱을 3×3 합성곱 두 개(가운데 채널 mid)로 바꾼 인셉션 블록."""
    def __init__(self, c1, c2, c3, c4, mid):
        super().__init__(c1, c2, c3, c4)
        self.b3_2 = nn.Sequential(nn.LazyConv2d(mid, kernel_size=3, padding=1), nn.ReLU(),
                                  nn.LazyConv2d(c3[1], kernel_size=3, padding=1))


def receptive_field(branch, channels):
    """branch 출력의 한가운데 픽셀이 기울기로 닿는 입력의 범위(한 변의 길이)."""
    X = torch.ones(1, channels, 15, 15, requires_grad=True)
    with torch.no_grad():
        for p in branch.parameters():
            p.fill_(0.01)   # 모든 가중치를 양수로: 닿는 곳의 기울기가 0이 되지 않게
    branch(X)[0, :, 7, 7].sum().backward()
    rows = (X.grad.abs().sum(dim=(0, 1, 3)) > 0).nonzero()
    return int(rows.max() - rows.min() + 1)


X = torch.zeros(1, 192, 12, 12)
rows = []
for name, blk in (('5×5 (본문의 블록)', d2l.Inception(64, (96, 128), (16, 32), 32)),
                  ('3×3 두 개, 가운데 32', InceptionTwo3x3(64, (96, 128), (16, 32), 32, mid=32)),
                  ('3×3 두 개, 가운데 16', InceptionTwo3x3(64, (96, 128), (16, 32), 32, mid=16))):
    Y = blk(X)
    rows.append({'분기 3': name, '블록 출력': tuple(Y.shape[1:]),
                 '분기 3 파라미터': d2l.num_params(blk.b3_2),
                 '블록 파라미터': d2l.num_params(blk),
                 '분기 3 수용 영역': receptive_field(blk.b3_2, 16)})
display(pd.DataFrame(rows).set_index('분기 3'))

# %% [markdown]
# 세 블록 모두 출력 모양이 $(256, 12, 12)$로 같고, 분기 3의 수용 영역도 모두 5입니다. 파라미터는 식대로 가운데 채널이 32면 오히려 늘고(편향 포함 13,888<!-- run --> 대 12,832<!-- run -->), 16이면 거의 절반(6,960<!-- run -->)이 됩니다. 블록 전체로 보면 분기 3이 작은 몫이라 차이가 크지 않습니다. BN-Inception과 Inception v3가 이 분해를 택한 이유는 가운데 채널을 입력·출력 채널과 같게 둘 때($25 c^2 \to 18 c^2$) 같은 수용 영역을 더 적은 연산과 더 깊은 비선형성으로 얻는 데 있습니다(Szegedy 등, 2016, "Rethinking the Inception Architecture").

# %% [markdown]
# ## 연습문제 3
#
# **추론.** 잔차 연결은 $\mathbf{x} + f(\mathbf{x})$처럼 블록의 입력과 출력을 원소별로 더하므로 두 텐서의 모양이 같아야 합니다. 인셉션 블록은 해상도를 그대로 두지만(본문의 개념 절과 연습문제 4), 3a 블록은 192채널을 받아 256채널을 내므로 채널 수가 맞지 않습니다. 맞추는 길은 두 가지입니다.
#
# * **출력 쪽을 입력에 맞춥니다.** 이어 붙인 256채널 뒤에 활성화 함수 없는 $1 \times 1$ 합성곱을 하나 두어 192채널로 되돌린 뒤 더합니다. Inception-ResNet(Szegedy 등, 2017)이 쓰는 방법이고, 추가 가중치는 $256 \cdot 192 + 192 = 49{,}344$개입니다. 이 논문은 필터가 1,000개를 넘는 큰 블록에서는 더하기 전에 잔차를 0.1~0.3배로 줄여야 훈련이 안정되었다고 보고합니다.
# * **입력 쪽을 출력에 맞춥니다.** 07 ResNet 노트북의 `use_1x1conv=True`처럼 숏컷에 $1 \times 1$ 합성곱(192 → 256)을 둡니다. 추가 가중치는 $192 \cdot 256 + 256 = 49{,}408$개로 비슷하지만, 숏컷이 더는 항등 매핑이 아니게 됩니다.
#
# **확인.** 첫째 방법으로 블록을 만들어 모양과 파라미터 수를 보고, 마지막 $1 \times 1$ 합성곱의 가중치와 편향을 0으로 두면 블록이 (ReLU를 빼면) 항등 매핑이 되는지 봅니다. 07 ResNet 노트북에서 본 "처음에는 항등 매핑에 가깝게 시작한다"는 성질입니다.

# %%
class InceptionResidual(nn.Module):
    """relu(x + scale · 1×1합성곱(인셉션 블록(x))): 이어 붙인 출력을 입력 채널 수로 되돌려 더합니다."""
    def __init__(self, c_in, c1, c2, c3, c4, scale=1.0):
        super().__init__()
        self.inception = d2l.Inception(c1, c2, c3, c4)
        self.project = nn.LazyConv2d(c_in, kernel_size=1)   # 활성화 함수 없음
        self.scale = scale

    def forward(self, x):
        return F.relu(x + self.scale * self.project(self.inception(x)))


res_blk = InceptionResidual(192, 64, (96, 128), (16, 32), 32)
X = torch.rand(2, 192, 12, 12)             # ReLU를 지난 값처럼 0 이상
print('출력 모양:', tuple(res_blk(X).shape))
print(f'파라미터: 인셉션 블록 {d2l.num_params(res_blk.inception):,} + 1×1 투영 {d2l.num_params(res_blk.project):,}')
with torch.no_grad():
    res_blk.project.weight.zero_()
    res_blk.project.bias.zero_()
    print('투영을 0으로 두면 출력 == 입력:', torch.equal(res_blk(X), X))

# %% [markdown]
# 출력이 입력과 같은 $(192, 12, 12)$라 블록을 원하는 만큼 쌓을 수 있고, 투영이 더한 파라미터는 49,344<!-- run -->개로 추론과 같습니다. 투영을 0으로 두면 블록이 입력을 그대로 내보냅니다(입력이 0 이상이라 마지막 ReLU도 값을 바꾸지 않습니다). 위 클래스의 투영은 보통의 층처럼 무작위로 초기화되므로, 위 셀은 그 가중치를 손으로 0으로 만들었습니다. 그래서 투영을 0으로 초기화하면(또는 Inception-ResNet처럼 `scale`로 잔차를 작게 줄이면) 깊이 쌓아도 처음에는 얕은 망에 가깝게 시작합니다. 잔차 연결 덕분에 Inception-ResNet은 같은 연산량의 Inception보다 훨씬 빨리 수렴했다고 보고됩니다(Szegedy 등, 2017).

# %% [markdown]
# ## 연습문제 4
#
# **추론.** 인셉션 블록 안의 합성곱과 풀링은 모두 스트라이드 1이고 크기를 유지하는 패딩을 쓰므로 해상도를 바꾸지 않습니다. 해상도가 줄어드는 곳은 스트라이드 2인 층 다섯 곳뿐입니다.
#
# * `b1`의 $7 \times 7$ 합성곱(패딩 3): $\lfloor (n - 7 + 6)/2 \rfloor + 1 = \lfloor (n - 1)/2 \rfloor + 1 = \lceil n/2 \rceil$
# * $3 \times 3$ 최대 풀링(패딩 1) 네 곳: $\lfloor (n - 3 + 2)/2 \rfloor + 1 = \lceil n/2 \rceil$
#
# $n \ge 1$이면 $\lceil n/2 \rceil \ge 1$이므로 어느 층에서도 모양이 0이 되지 않고, 마지막의 전역 평균 풀링은 어떤 크기의 맵도 $1 \times 1$로 만듭니다. 그래서 **$1 \times 1$ 입력에서도 오류 없이 동작합니다.** `b5`가 보는 맵의 한 변은 $\lceil n/32 \rceil$이므로, $1 \times 1$보다 크려면 $\lceil n/32 \rceil \ge 2$, 곧 $n \ge 33$이어야 하고, $3 \times 3$을 보려면 $n \ge 65$여야 합니다. 책의 $96 \times 96$은 `b5`가 $3 \times 3$을 보는 크기입니다.
#
# "동작한다"와 "잘 배운다"는 다릅니다. 입력이 작으면 뒤쪽 블록의 $3 \times 3$, $5 \times 5$ 분기가 패딩만 보게 됩니다(연습문제 5). 03 VGG 노트북의 VGG처럼 패딩이 없는 최대 풀링을 쓰는 망이라면 최소 크기가 훨씬 큽니다.
#
# **확인.** 여러 입력 크기에서 `b5`에 들어가는 맵의 크기와 최종 출력 모양을 봅니다.

# %%
model = d2l.GoogleNet()
model.apply_init([torch.zeros(1, 1, 96, 96)])
rows = []
for n in (1, 2, 16, 28, 32, 33, 64, 65, 96, 224):
    X = torch.zeros(1, 1, n, n)
    with torch.no_grad():
        before_b5 = model.net[:4](X)
        Y = model.net(X)
    rows.append({'입력 한 변': n, 'b5가 보는 맵': tuple(before_b5.shape[2:]),
                 '⌈n/32⌉': math.ceil(n / 32), '출력 모양': tuple(Y.shape)})
display(pd.DataFrame(rows).set_index('입력 한 변').T)

# %% [markdown]
# $1 \times 1$ 입력까지 모두 $(1, 10)$을 내고, `b5`가 보는 맵의 한 변은 언제나 $\lceil n/32 \rceil$입니다. 32 이하에서는 $1 \times 1$, 33부터 $2 \times 2$, 65부터 $3 \times 3$입니다.

# %% [markdown]
# ## 연습문제 5
#
# **추론.** 연습문제 4의 식으로 입력 28은 `b5`에서 $\lceil 28/32 \rceil = 1$, 곧 $1 \times 1$이고, 입력 96은 $3 \times 3$입니다. $1 \times 1$ 맵에 패딩 2인 $5 \times 5$ 커널을 대면 $5 \times 5$ 창 가운데 실제 값은 한가운데 한 칸뿐이고 나머지 24칸은 0인 패딩입니다. 그래서 출력은 $\sum_c W_{o,c,2,2}\, x_c + b_o$로, 한가운데 가중치만 쓰는 $1 \times 1$ 합성곱과 같습니다. 가장자리 가중치 24개의 기울기는 언제나 0이라 훈련 중에도 바뀌지 않습니다(가중치 감쇠만 받습니다). $3 \times 3$ 분기도 같고, 패딩 1인 $3 \times 3$ 최대 풀링도 값 하나만 보므로 항등 함수가 됩니다. 그래서 `cpu` 프로필(28×28)의 `b5` 인셉션 블록은 **$1 \times 1$ 합성곱만으로 된 블록**(분기 2·3은 $1 \times 1$ 두 개를 잇고, 분기 4는 풀링 없이 $1 \times 1$ 하나)이 되어, 픽셀 하나에 대한 작은 다층 퍼셉트론과 같습니다.
#
# **확인.** $1 \times 1$ 입력에서 $5 \times 5$ 합성곱이 한가운데 가중치만 쓴 계산과 같은지, 가장자리 가중치의 기울기가 0인지 봅니다.

# %%
torch.manual_seed(0)
conv = nn.Conv2d(8, 4, kernel_size=5, padding=2)
x = torch.randn(3, 8, 1, 1)
y = conv(x)
center_only = x.flatten(1) @ conv.weight[:, :, 2, 2].T + conv.bias
print('1×1 입력에서 5×5 합성곱 == 가운데 가중치만 쓴 계산:', torch.allclose(y.flatten(1), center_only))
y.sum().backward()
edge = conv.weight.grad.clone()
edge[:, :, 2, 2] = 0
print('가장자리 가중치 24개의 기울기 절댓값 합:', edge.abs().sum().item())
pool = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
print('1×1 입력에서 3×3 최대 풀링 == 항등 함수:', torch.equal(pool(x), x))

# %% [markdown]
# 세 줄 모두 추론대로입니다. $28 \times 28$ 입력에서는 `b5` 블록 두 개의 $3 \times 3$, $5 \times 5$ 가중치 가운데 가장자리의 것이 파라미터 수에는 들어가지만 아무 일도 하지 않습니다. 96에서는 $3 \times 3$ 맵이라 가장자리 가중치도 이웃 픽셀과 곱해집니다. 다만 $5 \times 5$ 커널의 바깥 고리 가중치는 $3 \times 3$ 맵에서도 대부분 패딩과 곱해지고, 실제 값은 맵 가장자리의 몇 칸에서만 만납니다.

# %% [markdown]
# ## 연습문제 6
#
# **추론.** 문제는 스템입니다. 책의 스템은 $96 \times 96$ 입력을 `b1`의 스트라이드 2 합성곱과 최대 풀링으로 곧바로 4분의 1(24)로 줄이도록 만든 것이라, $28 \times 28$에서는 `b1` 뒤에 이미 $7 \times 7$만 남고 `b5`는 $1 \times 1$을 봅니다(연습문제 5). 그래서 28에 맞추려면 스템의 다운샘플링을 덜어 냅니다.
#
# * **스템**: `b1`을 스트라이드 1인 $3 \times 3$ 합성곱 하나로 바꾸고 최대 풀링을 뺍니다. 28픽셀 이미지에 $7 \times 7$ 커널은 너무 크고, 원래 해상도라 서둘러 줄일 까닭도 없습니다. 그러면 해상도는 `b2`, `b3`, `b4` 끝의 풀링에서만 $28 \to 14 \to 7 \to 4$로 줄어 `b5`가 $4 \times 4$를 봅니다.
# * **바디**: 인셉션 블록은 해상도와 상관없이 동작하므로 그대로 둡니다.
# * **헤드**: 전역 평균 풀링이 어떤 크기의 맵도 채널마다 값 하나로 만들므로 완전 연결 층 하나를 그대로 씁니다. VGG처럼 펼쳐서 완전 연결 층에 넣는 헤드였다면 입력 크기가 바뀔 때 헤드의 입력 크기도 다시 계산해야 했을 것입니다.
#
# 대가는 연산량입니다. `b2` 이후 단계가 보는 맵의 한 변이 3.5~4배(`b2`의 입력이 $7 \times 7$에서 $28 \times 28$로, `b5`의 입력이 $1 \times 1$에서 $4 \times 4$로)가 되므로, 그 단계들의 연산량은 $3.5^2 \approx 12$배에서 $4^2 = 16$배까지 늡니다.
#
# **확인.** `b1`만 바꾼 `GoogleNet28`을 만들고, 본문의 `cpu` 설정(너비 0.25)에서 단계마다 출력 모양과 연산량을 비교합니다.

# %%
class GoogleNet28(d2l.NarrowGoogleNet):
    """28×28 입력용: 스템 b1을 스트라이드 1인 3×3 합성곱 하나로 바꾸고 최대 풀링을 뺐습니다."""
    def b1(self):
        return nn.Sequential(nn.LazyConv2d(64, kernel_size=3, padding=1), nn.ReLU())


def stage_table(net, size):
    """단계마다 (출력 모양, MFLOPs): net은 지연 층의 모양이 정해진 모델."""
    X, rows = torch.zeros(1, 1, size, size), {}
    for name, stage in zip(['b1', 'b2', 'b3', 'b4', 'b5', '헤드'], net.net):
        flops = d2l.count_flops(stage, tuple(X.shape))
        with torch.no_grad():
            X = stage(X)
        rows[name] = {'출력 모양': tuple(X.shape[1:]), 'MFLOPs': round(flops / 1e6, 2)}
    return pd.DataFrame(rows)


tables, flops = {}, {}
for name, net in (('본문의 cpu 모델', d2l.NarrowGoogleNet(width=0.25)), ('GoogleNet28', GoogleNet28(width=0.25))):
    net.apply_init([torch.zeros(1, 1, 28, 28)])
    tables[name] = stage_table(net, 28)
    flops[name] = d2l.count_flops(net, (1, 1, 28, 28))
    print(f'{name}: 파라미터 {d2l.num_params(net):,}, 28×28 한 장 {flops[name] / 1e6:.1f} MFLOPs')
print(f"연산량의 비 (GoogleNet28 / 본문의 cpu 모델): {flops['GoogleNet28'] / flops['본문의 cpu 모델']:.1f}배")
display(pd.concat(tables))

# %% [markdown]
# `GoogleNet28`은 `b5`가 $(208, 4, 4)$ 맵을 보고, 파라미터 수는 스템의 첫 합성곱이 $7 \times 7$에서 $3 \times 3$으로 작아진 만큼(640개)만 다릅니다. 대신 한 장의 연산량이 약 12배<!-- run 12.3 -->로 늘어납니다. `b2`부터 단계마다 맵이 커졌기 때문이고, 단계별 연산량의 비도 추론대로 12~16배입니다. 본문의 `cpu` 설정은 8에폭 예산 안에 들도록 스템을 책대로 두고 연산량을 아낀 쪽입니다. 이 노트북의 예산으로는 `GoogleNet28`을 훈련해 정확도를 비교하지 않았습니다. 직접 해 본다면 한 에폭이 본문 실행보다 몇 배 오래 걸린다는 점을 감안하세요. 가운데 길로, `b1`의 스트라이드 2는 두고 최대 풀링만 빼면 `b5`가 $2 \times 2$를 보고 연산량은 그보다 적게 늘어납니다.

# %% [markdown]
# ## 연습문제 7
#
# **추론.** 네 모델을 책의 설정(AlexNet, VGG-11, NiN은 $224 \times 224$, GoogLeNet은 $96 \times 96$, 모두 10개 클래스)으로 다시 만들어 셉니다. AlexNet과 VGG는 마지막 특성 맵을 펼쳐 4096차원 완전 연결 층 두 개에 넣으므로 파라미터 대부분이 헤드에 있습니다. AlexNet의 첫 완전 연결 층만 해도 $6400 \cdot 4096 \approx 2{,}600$만 개, VGG-11은 $25{,}088 \cdot 4096 \approx 1$억 개입니다. NiN은 헤드를 전역 평균 풀링으로 바꿔 이 층을 통째로 없앴고, GoogLeNet은 같은 헤드에 더해 $1 \times 1$ 병목으로 바디의 합성곱까지 줄였습니다(본문의 「확인: $1 \times 1$ 병목은 파라미터를 절반 이상 줄이는가?」 절: 병목이 없으면 약 2,430만 개).
#
# **확인.** 02~04 노트북의 책 모델과 같은 층으로 만들어 파라미터 수와 완전 연결 층의 몫을 셉니다.

# %%
def fc_head():
    return [nn.Flatten(), nn.LazyLinear(4096), nn.ReLU(), nn.Dropout(0.5),
            nn.LazyLinear(4096), nn.ReLU(), nn.Dropout(0.5), nn.LazyLinear(10)]


alexnet = d2l.AlexNet().net
# VGG-11과 NiN은 `d2l.VGG`, `d2l.NiN`의 층과 같지만 초기화(init_cnn)를 걸지 않으려고 층만 쌓습니다.
vgg11 = nn.Sequential(*[d2l.vgg_block(n, c) for n, c in ((1, 64), (1, 128), (2, 256), (2, 512), (2, 512))],
                      *fc_head())
nin = nn.Sequential(
    d2l.nin_block(96, kernel_size=11, strides=4, padding=0), nn.MaxPool2d(3, stride=2),
    d2l.nin_block(256, kernel_size=5, strides=1, padding=2), nn.MaxPool2d(3, stride=2),
    d2l.nin_block(384, kernel_size=3, strides=1, padding=1), nn.MaxPool2d(3, stride=2),
    nn.Dropout(0.5), d2l.nin_block(10, kernel_size=3, strides=1, padding=1),
    nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten())
googlenet = d2l.GoogleNet().net

book_models = {'AlexNet': (alexnet, 224), 'VGG-11': (vgg11, 224), 'NiN': (nin, 224),
               'GoogLeNet': (googlenet, 96)}
rows = {}
for name, (net, size) in book_models.items():
    with torch.no_grad():
        net(torch.zeros(1, 1, size, size))          # 지연 층의 모양 정하기
    total = d2l.num_params(net)
    fc = sum(d2l.num_params(m) for m in net.modules() if isinstance(m, nn.Linear))
    rows[name] = {'입력': f'{size}×{size}', '파라미터': total, '완전 연결 층': fc,
                  '완전 연결 층의 몫': f'{fc / total:.1%}'}
params_table = pd.DataFrame(rows).T
params_table

# %% [markdown]
# AlexNet은 약 4,680만 개, VGG-11은 약 1억 2,880만 개이고 둘 다 90% 넘게 완전 연결 층에 있습니다. NiN은 약 200만 개로 완전 연결 층이 하나도 없고, GoogLeNet은 약 600만 개에 완전 연결 층은 헤드의 10,250<!-- run -->개(0.2%<!-- run -->)뿐입니다. 두 방법이 줄인 곳이 다릅니다.
#
# * **헤드**: NiN과 GoogLeNet은 특성 맵을 펼치지 않고 전역 평균 풀링으로 채널마다 값 하나만 남기므로, 헤드의 크기가 해상도와 상관없이 (채널 수 × 클래스 수)입니다.
# * **바디**: GoogLeNet이 NiN보다 파라미터가 많은 것은 채널이 1024까지 넓은 인셉션 블록 아홉 개 때문이고, 그 블록들도 $1 \times 1$ 병목이 없었다면 약 4배였을 것입니다. NiN은 가장 넓은 블록이 384채널이고 마지막 블록은 10채널이라 바디가 작습니다. 다만 10채널뿐인 마지막 블록에는 나름의 문제가 있습니다(04 NiN 노트북의 「마지막 ReLU와 죽은 클래스 채널」 절과 연습문제 5).

# %% [markdown]
# ## 연습문제 8
#
# **추론.** 같은 $224 \times 224$ 입력에서 연산량을 세면 GoogLeNet이 약 3.0<!-- run 3.01 --> GFLOPs로 AlexNet(약 1.9<!-- run 1.88 --> GFLOPs)보다 오히려 많습니다. 그런데 파라미터는 8분의 1 정도입니다. 그래서 **파라미터 하나당 연산량**(가중치 하나를 메모리에서 읽어 올 때마다 하는 연산의 수, 산술 강도(arithmetic intensity)와 비슷한 값)이 크게 다릅니다. 합성곱 층의 가중치는 특성 맵의 모든 위치에서 다시 쓰이지만, 완전 연결 층의 가중치는 이미지 한 장에 한 번만 쓰이기 때문입니다.
#
# 이것이 가속기 설계에 뜻하는 것은 다음과 같습니다.
#
# * **메모리 크기와 대역폭**: AlexNet은 가중치가 32비트로 약 190MB라 칩 안에 담기 어렵고, 이미지 한 장마다 대부분을 칩 밖 메모리에서 읽어야 합니다. 배치가 작으면 계산보다 메모리 대역폭이 속도를 정합니다. GoogLeNet은 약 24MB(16비트면 12MB)라 큰 온칩 SRAM이나 캐시에 거의 다 들어가고, 계산 장치가 속도를 정합니다.
# * **연산 장치**: GoogLeNet처럼 산술 강도가 높은 망은 곱셈-덧셈 장치를 많이 넣을수록 빨라집니다. $1 \times 1$ 합성곱은 픽셀마다의 행렬 곱이라 행렬 곱 전용 장치(예: 시스톨릭 배열)에 잘 맞습니다.
# * **활성값과 특수 연산**: 분기 네 개의 출력을 이어 붙이는 `torch.cat`과 여러 분기의 중간 활성값은 메모리 이동을 늘립니다. 분기마다 행렬이 작아 연산 장치를 다 채우지 못하는 것도 부담입니다. 이어 붙이기를 메모리 배치만으로 처리하거나 여러 분기를 한 번에 계산하는 기능이 도움이 됩니다.
#
# Google의 첫 TPU(Jouppi 등, 2017)가 좋은 예입니다. 256×256 곱셈-덧셈 장치의 시스톨릭 배열과 수십 MiB의 온칩 메모리를 두었는데, 루프라인 분석에서 완전 연결 층이 주인 MLP와 LSTM은 가중치를 읽어 오는 메모리 대역폭에 묶인 반면 합성곱 신경망은 연산 쪽 한계에 가까웠다고 보고했습니다.
#
# **확인.** 연습문제 7의 두 모델로 $224 \times 224$ 한 장의 연산량, 파라미터 하나당 연산량, 32비트 가중치의 크기를 셉니다.

# %%
rows = {}
for name in ('AlexNet', 'GoogLeNet'):
    net = book_models[name][0]
    flops, params = d2l.count_flops(net, (1, 1, 224, 224)), d2l.num_params(net)
    rows[name] = {'GFLOPs (224×224 한 장)': round(flops / 1e9, 2), '파라미터 (백만)': round(params / 1e6, 2),
                  '파라미터 하나당 FLOPs': round(flops / params), '가중치 (MB, 32비트)': round(params * 4 / 1e6)}
pd.DataFrame(rows).T

# %% [markdown]
# 파라미터 하나당 연산량이 GoogLeNet은 약 500<!-- run 503.0 -->, AlexNet은 약 40<!-- run 40.0 -->으로 열 배 넘게 차이 납니다. 가중치 크기도 약 24<!-- run 24.0 -->MB 대 190<!-- run 187.0 -->MB입니다. 같은 칩에서 배치 크기가 작을수록 AlexNet이 연산 장치를 놀리는 시간이 길어지는 이유입니다.

# %% [markdown]
# ## 연습문제 9
#
# **추론.** 본문의 `cpu` 설정은 책의 설정과 해상도, 너비, 초기화, 훈련 방법, 에폭 수의 다섯 가지가 다릅니다. 이 문제는 해상도와 너비를 `cpu` 설정대로, 예산을 짧게 고정하고 초기화(책의 Xavier → He)와 훈련 방법(학습률 0.01인 SGD → 최고 학습률 0.002인 AdamW, 원사이클 등) 두 가지의 몫을 가립니다. 그러려면 2×2 네 조합을 모두 돌려야 합니다.
#
# 예상은 이렇습니다. Xavier 초기화는 ReLU가 신호의 절반을 0으로 만드는 것을 보정하지 않으므로, 신호의 분산이 층마다 줄어 22층을 지나면 로짓(logit)이 작아집니다. 역전파에서도 같은 일이 거꾸로 일어나 앞쪽 층의 기울기가 아주 작습니다. 기울기의 크기를 그대로 따르는 SGD는 앞쪽 층을 거의 움직이지 못하고, 파라미터마다 걸음을 기울기의 크기로 나눠 맞추는 AdamW는 작은 기울기에서도 학습률만큼 걷습니다.
#
# **확인 1.** 훈련 전의 로짓 크기와, 미니배치 하나의 손실에 대한 첫 합성곱 층(스템)과 마지막 완전 연결 층(헤드)의 기울기 크기를 봅니다(너비 0.25, $28 \times 28$, 배치 128장).

# %%
data_check = d2l.FashionMNIST(batch_size=128, resize=(28, 28), fraction=0.05)
X_batch, y_batch = next(iter(data_check.get_dataloader(True)))
for init in ('xavier', 'he'):
    net = d2l.NarrowGoogleNet(width=0.25)
    net.apply_init([X_batch], d2l.initializer(init))
    logits = net(X_batch)
    loss = F.cross_entropy(logits, y_batch)
    loss.backward()
    print(f'{init:6s} 초기화: 로짓의 표준편차 {logits.std().item():.3f}, 손실 {loss.item():.3f}, '
          f'기울기의 노름: 스템의 첫 합성곱 {net.net[0][0].weight.grad.norm().item():.1e}, '
          f'헤드 {net.net[-1].weight.grad.norm().item():.1e}')

# %% [markdown]
# 두 초기화 모두 처음 손실은 $\ln 10 \approx 2.30$ 근처이지만, Xavier 초기화에서는 로짓이 몇 배 작고 스템의 기울기가 수십 배 작습니다. 헤드의 기울기 차이는 그보다 작아, 기울기가 뒤에서 앞으로 전해지며 줄어든다는 것을 보여 줍니다.
#
# **확인 2.** 네 조합을 데이터의 5%로 2에폭씩 훈련합니다(학습률은 레시피에 딸린 값: 책의 방법 0.01, `cpu` 레시피 0.002).

# %%
runs, trainers = {}, {}
for init in ('xavier', 'he'):
    for recipe, lr in ((d2l.BOOK_RECIPE, 0.01), (d2l.CPU_RECIPE, 0.002)):
        name = f'{init} + {recipe.name}'
        runs[name], trainers[name] = short_run(d2l.NarrowGoogleNet(width=0.25, lr=lr), recipe, init)
summary(runs)

# %% [markdown]
# 표를 읽는 법은 이렇습니다(정확한 값은 위 출력).
#
# * **xavier + book**(책의 설정): 두 에폭 내내 훈련 손실이 약 2.30<!-- run 2.303 -->이고 검증 정확도가 무작위 추측 수준(0.1 안팎)입니다. 추론대로 SGD가 작은 기울기에서 움직이지 못합니다.
# * **하나만 바꾸면** 벗어납니다. He 초기화만 바꾸거나(he + book) 레시피만 바꾸면(xavier + cpu) 손실이 2.30 아래로 내려가고 검증 정확도가 0.1을 넘습니다.
# * **둘 다 바꾼** he + cpu(본문의 `cpu` 설정)가 가장 빨리 배웁니다.
# * **어느 쪽인가.** 이 예산에서는 두 변화의 몫이 비슷합니다. 하나만 바꾼 두 실행의 2에폭 뒤 검증 정확도는 약 0.36<!-- run 0.362 -->(xavier + cpu)과 약 0.33<!-- run 0.332 -->(he + book)으로 비슷하고, 검증 손실로는 레시피만 바꾼 쪽이 더 낮습니다(약 1.61<!-- run 1.607 --> 대 2.12<!-- run 2.120 -->). 둘을 함께 바꾸면 약 0.66<!-- run 0.660 -->으로 어느 하나만 바꾼 것보다 훨씬 높습니다. 곧 어느 한쪽이 차이를 만든다기보다 둘이 함께 만듭니다.
#
# 2에폭 × 3,000장이라는 아주 짧은 예산의 결과이므로, 책의 설정도 오래 훈련하면 결국 벗어날 수 있습니다(책의 실행은 10에폭 뒤 약 0.80). 이 예산에서 말할 수 있는 것은, 8에폭짜리 `cpu` 예산에서는 "처음에 갇혀 있는 시간"이 치명적이라 초기화와 레시피가 모두 그 시간을 줄인다는 것입니다.

# %% [markdown]
# ## 연습문제 10
#
# **추론.** SGD의 한 걸음은 학습률 × 기울기라서 기울기가 작은 층은 거의 움직이지 않습니다. AdamW는 기울기를 그 크기의 이동 평균(제곱근)으로 나누므로 층마다 걸음의 크기가 학습률 근처로 맞춰집니다. 그래서 AdamW에 맞춘 0.002를 SGD에 그대로 쓰면 너무 작고, 모멘텀 0.9인 SGD는 0.05 안팎이 필요할 것으로 예상합니다. 이 라이브러리의 원사이클 스케줄은 모멘텀이 있는 SGD에서 모멘텀도 학습률과 거꾸로 0.9 → 0.8 → 0.9로 바꿉니다(레시피 이름에 "학습률·모멘텀"으로 나옵니다).
#
# 가중치 감쇠도 그대로 두면 안 됩니다. AdamW의 가중치 감쇠는 걸음마다 가중치에 $1 - \eta\lambda$를 곱하므로(분리된 가중치 감쇠) $\eta = 0.002$, $\lambda = 0.05$에서 한 걸음에 0.01%만 줄입니다. PyTorch의 SGD에서는 $\lambda \mathbf{w}$가 기울기에 더해지므로 $\eta = 0.05$, $\lambda = 0.05$이면 한 걸음에 0.25%를 줄이고, 모멘텀 0.9가 이것을 약 $1/(1 - 0.9) = 10$배로 키워 한 걸음에 2.5% 가까이 됩니다. 수백 스텝이면 가중치가 거의 0으로 끌려갑니다. SGD에서 흔히 쓰는 값은 $\lambda = 5 \times 10^{-4}$ 안팎입니다.
#
# **확인.** 이 문제는 SGD가 움직일 스텝이 더 필요해 데이터를 20%(훈련 12,000장, 에폭당 94스텝)로 늘려 2에폭씩 훈련합니다. He 초기화로 AdamW(`cpu` 레시피), 옵티마이저만 바꾼 SGD(가중치 감쇠 0.05 그대로), 가중치 감쇠도 SGD에 맞춘 SGD($5 \times 10^{-4}$)를 비교합니다. SGD의 최고 학습률은 모두 0.05입니다.

# %%
sgd_recipe = d2l.CPU_RECIPE.replace(name='cpu-sgd', optimizer='sgd', momentum=0.9)
sgd_small_wd = sgd_recipe.replace(name='cpu-sgd-wd', weight_decay=5e-4)
optimizer_runs = {}
for recipe, lr in ((d2l.CPU_RECIPE, 0.002), (sgd_recipe, 0.05), (sgd_small_wd, 0.05)):
    print(recipe)
    optimizer_runs[f'{recipe.name}, 학습률 {lr}'], _ = short_run(
        d2l.NarrowGoogleNet(width=0.25, lr=lr), recipe, 'he', fraction=0.2)
summary(optimizer_runs)

# %% [markdown]
# 옵티마이저만 바꾼 SGD(`cpu-sgd`)는 가중치 감쇠 0.05에 눌려 무작위 추측 수준에 머뭅니다. 가중치 감쇠를 SGD에 맞추면(`cpu-sgd-wd`) 배우기 시작하지만, 이 짧은 예산에서는 AdamW보다 느립니다. 모멘텀 SGD도 충분히 길게 훈련하면 AdamW에 가깝게 따라오는 경우가 많지만, 그러려면 학습률과 가중치 감쇠를 옵티마이저에 맞게 다시 골라야 합니다. 이 셀은 가중치 감쇠만 하나씩 바꿔 쟀고, 학습률 0.002의 SGD는 재지 않았습니다. 학습률 쪽도 확인하려면 위 셀의 목록에 `(sgd_small_wd, 0.002)`를 더해 돌려 보세요. 10 모든 모델 비교 노트북의 「훈련 레시피」 절도 옵티마이저와 학습률을 함께 바꾼 비교라 둘의 몫을 나누지 못한다고 밝힙니다.

# %% [markdown]
# ## 연습문제 11
#
# **추론.** 레이블 스무딩 $\varepsilon$은 정답 클래스에 $1 - \varepsilon + \varepsilon/K$, 나머지 클래스에 $\varepsilon/K$의 확률을 주는 목표 분포 $q$로 교차 엔트로피를 잽니다($K = 10$). 모델이 $q$를 정확히 맞혀도 손실은 $q$의 엔트로피
#
# $$H(q) = -0.91 \ln 0.91 - 9 \cdot 0.01 \ln 0.01 \approx 0.086 + 0.414 = 0.500$$
#
# 아래로 내려가지 않습니다. 반면 레이블 스무딩이 없는 목표는 완벽하게 맞히면 손실이 0입니다. 곧 두 실행의 훈련 손실은 서로 다른 목표로 잰 값이라 비교할 수 없고, 같은 목표(보통의 교차 엔트로피)로 재는 **검증 손실과 검증 정확도**로 비교해야 합니다. 레이블 스무딩은 정답 로짓을 끝없이 키우지 않게 해 과신을 막는 규제입니다(Szegedy 등, 2016, Inception v3에서 처음 제안).
#
# **확인.** $H(q)$를 계산하고, 레이블 스무딩만 뺀 레시피로 연습문제 9의 he + cpu 실행과 비교합니다.

# %%
eps, K = 0.1, 10
q = torch.full((K,), eps / K)
q[0] += 1 - eps
print(f'레이블 스무딩 {eps}의 최소 훈련 손실 H(q) = {-(q * q.log()).sum().item():.3f}')
no_ls = d2l.CPU_RECIPE.replace(name='cpu-ls0', label_smoothing=0)
no_ls_history, _ = short_run(d2l.NarrowGoogleNet(width=0.25, lr=0.002), no_ls, 'he')
summary({'he + cpu (레이블 스무딩 0.1)': runs['he + cpu'], 'he + cpu-ls0 (레이블 스무딩 0)': no_ls_history})

# %% [markdown]
# 레이블 스무딩이 없는 실행의 훈련 손실이 더 낮게 나오는 것은 목표가 달라서일 뿐입니다. 검증 정확도는 거의 같고, 검증 손실은 레이블 스무딩이 없는 쪽이 조금 낮습니다. 레이블 스무딩으로 훈련한 모델은 맞힌 예제에서도 정답 확률을 1까지 올리지 않으므로, 보통의 교차 엔트로피로 재면 손실이 조금 남기 때문입니다. 한 번씩의 실행이라 작은 차이는 잡음과 구별되지 않습니다. 레이블 스무딩의 효과는 긴 훈련에서 과신이 쌓일 때 더 잘 드러납니다. 이 시리즈의 예산에서 재료마다 더하는 몫은 10 모든 모델 비교 노트북의 「훈련 레시피」 절이 ResNet으로 잰 표를 보세요.

# %% [markdown]
# ## 연습문제 12
#
# **추론.** 합성곱마다 뒤에 배치 정규화를 두면 초기화가 신호의 크기를 얼마로 만들든 다음 층은 채널마다 평균 0, 분산 1(학습되는 $\gamma, \beta$로 조정)로 다시 맞춘 값을 받습니다. 연습문제 9에서 Xavier 초기화가 문제였던 것은 22층을 지나며 신호의 분산이 줄어들기 때문이었습니다. 배치 정규화는 그 분산을 층마다 되돌리므로 초기화에 훨씬 덜 민감해질 것으로 예상합니다. 06 배치 정규화 노트북에서 본 대로 배치 정규화 바로 앞 합성곱의 편향은 쓸모가 없어지지만, 여기서는 비교를 단순하게 하려고 그대로 둡니다.
#
# **확인.** 모델의 `nn.LazyConv2d`마다 그 자리를 `nn.Sequential(합성곱, nn.LazyBatchNorm2d())`로 바꾸는 함수로 BN-GoogLeNet을 만들고, Xavier와 He 초기화로 `cpu` 레시피와 책의 방법에서 훈련해 연습문제 9의 배치 정규화 없는 실행과 나란히 놓습니다.

# %%
def with_batch_norm(module):
    """module 안의 LazyConv2d마다 뒤에 LazyBatchNorm2d를 붙입니다(BN-Inception의 핵심 변화)."""
    for name, child in module.named_children():
        if isinstance(child, nn.LazyConv2d):
            setattr(module, name, nn.Sequential(child, nn.LazyBatchNorm2d()))
        else:
            with_batch_norm(child)
    return module


bn_runs = {}
for init, recipe, lr in (('xavier', d2l.BOOK_RECIPE, 0.01), ('xavier', d2l.CPU_RECIPE, 0.002),
                         ('he', d2l.CPU_RECIPE, 0.002)):
    bn_runs[f'BN, {init} + {recipe.name}'], _ = short_run(
        with_batch_norm(d2l.NarrowGoogleNet(width=0.25, lr=lr)), recipe, init)
summary({**{f'BN 없음, {name}': runs[name] for name in ('xavier + book', 'xavier + cpu', 'he + cpu')},
         **bn_runs})

# %% [markdown]
# 배치 정규화를 넣으면 책의 설정(Xavier + 책의 방법)도 무작위 추측 수준을 벗어나고, `cpu` 레시피에서 Xavier와 He의 차이가 배치 정규화가 없을 때보다 훨씬 줄어듭니다. 초기화가 정하던 신호의 크기를 배치 정규화가 층마다 다시 맞추기 때문입니다. 곧 배치 정규화를 넣으면 **초기화에 덜 민감해진다**는 예상이 맞습니다.
#
# 다만 이 짧은 예산에서는 배치 정규화를 넣은 모델이 He 초기화의 배치 정규화 없는 모델(본문의 `cpu` 설정)보다 느리게 배웠습니다. 배치 정규화가 언제나 더 빨리 배우게 한다는 뜻은 아니고, 좋은 초기화가 이미 해 주던 일을 배치 정규화가 대신 해 준다는 뜻입니다. Ioffe와 Szegedy(2015)는 BN-Inception에서 배치 정규화 덕분에 학습률을 크게 올리고 드롭아웃을 빼는 등 설정을 함께 바꿔 훨씬 적은 스텝으로 같은 정확도에 닿았다고 보고했습니다. 배치 정규화 층마다 계산과 메모리가 조금씩 더 들고, 06 배치 정규화 노트북에서 본 훈련 모드와 예측 모드의 차이도 함께 들어옵니다.

# %% [markdown]
# ## 연습문제 13
#
# **추론.** 합성곱 층의 연산량은 $c_i c_o$에 비례하므로 너비를 0.25에서 0.5로 두 배 하면 거의 모든 층의 연산량이 4배가 됩니다(입력 채널이 1인 첫 층만 2배). 시간도 4배가 될까요? 너비가 작은 모델은 층마다 행렬이 작아 CPU의 벡터 연산 장치를 다 채우지 못하고, 층마다 드는 고정 비용(연산 호출, 메모리 할당, `torch.cat`)이 시간의 큰 몫을 차지합니다. 그래서 시간은 4배보다 덜 늘 것으로 예상합니다. 정확도는 너비가 넓을수록 표현력이 커지므로 조금 오를 수 있지만, 8에폭 예산에서 얼마나 오를지는 직접 재야 압니다.
#
# **확인.** 두 너비의 연산량을 세고, 같은 예산(데이터의 5%, 2에폭)으로 훈련해 에폭당 순수 훈련 시간(검증 제외)과 검증 정확도를 비교합니다. 너비 0.25는 연습문제 9의 he + cpu 실행이 바로 그 설정이라 다시 훈련하지 않고 그 기록을 씁니다.

# %%
wide = d2l.NarrowGoogleNet(width=0.5, lr=0.002)
wide_history, wide_trainer = short_run(wide, d2l.CPU_RECIPE, 'he')
narrow = d2l.NarrowGoogleNet(width=0.25)
narrow.apply_init([torch.zeros(1, 1, 28, 28)])
rows = {}
for name, net, history, trainer in (('너비 0.25', narrow, runs['he + cpu'], trainers['he + cpu']),
                                    ('너비 0.5', wide, wide_history, wide_trainer)):
    rows[name] = {'MFLOPs (28×28 한 장)': d2l.count_flops(net, (1, 1, 28, 28)) / 1e6,
                  '파라미터': d2l.num_params(net),
                  '에폭당 훈련 시간 (초)': trainer.train_seconds / len(history),
                  '2에폭 뒤 검증 정확도': history[-1]['val_acc']}
widths = pd.DataFrame.from_dict(rows, orient='index')
display(widths.round(3))
ratio = widths.loc['너비 0.5'] / widths.loc['너비 0.25']
print(f"비 (0.5 / 0.25): 연산량 {ratio['MFLOPs (28×28 한 장)']:.2f}배, 파라미터 {ratio['파라미터']:.2f}배, "
      f"에폭당 훈련 시간 {ratio['에폭당 훈련 시간 (초)']:.2f}배")

# %% [markdown]
# 연산량은 추론대로 약 3.8배<!-- run 3.84 -->인데, 에폭당 훈련 시간은 약 1.8배<!-- run 1.80 -->로 그보다 훨씬 작게 늡니다. 작은 모델에서는 연산량이 시간을 정하지 못한다는 뜻입니다. 계산 방법(bf16, channels_last)도 모델마다 따로 재어 고르므로, 그 차이도 비에 섞일 수 있습니다. 그래서 본문의 인터랙티브 (나)의 연산량으로 시간을 어림하면, 너비를 키울 때의 시간을 실제보다 크게 잡게 됩니다.
#
# 정확도는 이 실행에서 너비 0.5가 오히려 낮았습니다(2에폭 뒤 0.596<!-- run --> 대 0.660<!-- run -->). 파라미터가 4배인 모델을 3,000장으로 2에폭만 훈련하면 덜 훈련된 채로 끝나기 때문이고, 한 번씩의 실행이라 잡음도 큽니다. 8에폭 전체로 비교하려면 본문의 설정에서 `width=0.5`로 바꿔 훈련하세요. 시간은 위의 비만큼 늘어납니다.
