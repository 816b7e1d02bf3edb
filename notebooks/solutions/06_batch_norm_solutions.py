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
# # 배치 정규화: 연습문제 풀이
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/solutions/06_batch_norm_solutions.ipynb)
#
# [06 배치 정규화 노트북](../06_batch_norm.ipynb)의 연습문제 14개를 풉니다. 먼저 본문을 옆에 두고 스스로 풀어 본 뒤에 읽으세요.
# 문제마다 **추론**에서 무엇이 일어날지 식과 논리로 먼저 예상하고, **확인**의 코드로 그 예상을 재어 본 뒤, 출력에서 무엇을 읽을지 적었습니다. 예상이 빗나간 곳은 빗나갔다고 밝힙니다.
# 훈련이 필요한 연습문제는 이 노트북 전체가 2코어 CPU에서 2분 안에 끝나도록 훈련 데이터의 25%(훈련 15,000장, 검증 2,500장)로 2에폭씩만 훈련합니다(예산이 다른 문제는 그 문제에서 밝힙니다). 본문의 8에폭 실행보다 정확도가 낮으니, 절댓값보다 같은 예산의 실행끼리의 차이를 읽으세요.

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
# 본문의 밑바닥 구현 `batch_norm`과 `BatchNorm`은 `d2l.BatchNorm`처럼 d2lmini에서 가져옵니다(본문의 「구현」 절과 같은 코드). 구조를 바꾸는 연습문제가 많으므로, `BNLeNet`과 같은 뼈대(첫 합성곱 층에 패딩 없음, 시그모이드, 평균 풀링)에서 정규화 층의 종류와 자리만 인자로 바꾸는 `LeNetVariant`를 만듭니다. 인자를 주지 않으면 본문의 `BNLeNet`과 층이 하나하나 같고, `norm=None`이면 배치 정규화가 없는 LeNet입니다. `short_run`은 본문의 훈련 셀과 같은 호출로 짧은 예산의 훈련을 합니다.

# %%
import math

import pandas as pd
import torch
from IPython.display import display
from torch import nn

import d2lmini as d2l


SHAPES = [(6, 24, 24), (16, 8, 8), (120,), (84,)]   # 자리 0~3의 출력 모양(예제 하나)


def batch_norm_layer(place, shape):
    """자리에 맞는 PyTorch 배치 정규화 층: 합성곱 층 뒤면 2d, 완전 연결 층 뒤면 1d."""
    return nn.LazyBatchNorm2d() if len(shape) == 3 else nn.LazyBatchNorm1d()


class LeNetVariant(d2l.Classifier):
    """BNLeNet의 뼈대에서 정규화만 바꾼 모델.

    norm: norm(자리, 모양)으로 정규화 층을 만드는 함수(None이면 정규화 없음). 자리 0, 1은
        합성곱 층 뒤, 2, 3은 완전 연결 층 뒤입니다.
    places: 정규화를 넣을 자리들.  after: True면 시그모이드 뒤에 넣습니다.
    bias: False면 정규화 바로 앞 층의 편향을 뺍니다.  dropout: 완전 연결 층의 시그모이드 뒤 드롭아웃 비율.
    """
    def __init__(self, norm=batch_norm_layer, places=(0, 1, 2, 3), after=False, bias=True,
                 dropout=0.0, lr=0.002):
        super().__init__()
        self.save_hyperparameters(ignore=['norm'])
        makers = [lambda b: nn.LazyConv2d(6, kernel_size=5, bias=b),
                  lambda b: nn.LazyConv2d(16, kernel_size=5, bias=b),
                  lambda b: nn.LazyLinear(120, bias=b), lambda b: nn.LazyLinear(84, bias=b)]
        layers = []
        for place, make in enumerate(makers):
            normed = norm is not None and place in places
            unit = [make(bias or not normed), nn.Sigmoid()]
            if normed:
                unit.insert(2 if after else 1, norm(place, SHAPES[place]))
            if place < 2:
                unit.append(nn.AvgPool2d(kernel_size=2, stride=2))
            elif dropout:
                unit.append(nn.Dropout(dropout))
            if place == 1:
                unit.append(nn.Flatten())
            layers += unit
        layers.append(nn.LazyLinear(10))
        self.net = nn.Sequential(*layers)


def short_run(model, recipe=d2l.CPU_RECIPE, fraction=0.25, epochs=2, batch_size=128):
    """model을 Fashion-MNIST의 fraction만큼으로 epochs에폭 훈련하고 에폭별 기록을 돌려줍니다."""
    trainer = d2l.Trainer(max_epochs=epochs, num_gpus=0, seed=0, plot=False, progress=False)
    data = d2l.FashionMNIST(batch_size=batch_size, fraction=fraction)
    recipe.apply(model, data)
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    return trainer.fit(model, data)


def summary(runs):
    """{이름: 기록} → 에폭마다의 훈련 손실, 검증 손실, 검증 정확도를 나란히 놓은 표."""
    return pd.DataFrame({name: {f'{r["epoch"]}에폭 {key}': round(r[key], 3)
                                for r in rows for key in ('train_loss', 'val_loss', 'val_acc')}
                         for name, rows in runs.items()}).T


print(LeNetVariant().net)

# %% [markdown]
# 여러 문제에서 비교 기준으로 쓸 두 실행을 먼저 훈련합니다. 본문과 같은 `cpu` 레시피로 `BNLeNet`과 같은 모델, 배치 정규화가 없는 LeNet을 훈련합니다.
#
# 훈련 셀에 나오는 `[d2lmini]` 줄은 실행마다 스텝 몇 개를 재어 고른 계산 방법(bf16, channels_last 등)을 알립니다(01 LeNet 노트북의 「훈련」 절). 이 노트북의 실행은 모두 같은 모델 클래스 `LeNetVariant`라, 계산 방법마다 그것을 처음 고른 실행에서 한 번만 알립니다. 그래서 줄이 없는 실행도 있고, 한 표 안의 실행끼리도 계산 방법이 다를 수 있습니다. 그 차이도 실행마다의 작은 흔들림에 섞입니다.

# %%
base = {'BNLeNet': short_run(LeNetVariant()), 'LeNet (배치 정규화 없음)': short_run(LeNetVariant(norm=None))}
summary(base)

# %% [markdown]
# ## 연습문제 1
#
# **추론.** 채널 하나의 값 $m$개로 낸 편향 분산 $\hat{\sigma}^2_\mathcal{B} = \frac{1}{m}\sum (x - \hat{\mu})^2$에 $\frac{m}{m-1}$을 곱하면 불편 분산 $\frac{1}{m-1}\sum (x - \hat{\mu})^2$가 됩니다. 정규화에는 그대로 편향 분산을 쓰고, 이동 분산의 갱신에만 불편 분산을 넣으면 PyTorch와 같은 규칙이 됩니다. 그러면 이동 분산과, 그것을 쓰는 예측 모드 출력이 모두 PyTorch와 같아질 것입니다.
#
# **확인.** 본문 「숫자로 확인」 절과 같은 미니배치 5개로, 갱신 규칙만 바꾼 `batch_norm_unbiased`를 `nn.BatchNorm2d`와 비교합니다.

