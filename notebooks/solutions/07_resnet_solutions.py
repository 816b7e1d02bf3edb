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
# # 잔차 네트워크 ResNet과 ResNeXt: 연습문제 풀이
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/solutions/07_resnet_solutions.ipynb)
#
# 이 노트북은 [07 ResNet 노트북](../07_resnet.ipynb) 끝에 있는 연습문제 13개의 풀이이고, 번호는 본문과 같습니다. 풀이를 읽기 전에 먼저 스스로 답을 적어 보고, 그다음 여기의 추론과 코드 출력으로 맞춰 보세요. 문제마다 추론, 확인하는 코드, 출력 읽기의 순서로 씁니다.
#
# **훈련 예산.** 문제 10~12는 훈련해야 답할 수 있습니다. `cpu` 프로필의 모델과 레시피는 그대로 두고, 데이터를 4분의 1(훈련 15,000장, 검증 2,500장)로 줄여 2에폭만 돌립니다. 한 번에 2코어 CPU로 10초 안팎이라 노트북 전체가 2분 안에 끝나지만, 정확도는 본문의 8에폭 실행보다 낮습니다. 검증 2,500장에서 정확도 하나의 표준오차는 $\sqrt{0.86 \times 0.14 / 2500} \approx 0.007$이고, 두 실행의 차이의 표준오차는 그 $\sqrt{2}$배인 약 0.01입니다(10 모든 모델 비교 노트북의 「잡음: 얼마나 달라야 "다르다"고 할까」 절). 그래서 0.01보다 작은 차이는 순위로 읽지 않고, 95% 기준인 약 0.02에 못 미치는 차이도 조심스럽게 읽으며, 같은 설정을 시드만 바꿔 한 번 더 돌린 결과도 함께 봅니다. 문제 13은 10 비교 노트북이 남긴 기준 실행을 읽어서 답합니다.
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
# 풀이에 쓰는 도구입니다. ResNet과 잔차 블록은 본문의 「구현」 절 코드를 담은 d2lmini의 `d2l.ResNet`과 `d2l.Residual`을 그대로 씁니다. `short_run`은 줄인 예산으로 한 번 훈련하고, `run_row`는 그 결과를 표 한 줄로 줄입니다.

# %%
import matplotlib.pyplot as plt
import pandas as pd
import torch
from torch import nn
from torch.nn import functional as F
import d2lmini as d2l


CPU_ARCH = ((1, 64), (1, 128))      # cpu 프로필의 모델


def short_run(model, resize=(28, 28), recipe=d2l.CPU_RECIPE, seed=0, after_init=None):
    """줄인 예산: 훈련·검증 데이터의 4분의 1로 2에폭. 나머지는 cpu 프로필의 훈련 셀과 같습니다."""
    trainer = d2l.Trainer(max_epochs=2, num_gpus=1, seed=seed, plot=False, progress=False)
    data = d2l.FashionMNIST(batch_size=128, resize=resize, fraction=0.25)
    recipe.apply(model, data)
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    if after_init is not None:
        after_init(model)
    return trainer.fit(model, data)


def run_row(history):
    """표 한 줄: 첫 에폭 훈련 손실, 마지막 검증 정확도, 6만 장으로 환산한 에폭당 초."""
    seconds = sum(history.column('seconds')) / len(history) * 4
    return {'첫 에폭 train_loss': round(history.column('train_loss')[0], 3),
            'val_acc': history.column('val_acc')[-1], '에폭당 초(6만 장)': round(seconds)}


# %% [markdown]
# ## 연습문제 1
#
# *인셉션 블록과 잔차 블록은 무엇이 다른가요? 연산량, 정확도, 함수 클래스의 관점에서 비교하고, 두 생각을 합칠 수 있을지 생각해 보세요.*
#
# **구조.** 인셉션 블록은 입력을 $1\times1$, $1\times1 \to 3\times3$, $1\times1 \to 5\times5$, $3\times3$ 최대 풀링 $\to 1\times1$의 네 분기에 나란히 보내고 출력을 **채널 방향으로 이어 붙입니다**. 출력 채널은 네 분기의 채널 수를 더한 값이고 입력 채널과 상관없습니다. 잔차 블록은 분기가 하나($3\times3$ 합성곱 두 개)이고, 그 출력에 입력을 **더합니다**. 그래서 출력 채널이 입력과 같아야 하고(아니면 $1\times1$ 숏컷), 블록 안에 입력이 그대로 지나가는 길이 있습니다.
#
# **연산량.** 인셉션 블록은 비싼 $3\times3$, $5\times5$ 합성곱 앞에 $1\times1$ 합성곱으로 채널을 줄여(병목) 여러 크기의 수용 영역을 싸게 얻는 데 초점을 둡니다. 잔차 블록은 같은 너비의 $3\times3$ 합성곱 두 개라 너비 $c$에서 가중치가 $2 \cdot 9c^2$로 너비의 제곱에 비례합니다. 아래 코드는 05 GoogLeNet 노트북의 첫 인셉션 블록(입력 192채널, 출력 256채널)과, 같은 입출력 채널을 가진 잔차 블록($1\times1$ 숏컷 포함)을 비교합니다. 05 노트북에서 이 블록은 12×12에서 돌지만, 여기서는 원 논문의 224×224 입력에서처럼 28×28에서 잽니다.
#
# **함수 클래스.** 잔차 블록은 $g = 0$이면 (ReLU 앞의 값이 음이 아닐 때) 항등 함수가 되므로, 블록을 더해도 옛 함수 클래스를 포함합니다. 인셉션 블록은 분기마다 ReLU를 거치고(한 분기는 최대 풀링도) 출력 채널 수도 입력과 달라 항등 함수를 정확히 표현하기 어렵고, 포함 관계가 보장되지 않습니다. 대신 한 블록 안에서 여러 크기의 특성을 함께 만들므로 블록 하나가 나타낼 수 있는 함수가 다양합니다.
#
# **합치기.** 두 생각은 합칠 수 있고, 실제로 Szegedy 등(2017, *Inception-v4, Inception-ResNet and the Impact of Residual Connections on Learning*)이 Inception-ResNet으로 보였습니다. 인셉션 분기의 출력을 이어 붙인 뒤 활성화 함수 없는 $1\times1$ 합성곱으로 입력 채널 수에 맞추고, 그 결과를 입력에 더합니다. 논문은 잔차 연결이 인셉션 망의 훈련을 크게 빠르게 했다고 보고했고, 필터가 1,000개를 넘는 넓은 블록에서는 더하기 전에 잔차를 0.1~0.3배로 줄여야 훈련이 안정되었다고 적었습니다. 아래의 `InceptionResNet`이 그 구조이고, 마지막 $1\times1$ 합성곱을 0으로 두면 블록 전체가 $\mathrm{ReLU}(\mathbf{x})$, 곧 음이 아닌 입력에서는 항등 함수가 되는지도 확인합니다.

