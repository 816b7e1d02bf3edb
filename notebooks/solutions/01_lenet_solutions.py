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
# # 합성곱 신경망 LeNet: 연습문제 풀이
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/solutions/01_lenet_solutions.ipynb)
#
# [01 LeNet 노트북](../01_lenet.ipynb)의 연습문제 열두 개를 같은 번호와 순서로 풉니다. 풀이를 읽기 전에 문제마다 먼저 직접 풀어 보세요. 답을 알고 읽는 것과 스스로 부딪혀 본 뒤 읽는 것은 배우는 양이 다릅니다.
#
# 문제마다 추론(식과 계산)을 먼저 쓰고, 그것을 확인하는 코드와 출력이 말해 주는 것을 이어서 적습니다. 이 노트북 전체는 2코어 CPU에서 `cpu` 프로필로 2분 안에 끝나도록 예산을 정했습니다.
#
# * 연습문제 1과 3은 본문의 훈련 절과 똑같은 설정(각각 10에폭, 8에폭)으로 훈련합니다. 한 번에 20~30초쯤 걸립니다.
# * 연습문제 2, 6, 7, 12는 본문의 인터랙티브 (나)와 같은 설정의 짧은 실행(훈련 10,000장, 배치 크기 64, 학습률 0.1의 SGD로 480스텝)으로 비교합니다. 한 번에 몇 초입니다.
#   다만 미니배치 순서가 (나)와 달라서(아래 `short_run`의 설명), 같은 모델이라도 정확도가 (나)와 다르게 나옵니다. 예를 들어 ReLU + 평균 풀링은 (나)에서 0.79였고 연습문제 2에서는 0.738<!-- run -->입니다.
# * 시그모이드 LeNet의 숫자는 새로 훈련하지 않고 패키지와 함께 오는 기준 실행(`d2l.reference_results()`)에서 읽습니다.
# * 나머지는 계산과 순전파만으로 답합니다. 연습문제 8의 MNIST 실행은 MNIST 파일이 있을 때만 도는 선택 실행입니다.
#
# 글 속의 숫자는 이 노트북에 저장된 실행(2코어 CPU, `cpu` 프로필)의 출력에서 읽은 것이라, 다시 실행하면 조금 달라질 수 있습니다.

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
# 본문의 `LeNet`은 `d2l.LeNet`으로 d2lmini에서 가져옵니다(본문의 「구현」 절과 같은 코드). `LeNetVariant`는 `d2l.LeNet`에서 활성화 함수와 풀링 층만 바꾸고, 책의 `init_cnn`(연습문제 11)은 본문처럼 직접 정의합니다.
# 크기를 바꾸는 문제(4~7, 12)에 쓸 `CustomLeNet`을 하나 더 만듭니다.
# `CustomLeNet`은 커널 크기, 첫 합성곱의 패딩, 채널 수, 덧붙일 합성곱 층, 완전 연결 층의 너비, 다운샘플링 방법(풀링 또는 스트라이드 2 합성곱)을 인자로 받습니다.

# %%
import math
import time

import matplotlib.pyplot as plt
import pandas as pd
import torch
from IPython.display import display
from torch import nn
from torch.nn import functional as F

import d2lmini as d2l

START = time.perf_counter()   # 마지막 셀이 노트북 전체에 걸린 시간을 출력합니다


def init_cnn(module):
    """CNN의 가중치를 초기화합니다(책의 버전: 지연 층은 건너뜀)."""
    if type(module) == nn.Linear or type(module) == nn.Conv2d:
        nn.init.xavier_uniform_(module.weight)


class LeNetVariant(d2l.LeNet):
    """LeNet과 같은 모양에서 활성화 함수와 풀링 층만 바꿀 수 있게 한 모델."""
    def __init__(self, activation=nn.Sigmoid, pooling=nn.AvgPool2d, lr=0.1, num_classes=10):
        super().__init__(lr, num_classes)
        self.save_hyperparameters()
        for i, layer in enumerate(self.net):   # 같은 자리의 층을 바꿔 끼웁니다
            if isinstance(layer, nn.Sigmoid):
                self.net[i] = activation()
            elif isinstance(layer, nn.AvgPool2d):
                self.net[i] = pooling(kernel_size=2, stride=2)