# %%
def batch_norm_unbiased(X, gamma, beta, moving_mean, moving_var, eps, momentum):
    """batch_norm과 같고, 이동 분산만 불편 분산 var · m / (m - 1)으로 갱신합니다."""
    if not torch.is_grad_enabled():
        X_hat = (X - moving_mean) / torch.sqrt(moving_var + eps)
    else:
        dims = (0,) if X.dim() == 2 else (0, 2, 3)
        mean = X.mean(dim=dims, keepdim=True)
        var = ((X - mean) ** 2).mean(dim=dims, keepdim=True)
        X_hat = (X - mean) / torch.sqrt(var + eps)          # 정규화에는 편향 분산
        m = X.numel() / X.shape[1]                           # 채널 하나의 값 개수
        moving_mean = (1.0 - momentum) * moving_mean + momentum * mean
        moving_var = (1.0 - momentum) * moving_var + momentum * var * m / (m - 1)
    return gamma * X_hat + beta, moving_mean.data, moving_var.data


class BatchNormUnbiased(d2l.BatchNorm):
    def forward(self, X):
        Y, self.moving_mean, self.moving_var = batch_norm_unbiased(
            X, self.gamma, self.beta, self.moving_mean, self.moving_var, eps=1e-5, momentum=0.1)
        return Y


gen = torch.Generator().manual_seed(0)
C = 3
ours, ref = BatchNormUnbiased(C, num_dims=4), nn.BatchNorm2d(C)
with torch.no_grad():
    g, b = torch.rand(C, generator=gen) + 0.5, torch.randn(C, generator=gen)
    ours.gamma.copy_(g.reshape(1, C, 1, 1)); ours.beta.copy_(b.reshape(1, C, 1, 1))
    ref.weight.copy_(g); ref.bias.copy_(b)
for _ in range(5):
    X = torch.randn(8, C, 5, 5, generator=gen) * 3 + 2
    ours(X), ref(X)
X_test = torch.randn(4, C, 5, 5, generator=gen) * 3 + 2
ref.eval()
with torch.no_grad():
    print('이동 분산 일치:', torch.allclose(ours.moving_var.flatten(), ref.running_var, rtol=1e-5, atol=1e-6))
    print('예측 모드 출력 일치:', torch.allclose(ours(X_test), ref(X_test), rtol=1e-5, atol=1e-5))

# %% [markdown]
# 두 줄 모두 `True`입니다. 본문에서 남았던 $m/(m-1)$배의 차이가 이 한 줄의 갱신 규칙에서 왔다는 것이 확인됩니다.

# %% [markdown]
# ## 연습문제 2
#
# **추론.** `register_buffer(이름, 텐서)`로 등록한 텐서는 학습되지 않지만 모듈의 일부가 됩니다. 그래서 `state_dict()`에 `moving_mean`, `moving_var`라는 이름으로 나타나 저장·불러오기에 포함되고, `model.to(device)`나 `model.double()`이 파라미터와 함께 옮기고 바꿉니다. 평범한 속성으로 두었을 때는 둘 다 되지 않았으므로 `forward`에서 직접 옮겨야 했습니다.
#
# **확인.** 버퍼로 등록한 `BatchNormBuffer`의 `state_dict()` 키를 본문의 `BatchNorm`과 비교하고, `double()`이 이동 통계의 자료형까지 바꾸는지 봅니다(GPU가 없어도 자료형으로 같은 일을 확인할 수 있습니다).

# %%
class BatchNormBuffer(nn.Module):
    def __init__(self, num_features, num_dims):
        super().__init__()
        shape = (1, num_features) if num_dims == 2 else (1, num_features, 1, 1)
        self.gamma = nn.Parameter(torch.ones(shape))
        self.beta = nn.Parameter(torch.zeros(shape))
        self.register_buffer('moving_mean', torch.zeros(shape))   # 학습되지 않지만 모듈의 일부
        self.register_buffer('moving_var', torch.ones(shape))

    def forward(self, X):   # 장치 옮기기 코드가 필요 없습니다
        Y, self.moving_mean, self.moving_var = d2l.batch_norm(
            X, self.gamma, self.beta, self.moving_mean, self.moving_var, eps=1e-5, momentum=0.1)
        return Y


print('본문의 BatchNorm:', list(d2l.BatchNorm(3, 4).state_dict()))
layer = BatchNormBuffer(3, 4)
print('버퍼로 등록:     ', list(layer.state_dict()))
layer(torch.randn(8, 3, 5, 5))                 # 훈련 모드로 한 번 갱신해도 버퍼로 남는지
print('갱신 뒤의 버퍼:  ', [name for name, _ in layer.named_buffers()])
print('double() 뒤 자료형:', layer.double().moving_mean.dtype, '(본문의 BatchNorm:',
      d2l.BatchNorm(3, 4).double().moving_mean.dtype, ')')

# %% [markdown]
# `state_dict()`에 `moving_mean`, `moving_var`가 새로 나타나고, `forward`에서 새 텐서를 대입해도 버퍼로 남습니다(등록된 이름에 텐서를 대입하면 PyTorch가 버퍼를 바꿔 끼웁니다). `double()`은 버퍼의 자료형을 바꾸지만 본문의 `BatchNorm`의 이동 평균은 float32 그대로입니다. `model.to('cuda')`도 같은 방식으로 파라미터와 버퍼는 옮기지만, 평범한 텐서 속성은 옮기지 않습니다.

# %% [markdown]
# ## 연습문제 3
#
# **추론.** `self.training`은 `model.train()`과 `model.eval()`이 정하는 값이라 기울기 계산과 상관없습니다. 그래서 `.eval()`만 부르면 `torch.no_grad()` 없이도 예측 모드가 되어 이동 평균이 바뀌지 않을 것입니다. 반대로 훈련 모드에서 `torch.no_grad()` 안에서 부르면 이제는 미니배치 통계로 정규화하고 이동 평균을 갱신합니다(PyTorch 층과 같은 동작).
#
# **확인.** 모드를 인자로 받는 `batch_norm_mode`를 만들고 본문의 「함정」 셀을 다시 돌립니다.

# %%
def batch_norm_mode(X, gamma, beta, moving_mean, moving_var, eps, momentum, training):
    """batch_norm과 같고, 모드만 training 인자로 정합니다."""
    if not training:
        X_hat = (X - moving_mean) / torch.sqrt(moving_var + eps)
    else:
        dims = (0,) if X.dim() == 2 else (0, 2, 3)
        mean = X.mean(dim=dims, keepdim=True)
        var = ((X - mean) ** 2).mean(dim=dims, keepdim=True)
        X_hat = (X - mean) / torch.sqrt(var + eps)
        moving_mean = (1.0 - momentum) * moving_mean + momentum * mean
        moving_var = (1.0 - momentum) * moving_var + momentum * var
    return gamma * X_hat + beta, moving_mean.data, moving_var.data