# %%
class InceptionResNet(nn.Module):
    """Inception-ResNet 식의 블록: ReLU(x + scale · Conv1x1(인셉션 분기들을 이어 붙인 것))."""
    def __init__(self, channels, c1, c2, c3, c4, scale=1.0):
        super().__init__()
        self.inception = d2l.Inception(c1, c2, c3, c4)
        self.project = nn.LazyConv2d(channels, kernel_size=1)   # 활성화 함수 없이 채널을 입력에 맞춤
        self.scale = scale

    def forward(self, x):
        return F.relu(x + self.scale * self.project(self.inception(x)))


shape = (1, 192, 28, 28)
blocks = {'인셉션 블록 (192 → 256)': d2l.Inception(64, (96, 128), (16, 32), 32),
          '잔차 블록 (192 → 256, 1×1 숏컷)': d2l.Residual(256, use_1x1conv=True),
          'Inception-ResNet 블록 (192 → 192)': InceptionResNet(192, 64, (96, 128), (16, 32), 32)}
rows = []
for name, block in blocks.items():
    with torch.no_grad():
        out = block.eval()(torch.zeros(shape))
    rows.append({'블록': name, '출력 모양': str(tuple(out.shape)), '파라미터': d2l.num_params(block),
                 'MFLOPs (28×28 한 장)': round(d2l.count_flops(block, shape) / 1e6, 1)})
display(pd.DataFrame(rows).set_index('블록'))

block = blocks['Inception-ResNet 블록 (192 → 192)']
nn.init.zeros_(block.project.weight)
nn.init.zeros_(block.project.bias)
x = torch.rand(2, 192, 28, 28)          # 음이 아닌 입력(앞 블록의 ReLU 출력처럼)
print('1×1 합성곱을 0으로 둔 Inception-ResNet 블록이 항등 함수인가:', torch.equal(block(x), x))

# %% [markdown]
# 표에서 읽을 것은 두 가지입니다. 같은 192 → 256채널을 만드는 데 인셉션 블록은 파라미터 163,696<!-- run -->개와 28×28 한 장에 약 256<!-- run 256.1 --> MFLOPs를 쓰고, 잔차 블록은 1,083,136<!-- run -->개와 약 1,696<!-- run 1,695.5 --> MFLOPs로 여섯 배 넘게 씁니다. 인셉션 블록은 $1\times1$ 병목으로 $3\times3$, $5\times5$ 분기의 입력을 96채널과 16채널로 줄였고, 잔차 블록은 두 $3\times3$ 합성곱이 모두 256채널에서 돌기 때문입니다. 다만 이것은 입출력 채널을 맞춘 한 가지 비교일 뿐이고, 잔차 블록도 병목(연습문제 4)을 쓰면 훨씬 가벼워집니다. Inception-ResNet 블록은 인셉션 블록에 $1\times1$ 투영(256 → 192채널) 하나를 더한 만큼 커졌고, 투영을 0으로 두면 정확히 항등 함수가 되었습니다(`True`).

# %%
runs = d2l.reference_results()
runs.loc[runs.notebook.isin(['05_googlenet', '07_resnet']),
         ['notebook', 'model', 'resize', 'params', 'flops', 'minutes', 'val_acc']]

# %% [markdown]
# **정확도.** 이 시리즈의 기준 실행에서는 같은 레시피로 같은 8에폭을 훈련해 GoogLeNet이 약 0.893<!-- run 0.8927 -->, ResNet이 약 0.923<!-- run 0.9232 -->입니다. 그러나 05 노트북의 GoogLeNet은 너비를 4분의 1로 줄였고, 책처럼 배치 정규화가 없어 Xavier 대신 He 초기화로 시작하며, 연산량도 ResNet보다 훨씬 적어서(표의 `flops` 열), 이 차이를 블록 모양의 차이로만 읽을 수는 없습니다. Szegedy 등(2017)도 잔차 연결을 더해서 얻은 가장 큰 이득을 정확도보다 **훈련 속도**로 보고했습니다. 두 블록의 차이는 한 블록이 얼마나 다양한 특성을 만드느냐(인셉션)와 블록을 깊게 쌓아도 훈련이 쉬우냐(잔차)에 있고, 둘은 함께 쓸 수 있습니다.
#
# ## 연습문제 2
#
# *함수 클래스가 포함 관계에 있어도 왜 복잡도를 끝없이 키울 수 없을까요?*
#
# 포함 관계 $\mathcal{F} \subseteq \mathcal{F}'$가 보장하는 것은 "$\mathcal{F}'$ 안의 **가장 좋은** 함수가 $\mathcal{F}$ 안의 가장 좋은 함수보다 나쁘지 않다"는 것뿐입니다. 실제로 그 함수를 얻으려면 세 가지 장벽이 남습니다.
#
# 1. **비용.** 블록을 하나 더할 때마다 파라미터, 연산량, 역전파를 위해 저장하는 활성값이 그만큼 늘어납니다. 같은 너비라면 깊이에 정비례하므로, 정해진 계산 예산 안에서는 깊이를 끝없이 늘릴 수 없습니다. 아래 표는 단계마다 블록 수 $m$을 늘린 ResNet의 비용이 $m$에 거의 정비례해 자라는 것을 보여 줍니다.
# 2. **일반화.** "가장 좋은 함수"는 데이터의 참 분포에서 잰 것이지만, 우리는 유한한 훈련 데이터로 고릅니다. 클래스가 커질수록 훈련 데이터에만 맞는 함수도 많아져 과대적합(overfitting)의 위험이 커집니다. 원 논문(He 등, 2016a, 4.2절)의 CIFAR-10 실험에서 1,202층 ResNet은 110층 ResNet과 훈련 오차는 비슷했지만 테스트 오차가 7.93%로 110층의 6.43%보다 나빴고, 저자들은 그 까닭을 과대적합으로 보았습니다.
# 3. **최적화.** 포함 관계는 표현할 **수 있다**는 말이지 SGD가 그 함수를 **찾는다**는 보장이 아닙니다. 잔차 연결은 찾기 쉽게 만들 뿐이고, 층이 많을수록 학습률·초기화·정규화를 맞추기가 어려워지며 한 번 훈련하는 데 드는 시간도 늘어납니다.
#
# 그래서 실제 설계는 정해진 예산에서 깊이·너비·해상도를 함께 고르는 문제가 됩니다(09 RegNet 노트북의 설계 공간, 그리고 Tan과 Le(2019)의 EfficientNet이 깊이·너비·해상도를 함께 키운 방식).