class CustomLeNet(d2l.Classifier):
    """크기를 바꿔 볼 수 있는 LeNet.

    kernel: 두 합성곱의 커널 크기, padding: 첫 합성곱의 패딩, channels: 두 합성곱의 출력 채널,
    extra: 0이 아니면 둘째 블록 뒤에 3×3(패딩 1) 합성곱을 이 채널 수로 하나 더 넣음,
    hidden: 은닉 완전 연결 층의 너비들, down: 'pool'이면 pooling 층, 'conv'면 스트라이드 2인 2×2 합성곱.
    """
    def __init__(self, activation=nn.ReLU, pooling=nn.MaxPool2d, kernel=5, padding=2,
                 channels=(6, 16), extra=0, hidden=(120, 84), down='pool', lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()

        def downsample(c):
            if down == 'conv':
                return nn.LazyConv2d(c, kernel_size=2, stride=2)
            return pooling(kernel_size=2, stride=2)

        c1, c2 = channels
        layers = [nn.LazyConv2d(c1, kernel_size=kernel, padding=padding), activation(), downsample(c1),
                  nn.LazyConv2d(c2, kernel_size=kernel), activation(), downsample(c2)]
        if extra:
            layers += [nn.LazyConv2d(extra, kernel_size=3, padding=1), activation()]
        layers.append(nn.Flatten())
        for width in hidden:
            layers += [nn.LazyLinear(width), activation()]
        layers.append(nn.LazyLinear(num_classes))
        self.net = nn.Sequential(*layers)


# %% [markdown]
# 모델의 비용을 세는 `cost_table`과, 본문의 인터랙티브 (나)와 같은 짧은 실행을 모델 하나에 대해 하는 `short_run`입니다.
# `short_run`은 시드를 받아 초기화, 훈련 부분집합, 미니배치 순서를 모두 그 시드로 정하므로, 시드만 바꿔 돌리면 같은 설정의 결과가 얼마나 흔들리는지(잡음) 볼 수 있습니다.
# 본문 (나)와 다른 점이 하나 있습니다. `short_run`은 지연 층의 모양을 정할 미니배치를 훈련에 쓸 데이터 모듈에서 먼저 꺼냅니다. 그 데이터 모듈은 반복할 때마다 새 순서로 섞으므로, 훈련은 둘째 순서부터 시작하고 시드 0이라도 미니배치 순서가 (나)와 다릅니다.

# %%
def cost_table(model, X_shape=(1, 1, 28, 28)):
    """가중치가 있는 층마다 출력 모양, 파라미터 수, 연산량(FLOPs)을 표로 돌려줍니다(마지막 행은 합계)."""
    model.apply_init([torch.zeros(X_shape)])          # 지연 층의 모양을 정합니다
    X, rows, counts = torch.zeros(X_shape), [], {'conv': 0, 'fc': 0}
    with torch.no_grad():
        for layer in model.net:
            Y = layer(X)
            if isinstance(layer, (nn.Conv2d, nn.Linear)):
                kind = 'conv' if isinstance(layer, nn.Conv2d) else 'fc'
                counts[kind] += 1
                rows.append({'층': f'{kind}{counts[kind]}', '출력 모양': str(tuple(Y.shape[1:])),
                             '파라미터': d2l.num_params(layer),
                             'FLOPs': d2l.count_flops(layer, tuple(X.shape))})
            X = Y
    table = pd.DataFrame(rows).set_index('층')
    table.loc['합계'] = ['', table['파라미터'].sum(), table['FLOPs'].sum()]
    return table


def compare_costs(models, X_shapes=None):
    """{이름: 모델}의 층별 비용을 나란히 보여 주고, 모델마다 합계를 쉼표를 넣어 한 줄씩 출력합니다."""
    X_shapes = X_shapes or {name: (1, 1, 28, 28) for name in models}
    tables = {name: cost_table(model, X_shapes[name]) for name, model in models.items()}
    for name, table in tables.items():
        total = table.loc['합계']
        print(f'{name}: 파라미터 {total["파라미터"]:,}개, {total["FLOPs"]:,} FLOPs')
    display(pd.concat(tables, axis=1))


SHORT = d2l.profile_settings(book=dict(num_steps=480), cpu=dict(num_steps=480),
                             smoke=dict(num_steps=20))


def short_run(make_model, seed=0, num_steps=SHORT.num_steps):
    """훈련 10,000장에서 배치 크기 64로 num_steps 스텝 훈련하고 (검증 정확도, 마지막 40스텝의 평균 훈련 손실)을 돌려줍니다.

    make_model은 모델을 만드는 함수입니다. 시드 하나가 초기화, 부분집합, 미니배치 순서를 정합니다.
    """
    small = d2l.FashionMNIST(batch_size=64, limit=(10000, 1000), seed=seed)
    torch.manual_seed(seed)
    model = make_model()
    model.apply_init([next(iter(small.train_dataloader()))[0]], d2l.init_cnn)
    optim = model.configure_optimizers()
    losses, step = [], 0
    while step < num_steps:
        for X, y in small.train_dataloader():
            loss = model.loss(model(X), y)
            optim.zero_grad()
            loss.backward()
            optim.step()
            losses.append(loss.item())
            step += 1
            if step == num_steps:
                break
    model.eval()
    with torch.no_grad():
        correct = sum((model(X).argmax(1) == y).sum().item() for X, y in small.val_dataloader())
    return correct / len(small.val), sum(losses[-40:]) / len(losses[-40:])


# %% [markdown]
# 본문의 훈련 절과 「같은 LeNet, 다른 훈련 방법」 절의 설정입니다. `fit`은 본문의 훈련 셀과 같은 순서로 훈련하되, 출력이 길어지지 않도록 그래프와 진행 막대는 끕니다.

# %%
book_cfg = d2l.profile_settings(
    book=dict(max_epochs=10, batch_size=128, lr=0.1, recipe=d2l.BOOK_RECIPE),
    cpu=dict(max_epochs=10, batch_size=128, lr=0.1, recipe=d2l.BOOK_RECIPE),
    smoke=dict(max_epochs=1, batch_size=64, lr=0.1, recipe=d2l.BOOK_RECIPE))
recipe_cfg = d2l.profile_settings(
    book=dict(max_epochs=8, batch_size=128, lr=0.002, recipe=d2l.CPU_RECIPE),
    cpu=dict(max_epochs=8, batch_size=128, lr=0.002, recipe=d2l.CPU_RECIPE),
    smoke=dict(max_epochs=1, batch_size=64, lr=0.002, recipe=d2l.CPU_RECIPE))


def fit(make_model, settings):
    """settings대로 모델을 훈련하고 (모델, 데이터, 에폭별 기록)을 돌려줍니다."""
    trainer = d2l.Trainer(max_epochs=settings.max_epochs, num_gpus=1, seed=0, plot=False, progress=False)
    data = d2l.FashionMNIST(batch_size=settings.batch_size)
    model = make_model(settings.lr)
    settings.recipe.apply(model, data)
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    history = trainer.fit(model, data)
    return model, data, history


reference = d2l.reference_results()
lenet_runs = reference[reference.notebook == '01_lenet'].set_index('label')
print(lenet_runs[['epochs', 'val_acc', 'minutes']])

# %% [markdown]
# ## 연습문제 1
#
# **ReLU와 최대 풀링으로 바꾸기.** `LeNetVariant(nn.ReLU, nn.MaxPool2d, lr=0.1)`을 책의 방법(SGD, 학습률 0.1, 10에폭)으로 훈련하고 책의 LeNet과 비교합니다.
#
# **예측.** 본문의 인터랙티브 (나)에서 ReLU 모델은 첫 기록(40스텝)부터 손실이 내려갔고, 시그모이드 모델은 480스텝 내내 $\ln 10$에 붙어 있었습니다. 시그모이드 LeNet의 기준 실행도 처음 두 에폭을 무작위 추측 수준에서 보냈습니다.
# 그러니 ReLU 모델은 첫 에폭부터 정확도가 크게 오르고, 시그모이드 LeNet이 두 에폭을 잃은 만큼 10에폭 뒤에도 앞설 것으로 예측할 수 있습니다.

# %%
relu_model, data, relu_history = fit(lambda lr: LeNetVariant(nn.ReLU, nn.MaxPool2d, lr=lr), book_cfg)
sigmoid_history = pd.DataFrame(lenet_runs.loc['LeNet', 'history']).set_index('epoch')
compare = pd.DataFrame({'시그모이드 + 평균 풀링 (기준 실행)': sigmoid_history['val_acc'],
                        'ReLU + 최대 풀링': relu_history.to_frame()['val_acc']})
compare.index.name = '에폭'
compare

# %% [markdown]
# **결과.** 이 노트북에 저장된 실행에서 ReLU와 최대 풀링을 쓴 모델은 첫 에폭에 이미 검증 정확도 0.80<!-- run 0.7996 -->에 닿았고, 10에폭 뒤에는 0.87<!-- run 0.8697 -->로 시그모이드 LeNet의 기준 실행(0.737<!-- run 0.7374 -->)보다 0.13쯤 높습니다.
# 차이는 처음 두 에폭의 평평한 구간에서 시작되지만, 그것만으로는 설명되지 않습니다. 시그모이드 모델은 그 두 에폭 동안 0.15 아래<!-- run 0.1471 -->에 머물렀는데, 두 에폭을 밀어 맞춰 봐도(시그모이드 10에폭 0.737<!-- run 0.7374 -->, ReLU 8에폭 0.881<!-- run 0.8811 -->) 0.14쯤 차이가 남습니다.
# 곧 시그모이드 모델은 평평한 구간을 벗어난 뒤에도 ReLU 모델보다 느리게 배웁니다. 두 에폭을 잃은 만큼만 뒤진다는 예측은 차이의 일부만 맞혔습니다.
#
# ReLU 모델의 정확도는 에폭마다 조금씩 오르내립니다(9에폭 0.888<!-- run 0.8884 -->, 10에폭 0.870<!-- run 0.8697 -->). 학습률 0.1의 SGD는 끝까지 같은 걸음으로 움직이기 때문이고, 학습률을 줄여 가는 스케줄이 이 흔들림을 줄입니다(연습문제 3).

# %% [markdown]
# ## 연습문제 2
#
# **다른 활성화 함수.** 평균 풀링은 그대로 두고 활성화 함수만 바꿉니다.
#
# **추론.** 본문의 개념 절에서 본 두 가지, 곧 도함수의 최댓값(역전파에서 층마다 곱해지는 값의 상한)과 $x = 0$에서의 출력(0을 중심으로 놓이는가)을 함수마다 적어 봅니다.
#
# * 시그모이드: $\sigma(0) = \tfrac12$, $\max \sigma' = \tfrac14$. 출력이 모두 양수이고 기울기가 층마다 4분의 1 이하로 줄어듭니다.
# * tanh: $\tanh x = 2\sigma(2x) - 1$이므로 $\tanh'(x) = 4\sigma'(2x) \le 1$이고 등호는 $x = 0$에서 성립합니다. $\tanh 0 = 0$이라 출력이 0을 중심으로 놓입니다. 시그모이드를 옮기고 늘린 함수일 뿐인데 이 두 성질이 바뀝니다.
# * 원래 LeNet-5의 $f(a) = 1.7159\tanh(\tfrac23 a)$: $f'(0) = 1.7159 \cdot \tfrac23 \approx 1.14$. LeCun 등(1998)은 $f(\pm1) = \pm1$이 되어 보통의 입력 범위에서 함수의 이득(기울기)이 1 근처에 머물도록 이 상수를 골랐습니다.
# * LeakyReLU(기울기 0.01): 양수 쪽 도함수가 1, 음수 쪽이 0.01이라 기울기가 완전히 0이 되지는 않습니다.
# * GELU $x\,\Phi(x)$: $\mathrm{GELU}(0) = 0$, $\mathrm{GELU}'(0) = \tfrac12$이고 최댓값은 $x = \sqrt2$ 근처에서 약 1.13입니다.
#
# 그러니 시그모이드만 평평한 구간에 머물고, 나머지는 모두 ReLU처럼 빠르게 내려갈 것으로 예측합니다. 아래 셀은 도함수를 자동 미분으로 계산해 위 값을 확인하고, 여섯 함수를 같은 조건의 짧은 실행으로 훈련합니다.

# %%
class ScaledTanh(nn.Module):
    """원래 LeNet-5의 활성화 함수 f(a) = 1.7159·tanh(2a/3)."""
    def forward(self, X):
        return 1.7159 * torch.tanh(2 * X / 3)


ACTIVATIONS = {'시그모이드': nn.Sigmoid, 'tanh': nn.Tanh, '1.7159·tanh(2a/3)': ScaledTanh,
               'LeakyReLU': nn.LeakyReLU, 'GELU': nn.GELU, 'ReLU': nn.ReLU}
x = torch.linspace(-6, 6, 2401, requires_grad=True)
rows = []
for name, act in ACTIVATIONS.items():
    slope, = torch.autograd.grad(act()(x).sum(), x)
    accuracy, loss = short_run(lambda: LeNetVariant(act, nn.AvgPool2d, lr=0.1))
    rows.append({'활성화 함수': name, 'f(0)': act()(torch.zeros(1)).item(),
                 "max f'": slope.max().item(), '검증 정확도': accuracy, '마지막 훈련 손실': loss})
activation_table = pd.DataFrame(rows).set_index('활성화 함수').round(3)
activation_table

# %% [markdown]
# **결과.** 도함수의 최댓값은 추론과 같게 시그모이드 0.25<!-- run 0.250 -->, tanh 1<!-- run 1.000 -->, 크기를 조정한 tanh 1.144<!-- run -->, GELU 1.129<!-- run -->입니다.
# 480스텝 뒤 시그모이드만 무작위 추측 수준(0.100<!-- run -->)에 머물고 손실도 $\ln 10 \approx 2.3$에 붙어 있습니다. 나머지 다섯 함수는 모두 0.738 이상<!-- run 0.738 -->이고, 이 짧은 실행에서는 두 tanh가 0.81<!-- run 0.806 -->, 0.82<!-- run 0.821 -->로 가장 높았습니다.
# 그러니 LeNet을 느리게 만든 것은 "활성화 함수가 S자 모양이라서"가 아닙니다. 같은 S자인 tanh는 잘 훈련되므로, 시그모이드 특유의 작은 도함수(4분의 1)와 0을 중심으로 놓이지 않는 출력이 원인입니다.
# 원래 LeNet-5가 시그모이드가 아니라 크기를 조정한 tanh를 쓴 것도 같은 이유입니다(LeCun 등 1998, 부록 A).
#
# ReLU 계열과 tanh의 순서는 한 번의 짧은 실행이라 확정할 수 없고, 연습문제 6에서 보는 시드 사이의 폭(약 0.03<!-- run 0.034 -->)도 함께 생각해야 합니다. 같은 ReLU + 평균 풀링 모델이 미니배치 순서만 다른 본문 (나)에서 0.79였다는 것도 흔들림이 이 폭보다 클 수 있음을 보여 줍니다.

# %% [markdown]
# ## 연습문제 3
#
# **구조를 바꾼 효과와 훈련 방법을 바꾼 효과.** 연습문제 1의 모델을 레시피(`d2l.CPU_RECIPE`, 학습률 0.002, 8에폭)로 훈련해 2×2 표를 채웁니다. 시그모이드 LeNet의 두 칸은 기준 실행에서 읽습니다.
#
# **추론.** 두 효과가 서로 더해진다면(가법적이라면) "레시피로 얻는 이득"은 구조와 상관없이 같아야 합니다. 그런데 레시피의 AdamW는 파라미터마다 기울기를 그 크기의 이동 평균(제곱 평균의 제곱근)으로 나눠 걸음 크기를 정합니다.
# 그래서 시그모이드 때문에 기울기가 백 배 작아진 앞쪽 층도 걸음 크기는 크게 줄지 않습니다. 레시피가 시그모이드의 약점을 상당 부분 메워 주므로, 레시피의 이득은 시그모이드 모델에서 훨씬 크고 두 효과는 더해지지 않을 것으로 예측합니다.

# %%
_, _, relu_recipe_history = fit(lambda lr: LeNetVariant(nn.ReLU, nn.MaxPool2d, lr=lr), recipe_cfg)
grid = pd.DataFrame({'책의 방법 (SGD, 10에폭)': [lenet_runs.loc['LeNet', 'val_acc'], relu_history[-1]['val_acc']],
                     '레시피 (8에폭)': [lenet_runs.loc['LeNet (cpu 레시피)', 'val_acc'],
                                     relu_recipe_history[-1]['val_acc']]},
                    index=['시그모이드 + 평균 풀링', 'ReLU + 최대 풀링'])
grid['레시피의 이득'] = grid['레시피 (8에폭)'] - grid['책의 방법 (SGD, 10에폭)']
grid.round(4)

# %% [markdown]
# **결과.** 이 노트북에 저장된 실행에서 레시피의 이득은 시그모이드 모델에서 약 0.10<!-- run 0.1001 -->인데, ReLU 모델에서는 약 0.04<!-- run 0.0354 -->입니다. 구조를 바꾼 이득도 책의 방법에서는 0.13쯤이지만 레시피에서는 0.07쯤으로 줄어듭니다. 네 칸 가운데 가장 높은 것은 ReLU 모델을 레시피로 훈련한 0.905<!-- run 0.9051 -->입니다.
#
# 두 효과는 더해지지 않고 겹칩니다. 한 가지 설명은 예측처럼 둘 다 "앞쪽 층이 제대로 훈련되지 않는다"는 같은 문제를 고친다는 것입니다. 다만 정확도가 높을수록 더 오를 여지가 줄어드는 천장 효과도 같은 모양을 만들므로, 이 표 하나로 원인을 가릴 수는 없습니다.
#
# 그래서 한 구조에서 잰 레시피의 효과를 다른 구조에 그대로 옮겨 말할 수는 없습니다. [10 모든 모델 비교 노트북](../10_comparison.ipynb)이 레시피의 재료를 한 모델에서 하나씩 더해 가며 잰 숫자도 그 모델에 대한 것으로 읽어야 합니다.

# %% [markdown]
# ## 연습문제 4
#
# **32×32 입력, 패딩 0.** 출력 크기 공식 $\lfloor (n - k + 2p)/s \rfloor + 1$로 계산하면
#
# $$
# 32 \xrightarrow{\;k=5,\ p=0\;} 32 - 5 + 1 = 28 \xrightarrow{\;\text{풀링}\;} 14 \xrightarrow{\;k=5\;} 10 \xrightarrow{\;\text{풀링}\;} 5
# $$
#
# 이므로, 첫 합성곱 뒤의 모양은 본문의 LeNet과 똑같습니다($6\times28\times28$, 그 뒤 14, 10, 5, 펼치면 400). 파라미터 수는 입력 크기와 무관하므로 61,706개 그대로이고, 첫 합성곱의 출력도 $28\times28$로 같으니 연산량도 같습니다.
# 다른 것은 입력뿐입니다. 원래 LeNet-5는 $28\times28$ 숫자를 $32\times32$ 캔버스 가운데에 놓아 가장자리에 빈 칸을 두었지만, `d2l.FashionMNIST(resize=32)`는 이미지를 이중선형 보간으로 **늘립니다**. 빈 칸을 두는 것은 본문의 LeNet처럼 패딩 2를 주는 쪽에 더 가깝습니다.

# %%
book_shape = CustomLeNet(nn.Sigmoid, nn.AvgPool2d, padding=2)
original_shape = CustomLeNet(nn.Sigmoid, nn.AvgPool2d, padding=0)
original_shape.layer_summary((1, 1, 32, 32))
compare_costs({'28×28, 패딩 2': book_shape, '32×32, 패딩 0': original_shape},
              {'28×28, 패딩 2': (1, 1, 28, 28), '32×32, 패딩 0': (1, 1, 32, 32)})

# %% [markdown]
# **결과.** `layer_summary`의 모양과 두 표의 파라미터 수, 연산량이 층마다 같습니다(합계 61,706<!-- run -->개, 833,040<!-- run --> FLOPs).

# %% [markdown]
# ## 연습문제 5
#
# **둘째 합성곱의 출력 채널을 16에서 32로.** 공식 $c_i c_o k_h k_w + c_o$와 $n_\text{in} n_\text{out} + n_\text{out}$으로 바뀌는 층만 계산합니다.
#
# | 층 | 16채널 | 32채널 | 늘어난 양 |
# |---|---:|---:|---:|
# | conv2 파라미터 | $6\cdot16\cdot25+16 = 2{,}416$ | $6\cdot32\cdot25+32 = 4{,}832$ | 2,416 |
# | fc1 파라미터 | $400\cdot120+120 = 48{,}120$ | $800\cdot120+120 = 96{,}120$ | 48,000 |
# | conv2 MACs | $6\cdot16\cdot25\cdot100 = 240{,}000$ | $480{,}000$ | 240,000 |
# | fc1 MACs | $400\cdot120 = 48{,}000$ | $96{,}000$ | 48,000 |
#
# 파라미터는 첫 완전 연결 층(fc1)이 가장 많이 늘어납니다. 펼친 벡터가 $32\cdot5\cdot5 = 800$으로 두 배가 되고, fc1의 가중치는 그 길이에 비례하기 때문입니다.
# 연산량은 둘째 합성곱(conv2)이 가장 많이 늘어납니다. 합성곱의 연산량에는 출력 위치의 수($10\times10$)가 곱해지기 때문입니다. 합계는 파라미터 $61{,}706 + 50{,}416 = 112{,}122$개, 연산량 $833{,}040 + 2\cdot288{,}000 = 1{,}409{,}040$ FLOPs입니다.

# %%
compare_costs({'16채널': CustomLeNet(channels=(6, 16)), '32채널': CustomLeNet(channels=(6, 32))})

# %% [markdown]
# **결과.** 출력의 합계가 계산과 같습니다(112,122<!-- run -->개, 1,409,040<!-- run --> FLOPs). 둘째 합성곱의 채널 수를 늘리는 결정 하나가 파라미터와 연산량을 서로 다른 층에서 늘린다는 것이, 본문의 "파라미터는 완전 연결 층에, 계산은 합성곱 층에"를 보여 주는 또 하나의 예입니다.

# %% [markdown]
# ## 연습문제 6
#
# **커널 크기 5×5 → 3×3.** ReLU와 최대 풀링을 쓴 LeNet에서 두 합성곱의 커널을 $3\times3$으로 줄이고, 첫 합성곱의 패딩을 1로 바꿔 크기를 유지합니다.
#
# * 모양: $28 \xrightarrow{k=3,\,p=1} 28 \to 14 \xrightarrow{k=3} 12 \to 6$, 펼치면 $16\cdot6\cdot6 = 576$입니다. 둘째 합성곱이 가장자리를 덜 깎아 특성 맵이 $5\times5$에서 $6\times6$으로 커집니다.
# * 파라미터: conv1 $1\cdot6\cdot9+6 = 60$, conv2 $6\cdot16\cdot9+16 = 880$, fc1 $576\cdot120+120 = 69{,}240$, fc2와 fc3은 그대로(10,164, 850)라 합계 81,194개로 **늘어납니다**(본문의 LeNet은 61,706개).
# * 연산량(MACs): conv1 $6\cdot9\cdot28^2 = 42{,}336$, conv2 $6\cdot16\cdot9\cdot12^2 = 124{,}416$, 완전 연결 층 $69{,}120 + 10{,}080 + 840$로 합계 246,792 MACs, 곧 493,584 FLOPs로 833,040에서 **줄어듭니다**.
# * 수용 영역(receptive field, 출력 값 하나가 보는 입력의 범위): 5×5 모델의 둘째 풀링 뒤 값 하나는 입력의 $16\times16$을 보지만, 3×3 모델은 $10\times10$만 봅니다.
#
# 작은 커널은 합성곱의 계산을 줄이지만 특성 맵을 덜 줄여 완전 연결 층을 키우고, 한 값이 보는 범위도 좁힙니다. 정확도가 어느 쪽으로 갈지는 계산만으로 정할 수 없으니 재 봅니다.
# 짧은 실행 하나의 차이가 의미 있는지 판단하려면 잡음의 크기를 알아야 하므로, 기준 모델(5×5)은 시드 셋으로 돌립니다.

# %%
base_runs = [short_run(lambda: CustomLeNet(), seed=s)[0] for s in (0, 1, 2)]
print('5×5 (기준 모델), 시드 0·1·2의 검증 정확도:', ', '.join(f'{a:.3f}' for a in base_runs),
      f'→ 폭 {max(base_runs) - min(base_runs):.3f}')
small_kernel = short_run(lambda: CustomLeNet(kernel=3, padding=1))[0]
print(f'3×3, 시드 0의 검증 정확도: {small_kernel:.3f}')
compare_costs({'5×5': CustomLeNet(), '3×3': CustomLeNet(kernel=3, padding=1)})

# %% [markdown]
# **결과.** 출력의 합계가 계산과 같습니다(81,194<!-- run -->개, 493,584<!-- run --> FLOPs). 이 노트북에 저장된 실행에서 5×5 모델은 시드 세 개에 0.774<!-- run -->, 0.808<!-- run -->, 0.791<!-- run -->로 0.034<!-- run --> 폭 안에서 흔들렸고, 3×3 모델은 시드 0에서 0.772<!-- run -->였습니다.
# 같은 시드 0에서 두 모델의 차이(0.002)는 5×5 모델이 시드에 따라 흔들린 폭보다 훨씬 작으므로, 480스텝의 짧은 실행으로는 두 커널 크기를 구별할 수 없다는 것이 정직한 답입니다. 연산량을 40% 넘게 줄여도 정확도가 눈에 띄게 떨어지지 않았다는 점은 기억해 둘 만합니다.
# 03 VGG 노트북은 $3\times3$ 커널을 여러 번 쌓아 큰 수용 영역을 되찾는 방법을 다룹니다.

# %% [markdown]
# ## 연습문제 7
#
# **층의 개수.** 기준 모델(ReLU, 최대 풀링, 5×5)에서 두 가지를 따로 바꿉니다.
#
# * 합성곱 층 하나 더: 둘째 풀링 뒤 $16\times5\times5$에 $3\times3$, 패딩 1, 출력 채널 16인 합성곱을 넣습니다. 크기와 채널이 그대로라 펼친 길이(400)도 fc1도 그대로이고, 파라미터는 $16\cdot16\cdot9+16 = 2{,}320$개, 연산량은 $2\cdot16\cdot16\cdot9\cdot25 = 115{,}200$ FLOPs만큼 늘어납니다(합계 64,026개, 948,240 FLOPs).
# * 완전 연결 층 하나 빼기: 84를 빼면 fc2가 $120\cdot10+10 = 1{,}210$개가 되어 파라미터가 $10{,}164 + 850 - 1{,}210 = 9{,}804$개 줄어 51,902개가 됩니다. 연산량은 $2\cdot(10{,}080 + 840 - 1{,}200) = 19{,}440$ FLOPs 줄어듭니다.

# %%
for name, kwargs in {'기준 모델': {}, '합성곱 층 하나 더': dict(extra=16),
                     '완전 연결 층 하나 빼기': dict(hidden=(120,))}.items():
    total = cost_table(CustomLeNet(**kwargs)).loc['합계']
    accuracy = base_runs[0] if not kwargs else short_run(lambda: CustomLeNet(**kwargs))[0]
    print(f'{name}: 파라미터 {total["파라미터"]:,}개, {total["FLOPs"]:,} FLOPs, 검증 정확도(시드 0) {accuracy:.3f}')

# %% [markdown]
# **결과.** 파라미터와 연산량은 계산과 같습니다(64,026<!-- run -->개와 948,240<!-- run --> FLOPs, 51,902<!-- run -->개와 813,600<!-- run --> FLOPs).
# 합성곱 층을 더한 모델(0.775<!-- run -->)은 기준 모델과 거의 같습니다. 완전 연결 층을 뺀 모델은 0.825<!-- run -->로 시드 세 개의 범위(0.774<!-- run -->~0.808<!-- run -->)보다 조금 높게 나왔지만, 시드 하나의 결과라 우연일 수 있습니다. 층이 적으면 480스텝처럼 짧은 훈련에서 더 빨리 맞춰진다는 설명도 가능합니다.
# 어느 쪽이든 LeNet 크기의 모델에서 층 하나를 더하거나 빼는 것은 28×28 옷 이미지의 정확도를 크게 바꾸지 않습니다. 깊이가 정확도를 크게 바꾸려면 층을 훨씬 많이 쌓아야 하고, 그때는 훈련 자체가 어려워집니다. 07 ResNet 노트북이 그 문제를 다룹니다.

# %% [markdown]
# ## 연습문제 8
#
# **원래 MNIST.** 연습문제 1의 모델을 손글씨 숫자 MNIST로 훈련하면 Fashion-MNIST보다 정확도가 훨씬 높을 것으로 예측합니다. 근거는 세 가지입니다.
#
# * **이미지가 다릅니다.** MNIST 숫자는 검은 배경 위의 가는 획이고, 클래스마다 획의 위상(고리의 수, 끊긴 곳)이 뚜렷이 다릅니다. Fashion-MNIST는 셔츠, 티셔츠, 풀오버, 코트처럼 실루엣이 거의 같은 클래스가 넷이나 되어, 본문의 혼동 행렬에서도 틀린 예의 절반 남짓이 이 넷 사이에서 나왔습니다.
# * **사람도 헷갈립니다.** Fashion-MNIST를 만든 Zalando의 저장소에 실린 군중 평가에서 패션 전문가가 아닌 사람의 정확도는 0.835였습니다(Xiao 등 2017, 저장소의 벤치마크 표). MNIST 숫자를 사람이 이만큼 틀리지는 않습니다.
# * **발표된 숫자가 있습니다.** 원래 LeNet-5는 MNIST 테스트 오류율 0.95%, 곧 정확도 99%를 넘었습니다(LeCun 등 1998). Fashion-MNIST의 만든 이들은 "합성곱 신경망은 MNIST에서 99.7%, 고전적인 기계 학습 알고리즘도 97%에 쉽게 닿는다"며 MNIST가 너무 쉽다는 것을 새 데이터셋을 만든 이유로 들었습니다. 같은 표에서 파라미터가 10만 개가 안 되는 합성곱 2층 모델은 Fashion-MNIST 0.925, MNIST 0.992였습니다.
#
# 그러니 연습문제 1의 모델(Fashion-MNIST 10에폭에 약 0.87<!-- run 0.8697 -->)은 MNIST에서 같은 10에폭이면 0.98 이상에 닿을 것으로 예상합니다. 시그모이드 LeNet의 평평한 구간은 데이터가 아니라 기울기의 문제이므로 MNIST에서도 처음 한두 에폭은 무작위 추측 수준에 머물 것입니다.
#
# **선택 실행.** `d2l.FashionMNIST`는 파일의 체크섬으로 Fashion-MNIST인지 확인하므로 MNIST를 읽지 않습니다. 아래 셀은 `torchvision.datasets.MNIST`가 이미 받아 둔 파일(환경 변수 `D2LMINI_MNIST`의 폴더, 없으면 `~/.cache/d2lmini/mnist`)이 있을 때만 2에폭을 훈련합니다.
# 파일을 받으려면 `DOWNLOAD_MNIST = True`로 바꾸세요(인터넷이 필요합니다). 파일이 없으면 한 문장을 출력하고 넘어가므로, 위의 추론이 이 문제의 답입니다.

# %%
DOWNLOAD_MNIST = False   # True로 바꾸면 torchvision이 MNIST를 내려받습니다(인터넷 필요)


class TensorImages(d2l.DataModule):
    """(N, 28, 28) uint8 이미지 텐서와 레이블로 만든 데이터 모듈(d2l.FashionMNIST와 같은 [0, 1] 범위)."""
    def __init__(self, train, val, batch_size=128):
        super().__init__()
        self.save_hyperparameters()

    def get_dataloader(self, train):
        images, labels = self.train if train else self.val
        dataset = torch.utils.data.TensorDataset(images.unsqueeze(1).float() / 255, labels)
        return torch.utils.data.DataLoader(dataset, batch_size=self.batch_size, shuffle=train)


def load_mnist():
    """MNIST를 (훈련, 검증) 쌍으로 돌려주고, 구하지 못하면 이유를 한 문장으로 알리고 None을 돌려줍니다."""
    root = os.environ.get('D2LMINI_MNIST') or os.path.join(os.path.expanduser('~'), '.cache', 'd2lmini', 'mnist')
    try:
        import torchvision
        splits = [torchvision.datasets.MNIST(root, train=train, download=DOWNLOAD_MNIST) for train in (True, False)]
    except Exception as err:      # 파일이 없거나 내려받기에 실패했을 때
        print(f'MNIST 파일을 {root}에서 찾지 못해 선택 실행을 건너뜁니다({type(err).__name__}). '
              '위의 추론이 이 문제의 답입니다.')
        return None
    limit = 256 if d2l.profile() == 'smoke' else None
    return [(split.data[:limit], split.targets[:limit]) for split in splits]


mnist = load_mnist()
if mnist is not None:
    trainer = d2l.Trainer(max_epochs=2, num_gpus=1, seed=0, plot=False, progress=False)
    mnist_data = TensorImages(*mnist, batch_size=128)
    mnist_model = LeNetVariant(nn.ReLU, nn.MaxPool2d, lr=0.1)
    mnist_model.apply_init([next(iter(mnist_data.get_dataloader(True)))[0]], d2l.init_cnn)
    display(trainer.fit(mnist_model, mnist_data).to_frame())

# %% [markdown]
# ## 연습문제 9
#
# **층의 활성화 보기.** 연습문제 1에서 훈련한 ReLU 모델에 검증 데이터의 pullover와 coat를 넣고, 첫째 합성곱(6채널, $28\times28$)과 둘째 합성곱(16채널 가운데 앞의 8채널, $10\times10$)의 출력(ReLU 뒤)을 그립니다.
# "어느 층에서 더 달라 보이는가"를 눈으로만 판단하지 않도록 숫자로도 잽니다. 각 층의 출력을 한 줄로 펼친 벡터로 보고, 두 클래스의 검증 이미지 절반으로 클래스 평균을 구한 뒤, 나머지 절반을 더 가까운 평균의 클래스로 분류합니다(최근접 평균 분류기). 그 정확도가 높을수록 그 층에서 두 클래스가 잘 갈라져 있다는 뜻입니다.

# %%
val_X, val_y = data.val.images, data.val.labels
names = data.text_labels(range(10))
PULLOVER, COAT = names.index('pullover'), names.index('coat')
relu_model.eval()


def stage_outputs(X):
    """입력, 첫째 합성곱(+ReLU), 둘째 합성곱(+ReLU), fc2(+ReLU)의 출력."""
    X = X.float() / 255
    with torch.no_grad():
        return {'입력': X, '합성곱 1': relu_model.net[:2](X), '합성곱 2': relu_model.net[:5](X),
                '완전 연결 2': relu_model.net[:11](X)}


fig, axes = plt.subplots(4, 9, figsize=(11, 5.2))
for row, cls in enumerate((PULLOVER, COAT)):
    X = val_X[val_y == cls][:1]
    out = stage_outputs(X)
    axes[2 * row, 0].imshow(out['입력'][0, 0], cmap='gray')
    axes[2 * row, 0].set_title(names[cls], fontsize=9)
    for c in range(6):
        axes[2 * row, c + 1].imshow(out['합성곱 1'][0, c], cmap='viridis')
    for c in range(8):
        axes[2 * row + 1, c + 1].imshow(out['합성곱 2'][0, c], cmap='viridis')
    axes[2 * row, 7].set_visible(False)
    axes[2 * row, 8].set_visible(False)
    axes[2 * row + 1, 0].set_visible(False)
    axes[2 * row, 1].set_ylabel(d2l.label('합성곱 1', 'conv 1'), fontsize=8)
    axes[2 * row + 1, 1].set_ylabel(d2l.label('합성곱 2', 'conv 2'), fontsize=8)
for ax in axes.flat:
    ax.set_xticks([])
    ax.set_yticks([])
plt.show()

X_two = torch.cat([val_X[val_y == PULLOVER], val_X[val_y == COAT]])
y_two = torch.cat([torch.zeros(int((val_y == PULLOVER).sum())), torch.ones(int((val_y == COAT).sum()))])
fit_half = torch.arange(len(y_two)) % 2 == 0
separation = {}
for stage, H in stage_outputs(X_two).items():
    H = H.flatten(1)
    means = torch.stack([H[fit_half & (y_two == k)].mean(0) for k in (0, 1)])
    guess = torch.cdist(H[~fit_half], means).argmin(1)
    separation[stage] = (guess == y_two[~fit_half]).float().mean().item()
pd.Series(separation, name='최근접 평균 분류기의 정확도 (pullover 대 coat)').round(3).to_frame()

# %% [markdown]
# **결과.** 그림에서 첫째 합성곱의 채널들은 옷의 윤곽, 밝은 면, 세로 테두리를 조금씩 다르게 강조한 원래 이미지처럼 보입니다. 두 클래스의 그림이 비슷한 것은 입력 자체가 비슷하기 때문입니다.
# 둘째 합성곱의 $10\times10$ 맵은 더 이상 옷처럼 보이지 않고, 밝은 곳이 몇 개의 점이나 세로 줄로 흩어져 있습니다. 칸마다 색의 범위가 따로 정해지므로 밝기는 칸끼리 비교할 수 없고, 완전히 어두운 칸은 이 이미지에서 ReLU가 모든 위치에 0을 낸 채널입니다. 눈으로는 어느 층에서 두 클래스가 더 달라지는지 말하기 어렵지만, 숫자로 재면 분명합니다.
# 이 노트북에 저장된 실행에서 최근접 평균 분류기의 정확도는 입력 0.722<!-- run -->, 합성곱 1이 0.719<!-- run -->로 같다가, 합성곱 2에서 0.764<!-- run -->, 완전 연결 2에서 0.875<!-- run -->로 올라갑니다.
# 층을 지날수록 두 클래스가 갈라집니다. 앞쪽 층은 어디에 무엇이 있는지를 자세히 남기고, 뒤쪽 층은 분류에 필요한 차이만 남기도록 훈련되었기 때문입니다. Zeiler와 Fergus(2014)는 AlexNet을 조금 고친 모델에서 층마다 같은 경향을 그림으로 보였습니다.

# %% [markdown]
# ## 연습문제 10
#
# **아주 다른 입력.** 무작위 잡음, 모두 0인 이미지, 밝기를 뒤집은 coat 이미지(`1 - x`)를 넣고, 예측한 클래스와 소프트맥스 확률의 최댓값, 그리고 각 층 활성화의 평균을 검증 이미지의 평균과 비교합니다.
#
# **추론.** 소프트맥스는 어떤 입력이든 열 개의 확률을 합이 1이 되도록 냅니다. "모르겠다"는 열한 번째 선택지는 없으므로, 모델은 본 적 없는 입력에도 어느 클래스든 하나를 고르고, 그 확률이 꼭 낮아야 할 이유도 없습니다.

# %%
coat = val_X[val_y == COAT][:1].float() / 255
torch.manual_seed(0)
odd_inputs = {'검증 이미지 (평균)': val_X[:1000].float() / 255,
              '무작위 잡음': torch.rand(1, 1, 28, 28), '모두 0': torch.zeros(1, 1, 28, 28),
              '밝기를 뒤집은 coat': 1 - coat}
rows = []
with torch.no_grad():
    for name, X in odd_inputs.items():
        probs = F.softmax(relu_model(X), dim=1)
        top = probs.max(1)
        rows.append({'입력': name, '예측': names[int(top.indices[0])] if len(X) == 1 else '-',
                     '최대 확률 (평균)': top.values.mean().item(),
                     '합성곱 1 평균': relu_model.net[:2](X).mean().item(),
                     '합성곱 2 평균': relu_model.net[:5](X).mean().item()})
pd.DataFrame(rows).set_index('입력').round(3)

# %% [markdown]
# **결과.** 세 입력 모두 모델은 어느 한 클래스를 골랐습니다. 이 노트북에 저장된 실행에서는 잡음을 bag, 모두 0인 이미지를 sneaker, 뒤집은 coat를 shirt로 예측했습니다.
# 최대 확률은 0.41<!-- run 0.411 -->~0.47<!-- run 0.465 -->로 검증 이미지의 평균(0.887<!-- run -->)보다 낮지만, 열 클래스에 고르게 나눈 0.1보다는 훨씬 높습니다. 모델은 "모르겠다"고 말하지 못하고, 반쯤 확신하는 답을 냅니다.
# 활성화도 평소와 다릅니다. 잡음과 뒤집은 coat는 합성곱 1의 평균 활성화가 검증 이미지(0.335<!-- run -->)보다 크고(0.462<!-- run -->, 0.666<!-- run -->), 합성곱 2에서는 오히려 작습니다. 한 번도 본 적 없는 밝기 분포에 첫 층은 과하게 반응하지만, 둘째 층이 찾는 옷의 부분은 거기 없다는 뜻입니다.
# 이것은 이 모델만의 문제가 아니라 소프트맥스 분류기의 일반적인 성질입니다. Nguyen 등(2015)은 사람에게는 잡음으로 보이는 이미지에 99% 넘는 확신으로 답하는 예를 만들어 보였습니다. 최대 확률이 낮은 입력을 분포 밖으로 의심하는 것은 간단한 기준선으로 쓰이지만(Hendrycks와 Gimpel 2017), 그 확률이 높게 나오는 분포 밖 입력도 흔합니다.

# %% [markdown]
# ## 연습문제 11
#
# **생성자 안의 책의 `init_cnn`.** 생성자에서 `self.net.apply(init_cnn)`을 부르면 그 순간 층은 아직 `LazyLinear`라서 `type(module) == nn.Linear`가 거짓이고, 아무 층도 초기화되지 않습니다.
# 마지막 층 `fc3`(입력 84, 출력 10)의 가중치 한계를 계산해 두면 어느 초기화가 적용되었는지 알 수 있습니다.
#
# * Xavier 균등 분포의 한계: $\sqrt{6/(84+10)} \approx 0.2526$
# * PyTorch 기본 초기화의 한계: $1/\sqrt{84} \approx 0.1091$

# %%
class BookInitLeNet(d2l.LeNet):
    """책처럼 생성자 안에서 책의 init_cnn을 부르는 LeNet."""
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__(lr, num_classes)
        self.net.apply(init_cnn)


torch.manual_seed(0)
trap = BookInitLeNet()
trap(torch.zeros(1, 1, 28, 28))                      # 첫 순전파에서 모양이 정해짐
print(f'최대 |w| = {trap.net[-1].weight.abs().max():.4f} | Xavier 한계 {math.sqrt(6 / 94):.4f}, '
      f'기본 초기화 한계 {1 / math.sqrt(84):.4f}')

# %% [markdown]
# **결과.** 가중치의 최댓값 0.1088<!-- run -->이 기본 초기화의 한계 0.1091<!-- run --> 안에 있습니다. Xavier 초기화였다면 $U(-0.2526, 0.2526)$에서 뽑은 840개 가운데 절반 이상이 0.1091보다 컸을 것이므로, 이 모델은 기본 초기화 그대로입니다.
# 훈련을 시작해도 이 출발점은 그대로입니다. `Trainer`는 초기화를 하지 않고, 훈련의 첫 순전파도 위 셀의 순전파처럼 모양을 정해 PyTorch 기본 초기화로 가중치를 만들 뿐이므로, `apply_init` 없이 훈련하면 이 기본 초기화에서 출발합니다.

# %% [markdown]
# ## 연습문제 12
#
# **평균 풀링 대신 스트라이드 2인 $2\times2$ 합성곱.** 스트라이드 2인 $2\times2$ 합성곱의 출력 크기는 $\lfloor (n-2)/2 \rfloor + 1$로 평균 풀링과 같으므로 모양은 그대로입니다($28 \to 14$, $10 \to 5$).
# 파라미터는 $6\cdot6\cdot4+6 = 150$개와 $16\cdot16\cdot4+16 = 1{,}040$개가 더해져 62,896개가 되고, 연산량은 $2\cdot(6\cdot6\cdot4\cdot14^2 + 16\cdot16\cdot4\cdot5^2) = 107{,}648$ FLOPs 늘어납니다.
#
# **풀링에 파라미터가 없어도 되는 이유.** $2\times2$ 평균 풀링은 채널마다 네 칸에 $\tfrac14$을 곱해 더하는, 가중치가 고정된 스트라이드 2 합성곱입니다. 학습되는 합성곱은 이 가중치를 스스로 고를 수 있으니 평균 풀링을 특별한 경우로 포함합니다.
# 다운샘플링의 목적, 곧 해상도를 줄여 뒤쪽 층의 계산을 줄이고 한 값이 보는 범위를 넓히는 일에는 학습이 필요하지 않습니다. 앞의 합성곱이 이미 어떤 특성을 만들지 배우므로, 풀링은 정해진 방식으로 요약만 해도 충분합니다.
# 반대로 Springenberg 등(2015)은 최대 풀링을 모두 스트라이드 합성곱으로 바꾼 "all convolutional net"이 CIFAR-10에서 정확도를 잃지 않는다는 것을 보였습니다. 원래 LeNet-5의 서브샘플링 층도 채널마다 계수와 편향 두 개를 학습했습니다(본문 개념 절).
#
# 시그모이드 모델은 480스텝 동안 어느 쪽이든 무작위 추측 수준에 머물 것으로 예상되므로(연습문제 2), 두 다운샘플링 방법의 비교는 ReLU 모델에서도 합니다.

# %%
total = cost_table(CustomLeNet(nn.Sigmoid, down='conv')).loc['합계']
print(f'스트라이드 합성곱 모델: 파라미터 {total["파라미터"]:,}개, {total["FLOPs"]:,} FLOPs')
rows = {'시그모이드 + 평균 풀링': activation_table.loc['시그모이드', '검증 정확도'],
        '시그모이드 + 스트라이드 합성곱': short_run(lambda: CustomLeNet(nn.Sigmoid, down='conv'))[0],
        'ReLU + 평균 풀링': activation_table.loc['ReLU', '검증 정확도'],
        'ReLU + 스트라이드 합성곱': short_run(lambda: CustomLeNet(nn.ReLU, down='conv'))[0]}
pd.Series(rows, name='480스텝 뒤 검증 정확도').round(3).to_frame()

# %% [markdown]
# **결과.** 파라미터와 연산량은 계산과 같은 62,896<!-- run -->개, 940,688<!-- run --> FLOPs입니다. 시그모이드 모델은 다운샘플링을 학습되는 합성곱으로 바꿔도 무작위 추측 수준(0.100<!-- run -->)에 머뭅니다. 문제가 풀링이 아니라 활성화 함수에 있다는 본문의 결론과 맞습니다.
#
# ReLU 모델에서는 이 노트북에 저장된 실행에서 스트라이드 합성곱이 0.810<!-- run -->으로 평균 풀링(0.738<!-- run -->)보다 높았습니다. 최대 풀링 모델의 시드 세 개(0.774<!-- run -->~0.808<!-- run -->)와는 비슷한 수준입니다.
# 그러나 같은 ReLU + 평균 풀링 모델이 미니배치 순서만 다른 본문 (나)에서는 0.79였습니다. 미니배치 순서만 바꿔도 같은 모델의 정확도가 0.05쯤 달라지므로, 위의 차이(0.07쯤)가 다운샘플링 방법 때문인지는 이 실행만으로 가릴 수 없습니다.
#
# 차이가 진짜라면 한 가지 설명은 이렇습니다. 평균 풀링은 기울기를 네 칸에 나눠 보내 크기를 절반으로 줄이고 특성을 흐리지만, 학습되는 합성곱은 필요한 칸에 무게를 둘 수 있어 짧은 훈련에서 더 빨리 배울 수 있습니다. 확인하려면 두 모델을 연습문제 6처럼 시드 0·1·2로 돌려 비교해 보세요.

# %%
print(f'이 노트북 전체: {(time.perf_counter() - START) / 60:.1f}분')