class BatchNormMode(d2l.BatchNorm):
    def forward(self, X):
        Y, self.moving_mean, self.moving_var = batch_norm_mode(
            X, self.gamma, self.beta, self.moving_mean, self.moving_var, eps=1e-5, momentum=0.1,
            training=self.training)
        return Y


X = torch.randn(8, 3, 5, 5, generator=torch.Generator().manual_seed(1)) * 3 + 2
for cls in (d2l.BatchNorm, BatchNormMode):
    layer = cls(3, num_dims=4).eval()          # eval()을 불렀지만 기울기 계산은 켜져 있음
    before = layer.moving_mean.clone()
    layer(X)
    print(f'{cls.__name__:13s}: eval() 뒤에도 이동 평균이 바뀌었나?', not torch.equal(before, layer.moving_mean))
layer = BatchNormMode(3, num_dims=4).train()
with torch.no_grad():
    layer(X)
print('BatchNormMode: 훈련 모드 + no_grad에서 이동 평균이 바뀌었나?', not torch.equal(layer.moving_mean, torch.zeros(1, 3, 1, 1)))

# %% [markdown]
# 본문의 `BatchNorm`은 `True`(바뀜), `self.training`을 따르는 `BatchNormMode`는 `False`로 PyTorch 층과 같아집니다. 마지막 줄처럼 훈련 모드에서는 `no_grad` 안이라도 통계를 갱신합니다. 어느 쪽이 맞다기보다, 모드를 정하는 신호가 하나여야 실수가 없다는 점이 요점이고 PyTorch는 `self.training`을 택했습니다.

# %% [markdown]
# ## 연습문제 4
#
# **추론.** 책의 방법은 모멘텀 없는 SGD에 고정 학습률 0.1입니다. SGD의 걸음은 기울기의 크기를 그대로 따르므로, 층마다 값의 크기가 다르면 하나의 학습률이 모든 층에 맞기 어렵습니다. 배치 정규화가 없는 LeNet은 시그모이드 층을 지날 때마다 기울기가 최대 4분의 1로 줄어(01 LeNet 노트북의 「시그모이드와 평균 풀링: 훈련 초반이 느린 이유」 절) 앞쪽 층이 거의 움직이지 못하고, 01 노트북의 책 방법 실행처럼 처음 몇 에폭을 무작위 추측 수준에서 보냅니다. 배치 정규화는 층마다 값을 시그모이드의 가파른 구간에 맞춰 주므로 이 차이가 SGD에서 더 크게 드러날 것입니다. AdamW는 파라미터마다 걸음을 맞춰 주므로, 공통 레시피에서는 배치 정규화가 없는 LeNet도 어느 정도 배웁니다.
#
# **확인.** 같은 예산(데이터의 25%, 2에폭)으로 두 모델을 책의 방법(학습률 0.1)으로 훈련해 준비 절의 `cpu` 레시피 실행과 나란히 놓습니다.

# %%
book = {'BNLeNet, 책의 방법': short_run(LeNetVariant(lr=0.1), d2l.BOOK_RECIPE),
        'LeNet, 책의 방법': short_run(LeNetVariant(norm=None, lr=0.1), d2l.BOOK_RECIPE)}
reference = d2l.reference_results('cpu')
lenet_runs = reference[reference.notebook == '01_lenet']
lenet_book = lenet_runs[[d2l.recipe_name(s) == 'book' for s in lenet_runs.settings]].iloc[0]
print('01 노트북의 책 방법 실행(기준 실행, 전체 데이터)의 에폭별 검증 정확도:',
      [round(r['val_acc'], 3) for r in lenet_book.history])
summary({'BNLeNet, cpu 레시피': base['BNLeNet'], 'LeNet, cpu 레시피': base['LeNet (배치 정규화 없음)'], **book})

# %% [markdown]
# 책의 방법에서 배치 정규화가 없는 LeNet은 손실이 $\ln 10 \approx 2.30$에 머물고 검증 정확도가 0.1(무작위 추측 수준)인데, `BNLeNet`은 같은 학습률로 첫 에폭부터 배웁니다. `cpu` 레시피에서는 배치 정규화가 없는 LeNet도 배우므로 두 모델의 차이가 작아집니다. 곧 배치 정규화가 더하는 몫은 **책의 방법(SGD)에서 훨씬 큽니다.** 본문 결과 절의 `cpu` 비교(8에폭 뒤 0.06쯤)는 AdamW가 이미 메워 준 부분을 뺀, 작은 쪽의 몫입니다. 위에 출력한 01 노트북의 책 방법 실행도 전체 데이터로 처음 두 에폭을 무작위 추측 수준 근처에서 보낸 뒤에야 배우기 시작해, 10에폭 뒤 약 0.74<!-- run 0.737 -->에 닿았습니다.

# %% [markdown]
# ## 연습문제 5
#
# **추론.** 학습률을 키우면 SGD의 걸음이 그만큼 커집니다. 배치 정규화가 없으면 한 층의 가중치가 크게 바뀔 때 다음 층이 받는 값의 크기도 함께 바뀌고, 시그모이드가 포화되거나 손실이 튀어 최적화가 깨지기 쉽습니다. 배치 정규화가 있으면 앞 층의 가중치를 $a$배 해도 정규화된 출력은 그대로이므로($\mathrm{BN}(a\mathbf{W}\mathbf{x}) = \mathrm{BN}(\mathbf{W}\mathbf{x})$), 가중치의 크기가 출력의 크기를 흔들지 못합니다. 게다가 그 가중치에 대한 기울기는 $1/a$배가 되어 가중치가 커질수록 걸음이 저절로 작아집니다. 그래서 배치 정규화가 있는 쪽이 훨씬 큰 학습률을 견딜 것입니다.
#
# **확인.** 책의 방법에서 학습률을 0.3, 1.0, 3.0으로 올려 두 모델을 훈련합니다(0.1은 연습문제 4의 실행).

# %%
lr_rows = {}
for lr in (0.1, 0.3, 1.0, 3.0):
    for name, norm in (('BNLeNet', batch_norm_layer), ('LeNet', None)):
        if lr == 0.1:
            rows = book[f'{name}, 책의 방법']
        else:
            rows = short_run(LeNetVariant(norm=norm, lr=lr), d2l.BOOK_RECIPE)
        lr_rows[(lr, name)] = rows[-1]['val_acc']
pd.Series(lr_rows).unstack().rename_axis('학습률').add_suffix(' (2에폭 뒤 검증 정확도)')