# %%
rows = []
for m in (1, 2, 4):
    arch = tuple((m, c) for c in (64, 128, 256, 512))
    model = d2l.ResNet(arch)
    rows.append({'단계마다 블록 수 m': m, '가중치 층': 2 + 8 * m,
                 '파라미터 (백만)': round(d2l.num_params(model, (1, 1, 96, 96)) / 1e6, 2),
                 'GFLOPs (96×96 한 장)': round(d2l.count_flops(model, (1, 1, 96, 96)) / 1e9, 2)})
pd.DataFrame(rows).set_index('단계마다 블록 수 m')

# %% [markdown]
# 블록 수를 두 배로 할 때마다 파라미터(4.91<!-- run --> → 11.18<!-- run --> → 23.72<!-- run -->백만)와 연산량(0.30<!-- run --> → 0.64<!-- run --> → 1.32<!-- run --> GFLOPs)도 두 배 남짓으로 늘어납니다. 깊이를 두 배로 하면 훈련 시간도 두 배쯤 들고, 그만큼 더 좋아진다는 보장은 위의 세 가지 이유로 없습니다.
#
# ## 연습문제 3
#
# *덧셈 뒤의 ReLU를 없애고 BN → ReLU → 합성곱 순서로 바꾼 "사전 활성화" 잔차 블록을 만들면 기울기 그림이 어떻게 달라지나요?*
#
# 사전 활성화 블록은 $\mathbf{x}_{l+1} = \mathbf{x}_l + \mathrm{Conv}(\mathrm{ReLU}(\mathrm{BN}(\mathbf{x}_l)))$입니다(He 등, 2016b). 덧셈 뒤에 아무것도 없으므로 개념 절의 식 $\mathbf{x}_L = \mathbf{x}_l + \sum_{i=l}^{L-1} g_i(\mathbf{x}_i)$가 정확히 성립하고, 출력 쪽 기울기가 ReLU의 0인 구간에 막히지 않고 첫 층까지 그대로 닿습니다. 그러니 층마다의 기울기 노름이 덧셈 뒤에 ReLU가 있는 블록보다 더 고르게 될 것이라고 예상할 수 있습니다.
#
# 07 ResNet 노트북의 인터랙티브 (나)와 같은 실험을 세 가지 층으로 되풀이합니다: 평범한 층, 덧셈 뒤에 ReLU가 있는 잔차 층(`post`), 사전 활성화 잔차 층(`pre`). 아래 `Stacked`와 `gradient_norms`는 문제 8, 9에서도 씁니다.

# %%
class Stacked(nn.Module):
    """쌓는 층 하나. kind: 'plain' = ReLU(BN(Conv x)), 'post' = ReLU(BN(Conv x) + x),
    'pre' = x + Conv(ReLU(BN x)). bn=False면 배치 정규화를 뺍니다."""
    def __init__(self, channels, kind, bn=True):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        self.bn = nn.BatchNorm2d(channels) if bn else nn.Identity()
        self.kind = kind

    def forward(self, X):
        if self.kind == 'pre':
            return X + self.conv(F.relu(self.bn(X)))
        Y = self.bn(self.conv(X))
        return F.relu(Y + X) if self.kind == 'post' else F.relu(Y)


def gradient_norms(depth, kind, bn=True, zero_gamma=False, channels=16):
    """실제 미니배치 64장으로 한 번 역전파한 뒤 [첫 층, 쌓은 층 1, ..., N]의 가중치 기울기 노름과,
    쌓은 층 뒤 출력의 표준편차."""
    torch.manual_seed(0)
    layers = [nn.Conv2d(1, channels, kernel_size=3, padding=1), nn.BatchNorm2d(channels), nn.ReLU()]
    layers += [Stacked(channels, kind, bn) for _ in range(depth)]
    net = nn.Sequential(*layers, nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Linear(channels, 10))
    net.apply(d2l.init_cnn)
    if zero_gamma:
        for layer in net:
            if isinstance(layer, Stacked):
                nn.init.zeros_(layer.bn.weight)
    F.cross_entropy(net(X_batch), y_batch).backward()
    with torch.no_grad():
        spread = net[:-3](X_batch).std().item()
    convs = [net[0]] + [layer.conv for layer in net if isinstance(layer, Stacked)]
    return [conv.weight.grad.norm().item() for conv in convs], spread


def gradient_table(depths=(1, 4, 16, 32, 64), **settings):
    """깊이마다: 첫 층 기울기 노름, 첫 층 / 마지막 쌓은 층의 비, 출력의 표준편차."""
    rows = {}
    for depth in depths:
        norms, spread = gradient_norms(depth, **settings)
        rows[depth] = {'첫 층 노름': f'{norms[0]:.3g}', '첫 층 / 마지막 층': f'{norms[0] / norms[-1]:.3g}',
                       '출력 표준편차': f'{spread:.3g}'}
    return pd.DataFrame(rows).rename_axis(columns='깊이 N')


X_batch, y_batch = next(iter(d2l.FashionMNIST(batch_size=64).get_dataloader(True)))
for kind in ('plain', 'post', 'pre'):
    print(f'--- {kind}: 배치 정규화 있음')
    display(gradient_table(kind=kind))

# %% [markdown]
# 예상대로입니다. 사전 활성화 층(`pre`)에서는 첫 층과 마지막 쌓은 층의 기울기 노름의 비가 깊이 64에서도 약 1.3<!-- run 1.26 -->이라, 덧셈 뒤에 ReLU가 있는 층(`post`, 약 13.8<!-- run -->)보다 층마다의 기울기가 훨씬 고릅니다. 평범한 층(`plain`)은 깊이 32에서 이미 그 비가 약 57<!-- run 56.9 -->입니다. 한편 `pre`에서도 출력의 표준편차는 깊이에 따라 커집니다(깊이 64에서 약 6.0<!-- run 5.96 -->). 덧셈 뒤에 값을 되돌리는 층이 없어서 층마다 더한 항의 분산이 쌓이기 때문이고, 그래서 사전 활성화 ResNet(He 등, 2016b)은 마지막 블록 뒤, 풀링 앞에 배치 정규화와 ReLU를 한 번 더 둡니다.
#
# ## 연습문제 4
#
# *채널 256인 입력에 대해 $3\times3$ 합성곱 두 개짜리 블록과, 64채널로 줄이는 병목 블록의 파라미터 수를 비교해 보세요.*
#
# 합성곱 층의 파라미터는 $c_i c_o k_h k_w + c_o$, 배치 정규화 층은 $2c$입니다.
#
# * **기본 블록**(256 → 256 → 256, $3\times3$ 두 개): $2 \times (9 \cdot 256 \cdot 256 + 256) = 2 \times 590{,}080 = 1{,}180{,}160$, 배치 정규화 두 개 $2 \times 512 = 1{,}024$, 합계 $1{,}181{,}184$개.
# * **병목 블록**(256 → 64 → 64 → 256): $1\times1$ 축소 $256 \cdot 64 + 64 = 16{,}448$, $3\times3$ $9 \cdot 64 \cdot 64 + 64 = 36{,}928$, $1\times1$ 복원 $64 \cdot 256 + 256 = 16{,}640$, 배치 정규화 $128 + 128 + 512 = 768$, 합계 $70{,}784$개.
#
# 병목 블록이 약 16.7배 가볍습니다. 값비싼 $3\times3$ 합성곱이 넓은 256채널이 아니라 좁은 64채널에서 돌기 때문입니다. 원 논문(He 등, 2016a)이 ResNet-50 이상에 이 블록을 쓴 까닭이고, 논문은 256채널 병목 블록의 연산량이 64채널 기본 블록과 비슷하다고 설명합니다. 아래 `Bottleneck`은 문제 5에서도 씁니다.

# %%
class Bottleneck(nn.Module):
    """병목 잔차 블록: 1x1(채널 b) → 3x3(b) → 1x1(4b), 각 합성곱 뒤에 BN. 숏컷은 모양이 다르면 1x1."""
    def __init__(self, bot_channels, strides=1, use_1x1conv=False):
        super().__init__()
        out = 4 * bot_channels
        self.conv1 = nn.LazyConv2d(bot_channels, kernel_size=1)
        self.conv2 = nn.LazyConv2d(bot_channels, kernel_size=3, padding=1, stride=strides)
        self.conv3 = nn.LazyConv2d(out, kernel_size=1)
        self.bn1, self.bn2, self.bn3 = nn.LazyBatchNorm2d(), nn.LazyBatchNorm2d(), nn.LazyBatchNorm2d()
        self.shortcut = (nn.Sequential(nn.LazyConv2d(out, kernel_size=1, stride=strides), nn.LazyBatchNorm2d())
                         if use_1x1conv else nn.Identity())

    def forward(self, X):
        Y = F.relu(self.bn1(self.conv1(X)))
        Y = F.relu(self.bn2(self.conv2(Y)))
        Y = self.bn3(self.conv3(Y))
        return F.relu(Y + self.shortcut(X))


shape = (1, 256, 14, 14)
print('기본 블록 (256채널):', f'{d2l.num_params(d2l.Residual(256), shape):,}')
print('병목 블록 (256 → 64 → 64 → 256):', f'{d2l.num_params(Bottleneck(64), shape):,}')

# %% [markdown]
# 출력이 식과 같습니다: 기본 블록 1,181,184<!-- run -->개, 병목 블록 70,784<!-- run -->개.
#
# ## 연습문제 5
#
# *ResNet-34를 `arch`로 만들어 파라미터 수와 연산량을 ResNet-18과 비교하고, ResNet-50 이상을 이 클래스로 만들 수 없는 까닭을 말해 보세요.*
#
# 원 논문의 표 1에서 ResNet-34는 단계마다 기본 블록 (3, 4, 6, 3)개이므로 가중치 층이 $1 + 2 \times 16 + 1 = 34$개입니다. 블록 수만 바뀌므로 `d2l.ResNet(((3, 64), (4, 128), (6, 256), (3, 512)))`로 만들 수 있습니다. 단계마다 연산량이 비슷하다는 것(07 ResNet 노트북의 「모양 확인」 절)을 떠올리면, 블록이 $2+2+2+2 = 8$개에서 $16$개로 두 배가 되었으므로 연산량도 약 두 배가 될 것입니다. 파라미터는 셋째 단계(256채널, 블록 2 → 6개)와 넷째 단계(512채널, 블록 2 → 3개)가 거의 같은 만큼 늘립니다. 셋째 단계는 블록이 네 개, 넷째 단계는 한 개 늘지만 512채널 블록 하나가 256채널 블록의 약 네 배이기 때문입니다.
#
# ResNet-50, 101, 152는 (3, 4, 6, 3), (3, 4, 23, 3), (3, 8, 36, 3)개의 **병목 블록**을 쓰고 단계의 출력 채널이 256, 512, 1024, 2048입니다. `d2l.ResNet.block`은 기본 블록(`Residual`)만 만들므로, 문제 4의 `Bottleneck`으로 단계를 만드는 하위 클래스가 필요합니다. 아래의 `BottleneckResNet`이 그것입니다.