# %% [markdown]
# 배치 정규화가 없는 LeNet은 이 짧은 예산에서 어느 학습률로도 무작위 추측 수준(0.1)을 벗어나지 못합니다. 0.1에서는 연습문제 4의 표처럼 손실이 약 2.31<!-- run 2.309 -->로 $\ln 10$ 근처에 머물러, 이 예산 안에 처음의 평평한 구간을 벗어나지 못합니다(연습문제 4에 출력한 01 노트북의 실행은 전체 데이터로 세 번째 에폭에야 벗어났습니다). 더 큰 학습률에서도 0.1에 머무는 까닭이 아직 평평한 구간에 있어서인지, 발산하거나 시그모이드가 포화되어서인지는 정확도만 있는 이 표로 가를 수 없습니다. 곧 이 예산으로는 LeNet이 어느 학습률에서도 배우지 못한다는 것까지가 답입니다. 실행마다 마지막 `train_loss`도 찍어 보면 적어도 발산(`nan`)했는지는 가를 수 있습니다.
#
# `BNLeNet`은 0.1부터 3.0까지 모든 학습률에서 배웁니다. 2에폭 뒤 검증 정확도는 0.1에서 약 0.74<!-- run 0.7396 -->이고, 더 큰 학습률에서는 0.55<!-- run 0.5548 -->~0.62<!-- run 0.6192 -->로 낮아지지만 3.0에서도 무작위 추측 수준으로 무너지지는 않습니다. 정확한 경계는 시드와 예산에 따라 달라지므로, 표에서 읽을 것은 "배치 정규화가 있으면 견딜 수 있는 학습률의 범위가 훨씬 넓어진다"는 방향입니다. 더 키워 가며 `BNLeNet`이 어디서 무너지는지 직접 찾아보세요. 같은 관찰이 Ioffe와 Szegedy(2015)의 핵심 주장 가운데 하나입니다.

# %% [markdown]
# ## 연습문제 6
#
# **추론.** 합성곱 층의 출력 $\mathbf{W}\mathbf{x} + b$에서 미니배치 평균을 빼면 $\hat{\mu}_\mathcal{B}$에도 $b$가 그대로 들어 있으므로 $(\mathbf{W}\mathbf{x} + b) - (\hat{\mu}_{\mathbf{W}\mathbf{x}} + b) = \mathbf{W}\mathbf{x} - \hat{\mu}_{\mathbf{W}\mathbf{x}}$가 되어 $b$가 사라집니다. 분산도 $b$와 상관없습니다. 예측 모드에서도 이동 평균에 $b$가 들어 있어 마찬가지입니다. 곧 배치 정규화 바로 앞의 편향은 출력에 아무 영향을 주지 않고, 그 역할은 $\beta$가 합니다. 빼면 파라미터가 $6 + 16 + 120 + 84 = 226$개 줄고, 계산이 같으므로 정확도는 (부동소수점 오차를 빼고 초기 가중치가 같다면) 같을 것입니다. 편향의 기울기도 (부동소수점 오차 수준의) 0이라 출력에 영향을 주지 못합니다. SGD에서는 편향의 값도 거의 바뀌지 않지만, 작은 기울기도 그 크기로 나눠 정규화하는 AdamW(`cpu` 레시피)에서는 편향이 잡음처럼 움직일 수 있습니다. 그래도 평균을 빼면서 지워지므로 출력은 같습니다.
#
# **확인.** 파라미터 수를 세고, 같은 예산으로 훈련해 준비 절의 `BNLeNet`과 비교합니다. 새로 만든 `BNLeNet`에 무작위 미니배치 하나로 역전파해 첫 합성곱 층 편향의 기울기도 봅니다.

# %%
no_bias = LeNetVariant(bias=False)
no_bias_history = short_run(no_bias)
with_bias = LeNetVariant()
with_bias.apply_init([torch.zeros(2, 1, 28, 28)], d2l.init_cnn)
with_bias.train()                               # 훈련 모드: 미니배치 통계로 정규화
print(f'파라미터: 편향 있음 {d2l.num_params(with_bias):,} / 편향 없음 {d2l.num_params(no_bias):,}')
X = torch.randn(16, 1, 28, 28)
with_bias.loss(with_bias(X), torch.randint(0, 10, (16,))).backward()
print('첫 합성곱 층 편향의 기울기 절댓값 최대:', with_bias.net[0].bias.grad.abs().max().item())
summary({'BNLeNet (편향 있음)': base['BNLeNet'], 'BNLeNet (편향 없음)': no_bias_history})

# %% [markdown]
# 파라미터는 226개 줄고, 편향의 기울기는 (부동소수점 오차 수준의) 0입니다. 두 실행의 정확도 차이는 초기 가중치의 난수 순서가 편향의 유무로 달라진 데서 오는 흔들림 정도입니다. 그래서 실무 코드는 배치 정규화 앞의 층을 `bias=False`로 만듭니다(예: torchvision의 ResNet).

# %% [markdown]
# ## 연습문제 7
#
# **추론.** 배치 정규화를 시그모이드 앞에 두면 시그모이드가 받는 값이 채널마다 평균 $\beta$, 표준편차 $\gamma$로 맞춰져, 시그모이드의 어느 구간을 쓸지를 $\gamma, \beta$로 배웁니다. 뒤에 두면 시그모이드는 정규화되지 않은 값을 받으므로 앞 층의 값이 크면 포화되고 작으면 거의 선형입니다. 대신 다음 층은 평균 0, 분산 1로 맞춘 값을 받으므로, 앞에 두는 것과 비교하면 "다음 층의 입력 범위"는 더 잘 맞춥니다. 원 논문(Ioffe & Szegedy, 2015)은 비선형 함수 앞에 두었고 책과 본문도 그렇게 합니다. 시그모이드 LeNet에서는 포화를 막는 앞자리가 조금 유리할 것으로 예상합니다.
#
# **확인.** `after=True`로 시그모이드 뒤에 배치 정규화를 둔 모델을 같은 예산으로 훈련합니다.

# %%
after_history = short_run(LeNetVariant(after=True))
print(LeNetVariant(after=True).net[:4])
summary({'배치 정규화 → 시그모이드 (본문)': base['BNLeNet'], '시그모이드 → 배치 정규화': after_history})

# %% [markdown]
# 두 자리 모두 배치 정규화가 없는 LeNet(준비 절, 2에폭 뒤 약 0.56<!-- run 0.559 -->)보다 훨씬 빨리 배우고, 둘 사이의 차이는 그보다 훨씬 작습니다. 예상과 달리 이 실행에서는 시그모이드 뒤에 둔 쪽이 조금 높았지만(약 0.81<!-- run 0.813 --> 대 0.80<!-- run 0.798 -->), 한 번씩의 실행이라 이 정도 차이로 자리의 우열을 가를 수는 없습니다. 곧 배치 정규화의 효과 대부분은 "어디에 두느냐"보다 "층마다 값을 다시 맞춘다"는 데서 옵니다.

# %% [markdown]
# ## 연습문제 8
#
# **추론.** 배치 정규화는 층마다 값을 다시 맞추므로, 효과는 값의 크기가 가장 흔들리는 곳에서 클 것입니다. LeNet에서 그런 곳은 입력을 처음 받는 첫 합성곱 층(입력의 스케일을 맞춤)과, 시그모이드를 여러 번 지나 기울기가 작아진 뒤쪽입니다. 몇 층에만 두어도 대부분의 효과를 얻는다면 모든 층에 둘 필요는 없고, 빼는 만큼 계산과 예측 모드의 복잡함이 줄어듭니다.
#
# **확인.** 배치 정규화를 합성곱 층 뒤에만(자리 0, 1), 첫 합성곱 층 뒤에만(자리 0), 완전 연결 층 뒤에만(자리 2, 3) 둔 모델을 같은 예산으로 훈련해, 모든 층(본문)과 없음을 나란히 놓습니다.

# %%
place_runs = {'모든 층 (본문)': base['BNLeNet']}
for name, places in (('합성곱 층 뒤에만', (0, 1)), ('첫 합성곱 층 뒤에만', (0,)), ('완전 연결 층 뒤에만', (2, 3))):
    place_runs[name] = short_run(LeNetVariant(places=places))
place_runs['없음'] = base['LeNet (배치 정규화 없음)']
summary(place_runs)

# %% [markdown]
# 2에폭 뒤 검증 정확도로 보면 배치 정규화를 일부 자리에만 둔 모델들은 모두 없음과 모든 층 사이에 놓입니다. 완전 연결 층 뒤에만 두어도 2에폭 뒤 약 0.77<!-- run 0.768 -->로 모든 층(약 0.80<!-- run 0.798 -->)에 가깝고, 첫 합성곱 층 하나에만 두어도 없음(약 0.56<!-- run 0.559 -->)보다 분명히 높습니다. 곧 이 작은 망에서는 배치 정규화가 모든 층에 꼭 필요하지는 않습니다. 2에폭 뒤만 보면 시그모이드를 여러 번 지난 뒤쪽 층에 둔 것이 가장 큰 몫을 했지만, 한 번씩의 실행이고 첫 에폭에는 순서가 달랐으므로 단정할 수는 없습니다.
#
# 첫 에폭 뒤에는 완전 연결 층 뒤에만 둔 모델의 검증 정확도가 0.440<!-- run -->으로 없음(0.426<!-- run -->)과 비슷했습니다. 그런데 훈련 손실(1.465<!-- run -->)은 모든 층(1.444<!-- run -->)만큼 낮았고, 검증 손실(1.694<!-- run -->)이 훈련 손실보다 높았습니다. 검증 손실은 레이블 스무딩 없이 재고 훈련 손실은 에폭 동안의 평균이라 이 표의 다른 실행에서는 모두 검증 손실이 더 낮은데, 이 실행만 반대입니다. 미니배치 통계를 쓰는 훈련 모드에서는 배웠는데, 이동 통계를 쓰는 예측 모드에서만 나빴다는 뜻입니다. 한 가지 설명은, 정규화되지 않은 합성곱 층의 출력이 빠르게 바뀌는 동안 완전 연결 층 뒤의 이동 통계가 따라가지 못했다는 것입니다(본문 인터랙티브 (가) 뒤의 설명처럼 이동 평균은 지난 값을 기억합니다). 2에폭 뒤에는 이 어긋남이 사라졌습니다.
#
# 다만 실무의 깊은 망은 합성곱마다 배치 정규화를 둡니다(07 ResNet 노트북의 「잔차 블록의 구조」 절). 깊이가 깊을수록 값의 크기가 흔들릴 곳이 많기 때문입니다.

# %% [markdown]
# ## 연습문제 9
#
# **추론.** 배치 정규화는 두 가지 일을 합니다. 평균을 빼서 값의 **위치**를 맞추고, 표준편차로 나눠 **크기**를 맞춥니다.
#
# * **평균만 빼면** 시그모이드가 받는 값의 가운데는 맞지만 크기는 앞 층의 가중치에 달려 있습니다. 가중치가 커지면 시그모이드가 포화되고 작으면 선형 구간에 머뭅니다. 연습문제 5에서 본 "가중치 크기에 둔감함"도 사라집니다.
# * **분산으로만 나누면** 크기는 맞지만 평균이 남습니다. 예를 들어 시그모이드 출력(0과 1 사이, 평균이 0.5 근처)을 받는 다음 층에서는 평균이 0에서 멀어, 정규화된 값이 시그모이드의 한쪽 끝에 몰릴 수 있습니다. 학습되는 $\beta$가 이것을 어느 정도 되돌릴 수는 있습니다.
#
# 둘 다 배치 정규화가 없는 것보다는 나을 것이고, 시그모이드 망에서는 크기를 맞추는 쪽이 더 중요할 것으로 예상합니다. 가중치 정규화(Salimans & Kingma, 2016)는 평균만 빼는 배치 정규화와 가중치의 크기를 떼어 내는 것을 함께 쓰면 좋다고 보고했습니다.
#
# **확인.** 평균과 분산을 골라 쓰는 `LiteBatchNorm`(이동 통계도 쓰는 것만 쌓습니다)으로 두 가지 "가벼운" 배치 정규화를 만들어 훈련합니다.

# %%
class LiteBatchNorm(nn.Module):
    """평균만 빼거나(center) 표준편차로만 나누는(scale) 배치 정규화.  γ, β와 이동 통계는 그대로."""
    def __init__(self, shape, center=True, scale=True, eps=1e-5, momentum=0.1):
        super().__init__()
        stat_shape = (1, shape[0], 1, 1) if len(shape) == 3 else (1, shape[0])
        self.center, self.scale, self.eps, self.momentum = center, scale, eps, momentum
        self.gamma = nn.Parameter(torch.ones(stat_shape))
        self.beta = nn.Parameter(torch.zeros(stat_shape))
        self.register_buffer('moving_mean', torch.zeros(stat_shape))
        self.register_buffer('moving_var', torch.ones(stat_shape))

    def forward(self, X):
        if self.training:
            dims = (0,) if X.dim() == 2 else (0, 2, 3)
            mean = X.mean(dim=dims, keepdim=True)
            var = ((X - mean) ** 2).mean(dim=dims, keepdim=True)
            with torch.no_grad():   # (1 - momentum)·이동 평균 + momentum·새 값 (bf16 계산이어도 float32로 쌓음)
                self.moving_mean.lerp_(mean.to(self.moving_mean.dtype), self.momentum)
                self.moving_var.lerp_(var.to(self.moving_var.dtype), self.momentum)
        else:
            mean, var = self.moving_mean, self.moving_var
        X_hat = X - mean if self.center else X
        if self.scale:
            X_hat = X_hat / torch.sqrt(var + self.eps)
        return self.gamma * X_hat + self.beta