# %%
class BottleneckResNet(d2l.ResNet):
    """arch의 (병목 블록 수, 병목 채널 수)마다 단계 하나. 단계의 출력 채널은 병목 채널의 4배."""
    def block(self, num_residuals, num_channels, first_block=False):
        return nn.Sequential(*[
            Bottleneck(num_channels, strides=1 if first_block or i else 2, use_1x1conv=(i == 0))
            for i in range(num_residuals)])


shape = (1, 1, 96, 96)
models = {'ResNet-18': d2l.ResNet18(),
          'ResNet-34': d2l.ResNet(((3, 64), (4, 128), (6, 256), (3, 512))),
          'ResNet-50': BottleneckResNet(((3, 64), (4, 128), (6, 256), (3, 512)))}
pd.DataFrame({name: {'파라미터 (백만)': round(d2l.num_params(model, shape) / 1e6, 2),
                     'GFLOPs (96×96 한 장)': round(d2l.count_flops(model, shape) / 1e9, 2)}
              for name, model in models.items()}).T

# %% [markdown]
# ResNet-34는 파라미터 21.29<!-- run -->백만, 연산량 1.32<!-- run --> GFLOPs로 ResNet-18(11.18<!-- run -->백만, 0.64<!-- run --> GFLOPs)의 두 배쯤입니다. 원 논문의 표 1(224×224, 클래스 1,000개)에서도 ResNet-18과 ResNet-34는 1.8 대 3.6 GFLOPs(곱셈-덧셈 기준)로 같은 비입니다. 병목 블록으로 만든 ResNet-50은 층이 16개 더 많은데도 연산량이 1.47<!-- run --> GFLOPs로 ResNet-34보다 조금 많을 뿐이고(논문의 표 1: 3.8 대 3.6), 파라미터는 23.55<!-- run -->백만입니다. 병목 블록의 $3\times3$ 합성곱이 좁은 채널에서 돌기 때문입니다.
#
# ## 연습문제 6
#
# *`ResNet`의 스템 채널 수를 인자로 받도록 `b1`을 고치면 첫 단계의 채널 제약이 어떻게 풀리나요?*
#
# 제약의 원인은 첫 단계의 블록이 모두 항등 숏컷이라 스템의 출력(64채널)을 그대로 더한다는 데 있었습니다. 스템이 첫 단계의 채널 수를 내게 하면 덧셈의 두 항이 늘 같은 채널 수를 가지므로 제약이 사라집니다. 하위 클래스에서 `b1`만 다시 정의하고, 스템 채널을 `arch[0][1]`에서 가져오면 됩니다.

# %%
class FlexibleStemResNet(d2l.ResNet):
    """스템의 출력 채널을 첫 단계의 채널 수와 같게 둡니다."""
    def b1(self):
        return nn.Sequential(
            nn.LazyConv2d(self.arch[0][1], kernel_size=7, stride=2, padding=3),
            nn.LazyBatchNorm2d(), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2, padding=1))


small = FlexibleStemResNet(arch=((1, 16), (1, 32)))
small.layer_summary((1, 1, 28, 28))
print(f'파라미터 {d2l.num_params(small, (1, 1, 28, 28)):,} '
      f'(cpu 프로필의 ResNet: {d2l.num_params(d2l.ResNet(CPU_ARCH), (1, 1, 28, 28)):,})')

# %% [markdown]
# 스템이 16채널을 내므로 `arch=((1, 16), (1, 32))`도 오류 없이 만들어지고, 파라미터는 20,426<!-- run -->개로 `cpu` 프로필 모델(309,002<!-- run -->개)의 15분의 1쯤입니다. 첫 단계의 채널 수를 줄여 작은 모델을 만들 수 있게 된 것입니다.
#
# ## 연습문제 7
#
# *28×28 입력에 맞게 스템을 $3\times3$ 합성곱(스트라이드 1) 하나로 바꾸고 최대 풀링을 없애면 해상도와 연산량은 어떻게 달라지나요?*
#
# 원래 스템은 스트라이드 2인 합성곱과 최대 풀링으로 해상도를 $28 \to 14 \to 7$로 4분의 1로 줄입니다(96×96처럼 큰 입력을 위한 설계). $3\times3$ 합성곱(패딩 1, 스트라이드 1)만 두면 $\lfloor (28 - 3 + 2)/1 \rfloor + 1 = 28$로 해상도가 그대로이고, `cpu` 프로필의 두 단계는 $28 \to 14$에서 돕니다. 합성곱의 연산량은 출력 면적에 비례하므로 첫 단계의 연산량은 $(28/7)^2 = 16$배가 되고, 둘째 단계는 $(14/4)^2 \approx 12$배가 됩니다(원래 스템 뒤에서 둘째 단계는 $\lceil 7/2 \rceil = 4$, 곧 4×4에서 돌았습니다). CIFAR-10처럼 작은 이미지에서 ResNet을 쓸 때 흔히 하는 변형이고, 원 논문의 CIFAR-10 모델도 $3\times3$ 합성곱 하나로 시작합니다.

# %%
class SmallImageResNet(d2l.ResNet):
    """작은 이미지용 스템: 3x3 합성곱(스트라이드 1, 64채널) → BN → ReLU, 풀링 없음."""
    def b1(self):
        return nn.Sequential(nn.LazyConv2d(64, kernel_size=3, padding=1), nn.LazyBatchNorm2d(), nn.ReLU())


shape = (1, 1, 28, 28)
for name, model in (('원래 스템', d2l.ResNet(CPU_ARCH)), ('3×3 스템', SmallImageResNet(CPU_ARCH))):
    print(f'--- {name}: {d2l.count_flops(model, shape) / 1e6:.1f} MFLOPs, '
          f'파라미터 {d2l.num_params(model, shape):,}')
    model.layer_summary(shape)

# %% [markdown]
# $3\times3$ 스템에서는 두 단계가 28×28과 14×14에서 돌고, 연산량이 15.8<!-- run --> MFLOPs에서 206.4<!-- run --> MFLOPs로 약 13배가 됩니다. 첫 단계의 16배와 둘째 단계의 약 12배 사이의 값이고, 스템의 연산량은 오히려 조금 줄었습니다(출력은 14×14에서 28×28로 네 배가 되었지만 커널은 49칸에서 9칸이 되었습니다). 파라미터는 스템의 커널이 $7\times7$에서 $3\times3$으로 작아진 만큼만 줄었습니다(309,002<!-- run --> → 306,442<!-- run -->개, 곧 $64 \times (49 - 9) = 2{,}560$개). 해상도를 지키면 작은 이미지의 세부를 더 잘 볼 수 있지만, 같은 4분 예산 안에서는 에폭 수를 그만큼 줄여야 합니다.
#
# ## 연습문제 8
#
# *인터랙티브 (나)에서 배치 정규화를 빼면 평범한 망과 잔차 망의 첫 층 기울기가 깊이에 따라 어떻게 변하나요?*
#
# 배치 정규화가 없으면 층마다 신호의 크기를 되돌려 주는 장치가 없습니다. 평범한 망에서는 야코비안의 곱이 층마다 1보다 작은 배율로 곱해져 입력 쪽 기울기가 기하급수적으로 작아질 것입니다(기울기 소실). 잔차 망에서는 $\mathbf{x}_{l+1} = \mathrm{ReLU}(\mathrm{Conv}(\mathbf{x}_l) + \mathbf{x}_l)$이라 층마다 새 항이 **더해지므로** 순전파 값의 분산이 층마다 커지고, 기울기도 함께 커집니다. 출력의 표준편차를 함께 봅니다.

# %%
for kind in ('plain', 'post'):
    print(f'--- {kind}: 배치 정규화 없음')
    display(gradient_table(kind=kind, bn=False))

# %% [markdown]
# 예상대로입니다. 배치 정규화가 없는 평범한 망은 깊이 16에서 첫 층의 노름이 약 0.00059<!-- run 0.000591 -->, 깊이 64에서는 $5.8 \times 10^{-12}$로 사실상 0이 됩니다(기울기 소실). 덧셈 뒤에 ReLU가 있는 잔차 망은 반대로 출력의 표준편차가 깊이 64에서 $3.45 \times 10^{6}$까지 커지고 첫 층의 기울기도 $4 \times 10^{6}$ 남짓으로 폭발합니다. 배치 정규화는 층마다 값의 크기를 되돌려 이 두 극단을 모두 막고, 그 위에서 잔차 연결이 층마다의 기울기를 고르게 만듭니다(문제 3의 표). 배치 정규화 없이 깊은 잔차 망을 훈련하려면 Fixup(Zhang 등, 2019)처럼 잔차 분기의 초기 가중치를 깊이에 맞춰 줄이는 초기화가 필요합니다.
#
# ## 연습문제 9
#
# *"zero $\gamma$" 초기화를 인터랙티브 (나)의 잔차 망에 하면 첫 층의 기울기 노름은 깊이에 따라 어떻게 되나요?*
#
# $\gamma = 0$이면 쌓은 층의 배치 정규화 출력이 $0 \cdot \hat{\mathbf{x}} + \beta = \beta = 0$이므로 층은 $\mathrm{ReLU}(0 + \mathbf{x}_l) = \mathbf{x}_l$을 냅니다($\mathbf{x}_l$은 앞의 ReLU를 지나 음이 아닙니다). 곧 쌓은 층이 모두 **정확한 항등 함수**가 되어, 깊이와 상관없이 망은 "첫 층 + 헤드"인 얕은 망과 같은 함수를 계산합니다. 그러니 첫 층의 기울기는 깊이에 따라 커지지도 작아지지도 않습니다. 한편 쌓은 층의 합성곱 가중치 기울기는 $\gamma = 0$을 곱해 지나가므로 정확히 0입니다. 훈련이 시작되면 먼저 $\gamma$가 기울기를 받아 0에서 벗어나고, 그다음에 합성곱이 배우기 시작합니다.

# %%
rows = {}
for depth in (1, 4, 16, 32, 64):
    norms, _ = gradient_norms(depth, 'post', zero_gamma=True)
    rows[depth] = {'첫 층 노름': f'{norms[0]:.3g}', '쌓은 층 노름의 최댓값': max(norms[1:])}
pd.DataFrame(rows).rename_axis(columns='깊이 N')

# %% [markdown]
# 쌓은 층의 합성곱 기울기는 깊이와 상관없이 정확히 0이고, 첫 층의 노름은 깊이 1에서 64까지 0.3~0.9 사이에 머뭅니다. 깊이마다 값이 조금씩 다른 것은 층 수에 따라 첫 층과 헤드의 초기 가중치가 모두 달라지기 때문입니다(층을 모두 만든 뒤에 Xavier 초기화가 난수를 다시 뽑으므로, 쌓은 층이 많을수록 난수를 쓰는 차례가 바뀝니다). 기본 초기화의 잔차 망(문제 3의 `post`)에서 깊이 64의 첫 층 노름이 약 5.2<!-- run 5.23 -->였던 것과 비교하면, zero $\gamma$로 시작한 망은 깊이와 상관없이 얕은 망처럼 출발합니다.
#
# ## 연습문제 10
#
# *"zero $\gamma$" 초기화로 이 노트북의 모델을 줄인 예산(데이터의 4분의 1, 2에폭)으로 훈련하면 첫 에폭의 훈련 손실과 2에폭 뒤의 검증 정확도가 기본 초기화와 어떻게 다른가요?*
#
# 문제 9에서 본 것처럼 zero $\gamma$로 시작한 망은 잔차 블록이 모두 (거의) 항등 함수라 얕은 망처럼 출발합니다. Goyal 등(2017)과 Tong He 등(2019)은 이것이 **큰 배치**와 큰 학습률로 훈련할 때 초기 훈련을 안정시킨다고 보고했습니다. 이 노트북의 모델은 잔차 블록이 두 개뿐이고 배치도 128로 작아서, 얕은 망과 깊은 망의 차이가 애초에 작습니다. 그러니 효과도 작을 것이라고 예상합니다.
#
# 아래는 줄인 예산(데이터의 4분의 1, 2에폭)의 훈련입니다. 원사이클 스케줄이 2에폭에 들어가므로 첫 에폭은 학습률이 최고점까지 오르는 워밍업 구간입니다. 기본 초기화를 시드 0과 1로 두 번 돌려 같은 설정이 시드만으로 얼마나 흔들리는지 먼저 잽니다. 이 두 실행은 문제 11, 12의 기준으로도 씁니다.