lite_runs = {'평균과 분산 (본문)': base['BNLeNet']}
for name, center, scale in (('평균만 뺌', True, False), ('분산으로만 나눔', False, True)):
    lite_runs[name] = short_run(LeNetVariant(norm=lambda place, shape: LiteBatchNorm(shape, center, scale)))
lite_runs['없음'] = base['LeNet (배치 정규화 없음)']
summary(lite_runs)

# %% [markdown]
# 두 "가벼운" 배치 정규화 모두 배치 정규화가 없는 LeNet보다는 빨리 배우고, 평균과 분산을 모두 쓰는 본문의 배치 정규화가 가장 좋습니다. 둘 가운데서는 분산으로만 나누는 쪽(2에폭 뒤 약 0.76<!-- run 0.755 -->)이 평균만 빼는 쪽(약 0.71<!-- run 0.708 -->)보다 높아, 이 시그모이드 망에서는 크기를 맞추는 일이 위치를 맞추는 일보다 조금 더 중요하다는 예상과 맞습니다. 분산으로만 나누는 쪽의 평균이 남는 문제는 학습되는 $\beta$가 한 층씩 되돌릴 수 있지만, 그것도 배워야 하는 일이라 시간이 듭니다.

# %% [markdown]
# ## 연습문제 10
#
# **추론.** $\gamma = 1$, $\beta = 0$으로 고정하면 시그모이드는 언제나 평균 0, 분산 1인 값을 받습니다. 표준정규분포의 값은 약 95%가 $[-2, 2]$에 있고, 이 구간의 시그모이드는 직선에 가깝습니다. 기울기는 0에서 0.25, 값의 약 68%가 모인 $\pm 1$에서도 0.20이고, 끝($\pm 2$)에서만 0.105로 줄어듭니다. 그래서 망 전체가 선형 모델에 가까워져 표현력이 줄 것입니다. 본문의 「학습된 스케일과 시프트」 표에서 첫 층의 $\gamma$가 1.3~1.9로 커진 것이 바로 이 선형 구간을 벗어나려는 움직임이었습니다. 앞 층의 가중치를 키워도 배치 정규화가 다시 표준화하므로, $\gamma$가 없으면 시그모이드가 받는 값의 크기를 바꿀 길이 없습니다. 망이 바꿀 수 있는 것은 값의 분포 모양(예: 봉우리가 둘인 분포)뿐입니다. 그래서 정확도가 떨어질 것으로 예상하지만, 얼마나 떨어질지는 재 봐야 압니다.
#
# **확인.** 표준정규분포의 값에서 시그모이드가 직선에 얼마나 가까운지(직선으로 맞춘 뒤의 상관계수) 먼저 보고, `affine=False`인 배치 정규화로 훈련합니다.

# %%
z = torch.randn(100_000, generator=torch.Generator().manual_seed(0))
for scale in (1.0, 1.9, 4.0):
    s = torch.sigmoid(scale * z)
    corr = torch.corrcoef(torch.stack([z, s]))[0, 1].item()
    print(f'시그모이드({scale}·z), z ~ N(0, 1): z와의 상관계수 {corr:.4f}')
fixed = LeNetVariant(norm=lambda place, shape: nn.LazyBatchNorm2d(affine=False) if len(shape) == 3
                     else nn.LazyBatchNorm1d(affine=False))
fixed_history = short_run(fixed)
print(f'파라미터: 본문의 모델 44,878개, γ·β를 고정한 모델 {d2l.num_params(fixed):,}개')
summary({'γ, β 학습 (본문)': base['BNLeNet'], 'γ = 1, β = 0 고정': fixed_history})

# %% [markdown]
# 상관계수가 보여 주듯 표준정규분포의 값에서 시그모이드는 직선과 거의 같고($\gamma = 1$), $\gamma$를 본문에서 배운 1.9 정도로 키우면 비선형성이 조금 더 드러납니다. $\gamma, \beta$를 고정한 모델은 파라미터가 452개 적고, 2에폭 뒤 검증 정확도는 0.790<!-- run --> 대 0.798<!-- run -->로 학습하는 본문의 모델과 거의 같습니다. 예상보다 차이가 작은 것은, 이 짧은 예산에서는 거의 선형인 모델로도 이만큼 맞힐 수 있기 때문으로 볼 수 있습니다(선형 모델인 소프트맥스 회귀도 Fashion-MNIST에서 0.84 안팎을 맞힙니다). 한 번씩의 실행이라 이 정도 차이는 잡음과 구별되지 않고, 비선형성이 더 필요해지는 긴 훈련에서는 차이가 커질 수 있습니다. 그래도 $\gamma, \beta$를 두는 데 드는 비용은 층마다 $2C$개뿐이라, 표현력을 되찾는 값싼 보험입니다.

# %% [markdown]
# ## 연습문제 11
#
# **추론.** 드롭아웃은 훈련 중에 유닛을 무작위로 지워 잡음을 넣고, 배치 정규화는 미니배치 통계가 미니배치마다 달라서 잡음이 생깁니다. 둘 다 규제 효과가 있지만 성격이 다릅니다. 배치 정규화의 잡음은 배치 크기가 클수록 작아지고(본문의 인터랙티브 (나)), 주된 효과는 최적화를 쉽게 하는 쪽입니다. Ioffe와 Szegedy(2015)는 BN-Inception에서 드롭아웃을 빼도 과대적합이 늘지 않았다고 보고했습니다. 반대로 둘을 함께 쓰면, 드롭아웃이 훈련 모드와 예측 모드에서 분산을 다르게 만들어 배치 정규화의 이동 분산과 어긋나는 문제가 알려져 있습니다(Li 등, 2019, "Understanding the Disharmony between Dropout and Batch Normalization").
#
# **확인.** 과대적합을 보려면 훈련 손실과 검증 손실을 같은 목표로 재야 하므로, 이 문제만 레이블 스무딩을 뺀 레시피로 4에폭 훈련합니다. 배치 정규화 없이 드롭아웃(0.5)만, 배치 정규화만(본문), 둘 다 쓴 세 모델을 비교합니다. 훈련 손실은 드롭아웃이 켜진 훈련 모드에서 잰 값이라는 점을 기억하세요.

# %%
no_ls = d2l.CPU_RECIPE.replace(name='cpu-ls0', label_smoothing=0)
dropout_runs = {}
for name, norm, dropout in (('드롭아웃만', None, 0.5), ('배치 정규화만', batch_norm_layer, 0.0),
                            ('둘 다', batch_norm_layer, 0.5)):
    dropout_runs[name] = short_run(LeNetVariant(norm=norm, dropout=dropout), no_ls, epochs=4)
pd.DataFrame({name: {'검증 정확도': rows[-1]['val_acc'], '훈련 손실': rows[-1]['train_loss'],
                     '검증 손실': rows[-1]['val_loss'],
                     '검증 손실 − 훈련 손실': rows[-1]['val_loss'] - rows[-1]['train_loss']}
              for name, rows in dropout_runs.items()}).T.round(3)

# %% [markdown]
# 드롭아웃만 쓴 모델은 4에폭 동안 무작위 추측 수준을 벗어나지 못했습니다. 배치 정규화가 없는 시그모이드 LeNet은 처음의 평평한 구간에서 느리게 벗어나는데(준비 절), 드롭아웃의 잡음이 그 구간을 더 길게 만들었습니다. 배치 정규화만 쓴 모델은 훈련 손실과 검증 손실이 거의 같아 이 예산에서는 과대적합이 보이지 않고, 둘 다 쓴 모델은 드롭아웃 때문에 훈련 모드의 손실이 검증 손실보다 높으며 정확도는 배치 정규화만 쓴 쪽보다 낮습니다. 곧 이 짧은 예산에서는 규제가 필요할 만큼 과대적합이 일어나지 않아, 드롭아웃은 잡음만 더하고 배치 정규화는 최적화를 돕습니다.
#
# 답을 정리하면, 이 실험으로 알 수 있는 것은 이 예산에서 배치 정규화만으로 과대적합이 보이지 않았고 드롭아웃을 더해도 나아지지 않았다는 것까지입니다. 배치 정규화가 드롭아웃의 규제를 대신한다는 것은 이 실험이 아니라 Ioffe와 Szegedy(2015)의 BN-Inception 보고에 기댄 것입니다. 둘 다 쓴 모델에서는 드롭아웃(첫 완전 연결 층의 시그모이드 뒤)이 다음 배치 정규화 층 앞에 놓이므로, 정확도가 낮은 것은 Li 등(2019)의 분산 어긋남과도 맞습니다. 다만 드롭아웃의 잡음만으로도 설명되므로 이 실험으로 원인을 가를 수는 없습니다. 과대적합이 뚜렷해질 만큼 길게 훈련하면 둘의 규제 효과를 직접 비교할 수 있습니다.

# %% [markdown]
# ## 연습문제 12
#
# **추론.** 배치 크기 $m$이 작으면 미니배치 평균의 표준오차 $\sigma/\sqrt{m}$이 커져 정규화가 흔들리고(본문의 인터랙티브 (나)), 그 잡음이 규제가 되기도 하지만 지나치면 훈련을 방해합니다. 또 같은 에폭 수라면 배치가 작을수록 스텝 수가 많습니다. 배치 크기 8은 512보다 에폭당 64배 많이 걸으므로, 같은 학습률이면 같은 에폭 동안 훨씬 많이 배웁니다. 큰 배치는 통계가 정확하고 계산이 효율적이지만 에폭당 스텝이 적어 학습률을 키워야 같은 거리를 갑니다. 배치 크기 1에서는 완전 연결 층의 배치 정규화가 출력을 $\beta$로 고정합니다.
#
# **확인.** 배치 크기 8은 스텝이 많아 오래 걸리므로, 이 문제는 데이터의 10%(훈련 6,000장)로 2에폭씩 훈련합니다. 학습률은 세 실행 모두 0.002입니다.

# %%
batch_runs = {f'배치 크기 {b}': short_run(LeNetVariant(), fraction=0.1, batch_size=b) for b in (8, 32, 512)}
summary(batch_runs)

# %% [markdown]
# 같은 에폭 수에서는 배치가 작을수록 스텝이 많아 정확도가 높고, 배치 크기 512는 에폭당 약 12스텝뿐이라 훨씬 덜 배웁니다. 배치 크기 8과 32의 차이는 작습니다. 8은 스텝이 네 배 많지만 미니배치 통계가 그만큼 흔들려 한 걸음의 질이 떨어지기 때문으로 볼 수 있습니다. 곧 이 표의 차이는 대부분 스텝 수에서 오고, 배치 정규화의 잡음 효과는 그 뒤에 가려집니다. 배치 크기만 공정하게 비교하려면 스텝 수나 "학습률 × 배치 크기"(선형 스케일링 규칙, Goyal 등 2017)를 맞춰야 합니다.

# %% [markdown]
# ## 연습문제 13
#
# **추론.** 층 정규화는 예제 하나 안의 모든 값으로 통계를 내므로 배치 크기와 상관없고, 훈련 모드와 예측 모드가 같습니다. 합성곱 층 뒤에 `nn.LayerNorm((6, 24, 24))`를 두면 채널마다가 아니라 예제 하나의 $6 \cdot 24 \cdot 24$개 값 전체를 함께 표준화하고, $\gamma, \beta$도 원소마다 하나씩이라 파라미터가 훨씬 많습니다($2 \cdot 3{,}456 = 6{,}912$개). 채널 사이의 크기 차이를 없애지 않는다는 점이 배치 정규화와 다릅니다. 배치 크기 1을 훈련 모드로 넣으면 배치 정규화는 완전 연결 층 뒤에서 오류를 내지만 층 정규화는 평소처럼 계산할 것입니다.
#
# **확인.** 층 정규화로 바꾼 모델을 훈련하고, 파라미터 수를 센 뒤, 훈련 모드에서 배치 크기 1을 두 모델에 넣어 봅니다.

# %%
layer_norm = LeNetVariant(norm=lambda place, shape: nn.LayerNorm(shape))
ln_history = short_run(layer_norm)
print(f'파라미터: 배치 정규화 모델 44,878개, 층 정규화 모델 {d2l.num_params(layer_norm):,}개')
X1 = torch.randn(1, 1, 28, 28)
for name, net in (('층 정규화', layer_norm), ('배치 정규화', LeNetVariant())):
    net.train()
    try:
        print(f'{name}: 훈련 모드, 배치 크기 1 → 출력 모양 {tuple(net(X1).shape)}')
    except ValueError as error:
        print(f'{name}: 훈련 모드, 배치 크기 1 → ValueError: {error}')
summary({'배치 정규화 (본문)': base['BNLeNet'], '층 정규화': ln_history})

# %% [markdown]
# 층 정규화는 배치 크기 1에서도 계산되고, 배치 정규화는 첫 완전 연결 층 뒤의 `BatchNorm1d`에서 "채널마다 값이 하나보다 많아야 한다"는 오류를 냅니다. 층 정규화의 파라미터는 합성곱 층 뒤의 원소별 $\gamma, \beta$ 때문에 훨씬 많습니다. 이 실행에서는 2에폭 뒤 검증 정확도가 층 정규화 0.727<!-- run --> 대 배치 정규화 0.798<!-- run -->로 배치 정규화가 높았고, 합성곱 신경망에서는 보통 그렇습니다. 층 정규화는 채널마다 다른 통계를 하나로 섞기 때문이라고 흔히 설명합니다. 층 정규화가 순환 신경망과 트랜스포머에서 주로 쓰이는 것은 합성곱 신경망에서보다 나아서가 아니라 배치와 상관없이 동작하기 때문입니다(본문 「요약과 연습문제」 절의 토론).