# %%
def zero_gamma(model):
    for module in model.modules():
        if isinstance(module, d2l.Residual):
            nn.init.zeros_(module.bn2.weight)


results = {}
for seed in (0, 1):
    results[f'기본 (시드 {seed})'] = run_row(short_run(d2l.ResNet(CPU_ARCH, lr=0.002), seed=seed))
results['zero γ (시드 0)'] = run_row(short_run(d2l.ResNet(CPU_ARCH, lr=0.002), after_init=zero_gamma))
pd.DataFrame.from_dict(results, orient='index')     # 열마다 제 자료형(정수는 정수로)

# %% [markdown]
# 줄인 예산에서 zero $\gamma$는 오히려 나빴습니다. 첫 에폭의 훈련 손실이 1.511<!-- run -->로 기본 초기화(시드 0은 1.149<!-- run -->, 시드 1은 1.136<!-- run -->)보다 뚜렷이 크고, 2에폭 뒤 검증 정확도도 0.8532<!-- run -->로 기본(0.8632<!-- run -->)보다 0.010 낮습니다. 이 정확도 차이는 시드만 바꾼 기본 두 실행의 차이(0.8632<!-- run --> 대 0.8664<!-- run -->)의 세 배쯤이지만 앞에서 정한 0.01 기준에 겨우 닿는 크기라, 더 분명한 차이는 첫 에폭의 손실 쪽입니다. 블록이 두 개뿐인 이 모델에는 깊이에서 오는 어려움이 애초에 없어서, 블록이 항등 함수로 출발하는 이득은 없고 $\gamma$가 0에서 자라기를 기다리는 만큼 출발만 늦어진 것으로 읽을 수 있습니다. 8에폭 전체로 훈련하면 이 차이가 줄어들 수 있으니, 궁금하면 07 ResNet 노트북의 훈련 셀에서 직접 확인해 보세요. zero $\gamma$는 블록이 수십 개이고 배치가 큰 훈련을 위한 요령입니다(Goyal 등, 2017).
#
# ## 연습문제 11
#
# *`arch`를 `((2, 64), (2, 128))`이나 `((1, 64), (1, 128), (1, 256))`로 바꾸거나 해상도를 56으로 올리면 연산량, 에폭당 시간, 정확도가 어떻게 달라지나요?*
#
# 먼저 비용을 식으로 어림합니다. 단계마다 연산량이 비슷하므로 블록을 두 배로 하면 바디의 연산량도 약 두 배입니다. 셋째 단계(256채널)는 해상도가 $4 \to 2$로 작은 곳에서 돌아 연산량은 조금 늘지만, 파라미터는 $9 \cdot 256^2$ 항 때문에 크게 늡니다. 해상도를 56으로 올리면 면적이 4배라 연산량도 약 4배입니다. 에폭당 시간은 연산량을 대체로 따라가지만, 작은 모델은 계산 장치를 덜 바쁘게 쓰므로 정확히 비례하지는 않습니다. 아래 표의 "에폭당 초"는 줄인 예산에서 잰 에폭 시간을 6만 장으로 환산한 값입니다.

# %%
variants = {'cpu 프로필 ((1, 64), (1, 128)), 28px': (CPU_ARCH, (28, 28)),
            '((2, 64), (2, 128)), 28px': (((2, 64), (2, 128)), (28, 28)),
            '((1, 64), (1, 128), (1, 256)), 28px': (((1, 64), (1, 128), (1, 256)), (28, 28)),
            '((1, 64), (1, 128)), 56px': (CPU_ARCH, (56, 56))}
rows = {}
for name, (arch, resize) in variants.items():
    shape = (1, 1, *resize)
    row = {'파라미터': d2l.num_params(d2l.ResNet(arch), shape),
           'MFLOPs': round(d2l.count_flops(d2l.ResNet(arch), shape) / 1e6, 1)}
    if name.startswith('cpu'):
        row.update(results['기본 (시드 0)'])                # 문제 10의 기본 실행
    else:
        row.update(run_row(short_run(d2l.ResNet(arch, lr=0.002), resize=resize)))
    rows[name] = row
pd.DataFrame.from_dict(rows, orient='index')

# %% [markdown]
# **비용.** 블록을 두 배로 한 모델은 연산량이 32.5<!-- run --> MFLOPs로 약 두 배이고 에폭당 약 20초<!-- run -->(기본 모델은 12초<!-- run -->), 셋째 단계를 더한 모델은 연산량이 23.1<!-- run --> MFLOPs로 조금만 늘었지만 파라미터가 1,229,578<!-- run -->개로 약 네 배이고 에폭당 약 21초<!-- run -->였습니다. 56px 입력은 연산량이 56.3<!-- run --> MFLOPs(약 3.6배)이고 에폭당 약 32초<!-- run -->입니다. 시간이 연산량에 정비례하지 않습니다. 예를 들어 셋째 단계를 더한 모델은 블록을 두 배로 한 모델보다 연산량이 적은데도 조금 더 오래 걸렸습니다. 셋째 단계가 4×4 → 2×2의 작은 특성 맵에서 돌아 계산 장치를 덜 바쁘게 쓰고, 파라미터가 많아 옵티마이저의 갱신도 길어지기 때문일 수 있습니다. 다만 4분의 1 데이터로 한 번씩 잰 시간을 네 배로 늘린 값이라, 이만큼 작은 차이는 이 실험만으로 단정하기 어렵습니다.
#
# **정확도.** 줄인 예산에서 블록을 두 배로 한 모델은 0.8852<!-- run -->로 기본(0.8632<!-- run -->)보다 약 0.02, 셋째 단계를 더한 모델은 0.8836<!-- run -->으로 역시 약 0.02 높았습니다. 56px는 0.8564<!-- run -->로 기본과의 차이가 0.01보다 작으므로, 이 예산으로는 나아졌다고도 나빠졌다고도 말할 수 없습니다. Fashion-MNIST의 원래 해상도는 28px이라 키운 이미지는 새 정보를 더하지는 않지만, 망 안의 특성 맵을 키웁니다(문제 7의 스템과 같은 방향). 이 예산에서는 그 효과가 정확도로 드러나지 않았습니다. 더 큰 두 모델은 짧은 훈련에서 더 빨리 배운 것처럼 보이지만(차이는 표준오차의 두 배쯤이고 실행은 하나씩입니다), 8에폭 전체에서의 차이와 4분 예산(에폭당 20초면 8에폭에 약 2.7분)을 함께 따져 골라야 합니다.
#
# ## 연습문제 12
#
# *최고 학습률 `lr`을 0.0005나 0.01로 바꾸면, 줄인 예산(데이터의 4분의 1, 2에폭)에서 첫 에폭의 훈련 손실과 2에폭 뒤의 검증 정확도는 어떻게 달라지나요? 8에폭 전체의 곡선은 어떻게 될까요?*
#
# 원사이클 스케줄에서 `lr`은 워밍업이 끝날 때 닿는 최고 학습률입니다. 너무 작으면 정해진 에폭 안에 손실을 충분히 내리지 못하고(덜 훈련됨), 너무 크면 최고점 근처에서 손실이 튀다가 학습률이 줄어드는 뒷부분에서야 회복할 것이라고 예상할 수 있습니다. 아래의 짧은 예산은 첫 에폭의 훈련 손실과 2에폭 뒤의 검증 정확도만 보여 주므로, 8에폭 곡선에 대한 이 예상까지 확인하지는 못합니다. AdamW의 갱신 크기는 기울기의 크기와 거의 상관없이 학습률 정도이므로, 0.01은 0.002보다 파라미터를 다섯 배 크게 움직입니다.