# %% [markdown]
# ## 연습문제 14
#
# **추론.** 배치 정규화는 공분산 행렬의 대각선(특성마다의 분산)만 1로 맞춥니다. 백색화(whitening)는 미니배치의 공분산 $\boldsymbol{\Sigma} = \frac{1}{m} \sum (\mathbf{x} - \hat{\boldsymbol{\mu}})(\mathbf{x} - \hat{\boldsymbol{\mu}})^\top$ 전체를 써서 $\hat{\mathbf{x}} = \boldsymbol{\Sigma}^{-1/2}(\mathbf{x} - \hat{\boldsymbol{\mu}})$로 바꾸므로, 공분산이 단위 행렬이 되어 특성 사이의 상관까지 사라집니다. 입력이 백색화되면 최적화가 더 쉬워진다는 것은 오래된 결과라(LeCun 등, 1998, "Efficient BackProp"), 층마다 백색화하면 배치 정규화보다 더 잘 맞출 수 있을 것 같습니다.
#
# 어려움은 세 가지입니다.
#
# * **비용**: 특성 $d$개의 공분산은 $d^2$개 값이고, 역제곱근에는 고윳값 분해처럼 $O(d^3)$의 계산이 듭니다. 역전파도 그 분해를 거쳐야 합니다.
# * **배치 크기**: $m$개 예제로 만든 공분산의 계수(rank)는 $m - 1$ 이하라, $m \le d$이면 고윳값 가운데 0이 생겨 역제곱근이 $\epsilon$에 휘둘립니다. 배치 정규화는 특성마다 스칼라 하나라 이런 문제가 없습니다.
# * **잡음**: 추정할 값이 $d$개에서 $d^2/2$개로 늘어 미니배치마다 더 흔들립니다.
#
# Huang 등(2018, "Decorrelated Batch Normalization")은 특성을 작은 묶음으로 나눠 묶음 안에서만 백색화하는 방법으로 이 비용과 잡음을 줄여 배치 정규화보다 빠른 수렴을 보고했습니다. 책이 말하는 블록 대각 행렬이 바로 이것입니다. 묶음 크기가 $g$이면 계산은 $O(d g^2)$, 추정할 값은 약 $d g / 2$개라 배치 정규화($g = 1$)와 전체 백색화($g = d$)의 사이에 놓입니다.
#
# **확률 적분 변환.** 값 $x$를 그 특성의 누적분포함수 $F$에 넣은 $u = F(x)$는 분포가 무엇이든 $[0, 1]$의 균등분포를 따르므로, 평균과 분산만이 아니라 분포의 모양까지 맞춥니다. 배치 정규화는 분포를 정규분포로 보고 앞의 두 모멘트만 맞추는 셈입니다(정규분포라면 $\Phi((x - \mu)/\sigma)$가 바로 확률 적분 변환입니다). 대가는 $F$를 미니배치에서 추정해야 한다는 것입니다. 경험적 누적분포함수는 순위로 정해지는 계단 함수라 기울기가 거의 어디서나 0이고, 128개 표본으로는 꼬리 쪽이 크게 흔들리며, 예측 모드에서 쓸 분위수도 따로 쌓아 두어야 합니다. 또 출력이 $[0, 1]$에 묶여 다음 층이 받는 값의 범위도 좁아집니다.
#
# **확인.** 상관이 있는 특성 120개(LeNet의 첫 완전 연결 층 크기)를 만들어 배치 정규화와 백색화가 공분산을 어떻게 바꾸는지, 배치 크기가 $d$보다 작을 때 공분산의 고윳값이 어떻게 되는지 봅니다.

# %%
gen = torch.Generator().manual_seed(0)
d = 120
mix = torch.randn(d, d, generator=gen) / math.sqrt(d)          # 특성을 섞어 상관을 만듭니다


def covariance(X):
    Xc = X - X.mean(dim=0)
    return Xc.T @ Xc / len(X)


def off_diagonal(S):
    """공분산에서 대각선 밖 값의 절댓값 평균(특성 사이 공분산의 크기)."""
    return (S - torch.diag(torch.diag(S))).abs().mean().item()


X = torch.randn(512, d, generator=gen) @ mix * 3 + 1
S = covariance(X)
X_bn = (X - X.mean(dim=0)) / torch.sqrt(X.var(dim=0, unbiased=False) + 1e-5)
eigval, eigvec = torch.linalg.eigh(S)
X_white = (X - X.mean(dim=0)) @ eigvec @ torch.diag((eigval + 1e-5) ** -0.5) @ eigvec.T   # ZCA 백색화
for name, Z in (('원래 값', X), ('배치 정규화', X_bn), ('백색화', X_white)):
    C = covariance(Z)
    print(f'{name:6s}: 대각선 평균 {torch.diag(C).mean().item():.3f}, 대각선 밖 절댓값 평균 {off_diagonal(C):.3f}')
for m in (512, 128, 64):
    eig = torch.linalg.eigvalsh(covariance(X[:m].double()))    # 64비트로: 0인 고윳값을 잡음과 가르려고
    print(f'배치 크기 {m:3d}: 공분산 고윳값 최소 {eig.min().item():.1e}, 최대 {eig.max().item():.1e}, '
          f'1e-8보다 작은 고윳값 {(eig.abs() < 1e-8).sum().item()}개')

# %% [markdown]
# 배치 정규화는 대각선만 1로 맞추고 대각선 밖의 상관은 그대로 남기며, 백색화는 둘 다 단위 행렬처럼 만듭니다. 출력에서 대각선 밖 값이 0.744<!-- run -->에서 0.081<!-- run -->로 줄어든 것은 상관이 줄어서가 아닙니다. 이 열은 공분산이고, 배치 정규화한 값의 공분산은 원래 값의 상관계수 행렬과 같습니다. 원래 값의 0.744<!-- run -->를 분산(대각선 평균 약 9.2<!-- run 9.208 -->)으로 나누면 약 0.081<!-- run -->로, 상관의 크기는 배치 정규화 전후가 같고 줄어든 것은 공분산의 단위뿐입니다.
#
# 배치 크기가 $d = 120$보다 작은 64이면 공분산의 고윳값 가운데 57<!-- run -->개($120 - 63$)가 0(부동소수점 오차 수준)이 되어, 그 방향으로는 $\boldsymbol{\Sigma}^{-1/2}$가 $1/\sqrt{\epsilon}$로 값을 수백 배 키웁니다. $d$보다 조금 큰 배치 크기 128(본문의 배치 크기)에서도 가장 작은 고윳값(7.5e-06<!-- run -->)이 $\epsilon = 10^{-5}$보다 작아, 그 방향의 배율은 역시 $\epsilon$이 크게 좌우합니다. 이것이 층마다 백색화하는 방법이 배치 정규화를 대신하지 못한 주된 이유이고, 합성곱 층에서 채널 수 $C$로만 백색화하는 방법(채널 사이의 $C \times C$ 공분산)이나 묶음 백색화가 연구되는 까닭입니다.