# %%
rows = {0.002: results['기본 (시드 0)']}                     # 문제 10의 기본 실행
for lr in (0.0005, 0.01):
    rows[lr] = run_row(short_run(d2l.ResNet(CPU_ARCH, lr=lr)))
pd.DataFrame.from_dict(rows, orient='index').sort_index().rename_axis('최고 학습률')

# %% [markdown]
# 0.0005는 첫 에폭의 훈련 손실이 1.328<!-- run -->로 가장 천천히 배우고, 2에폭 뒤 검증 정확도도 0.8528<!-- run -->로 가장 낮습니다. 0.01은 이 짧은 예산에서 0.8668<!-- run -->로 0.002(0.8632<!-- run -->)보다 조금 높았지만, 차이가 0.004뿐이라 시드에 따른 흔들림과 구별하기 어렵습니다. 워밍업이 학습률을 천천히 올려 주므로 AdamW는 0.01에서도 발산하지 않았습니다. 8에폭 전체의 곡선과 어느 값이 좋은지는 이 짧은 실험으로 정할 수 없으니, 07 ResNet 노트북의 훈련 셀에서 `lr`만 바꿔 확인해 보세요.
#
# ## 연습문제 13
#
# *레시피를 `d2l.BOOK_RECIPE`(SGD, 고정 학습률)로 바꿔 책의 학습률 0.01로 같은 8에폭을 훈련하면 에폭별 검증 정확도 곡선은 어떻게 달라지나요?*
#
# 이 실험은 8에폭 전체로 돌려야 곡선의 모양이 보이므로, 10 비교 노트북이 같은 모델(같은 `arch`, 28×28, 8에폭, 시드 0)로 기록해 둔 기준 실행을 읽습니다. 직접 돌리려면 07 ResNet 노트북의 훈련 셀에서 `cfg.recipe.apply(model, data)`를 `d2l.BOOK_RECIPE.apply(model, data)`로, `lr=cfg.lr`을 `lr=0.01`로 바꾸면 됩니다(2코어 CPU에서 3분쯤).
#
# 예상은 이렇습니다. 책의 방법은 모멘텀 없는 SGD를 고정 학습률 0.01로 돌립니다. 학습률이 끝까지 줄지 않으므로 미니배치마다의 잡음이 마지막까지 남아 검증 정확도가 에폭마다 오르내리고, 가중치 감쇠와 레이블 스무딩도 없습니다.

# %%
recipe_of = runs.settings.map(lambda s: (s.get('recipe') or {}).get('name'))
book = runs[(runs.notebook == '10_comparison') & (recipe_of == 'book')].iloc[0]
cpu = runs[runs.notebook == '07_resnet'].iloc[0]
curves = pd.DataFrame({'책의 방법 (SGD, 고정 학습률 0.01)': [h['val_acc'] for h in book.history],
                       'cpu 레시피 (07의 기준 실행)': [h['val_acc'] for h in cpu.history]},
                      index=pd.RangeIndex(1, len(book.history) + 1, name='에폭'))
fig, ax = plt.subplots(figsize=(6, 3.2))
for column, english, style in zip(curves, ('book (SGD, lr 0.01)', 'cpu recipe (07 reference)'), ('o-', 's-')):
    ax.plot(curves.index, curves[column], style, label=d2l.label(column, english))
ax.set_xlabel(d2l.label('에폭', 'epoch'))
ax.set_ylabel(d2l.label('검증 정확도', 'val acc'))
ax.set_title(d2l.label('ResNet(cpu 모델), 8에폭: 책의 방법과 cpu 레시피',
                       'ResNet (cpu model), 8 epochs: book method vs cpu recipe'), fontsize=10)
ax.legend()
plt.show()
curves.T

# %% [markdown]
# 책의 방법은 8에폭 뒤 약 0.871<!-- run 0.8705 -->로 `cpu` 레시피(약 0.923<!-- run 0.9232 -->)보다 0.05쯤 낮습니다. 곡선의 모양도 다릅니다. 책의 방법은 2에폭의 0.8501<!-- run --> 뒤 3에폭에 0.7800<!-- run -->으로, 4에폭의 0.8610<!-- run --> 뒤 5에폭에 0.8246<!-- run -->으로 떨어지는 식으로 에폭마다 크게 오르내립니다. 고정 학습률 0.01의 SGD가 마지막까지 같은 크기로 움직이기 때문입니다. `cpu` 레시피는 에폭마다 올라 학습률이 거의 0이 된 마지막 에폭에서 가장 높습니다. 두 실행은 옵티마이저, 학습률과 그 스케줄, 가중치 감쇠, 레이블 스무딩이 한꺼번에 다르므로, 재료마다의 몫은 10 비교 노트북의 「훈련 레시피」 절의 표에서 보세요.
