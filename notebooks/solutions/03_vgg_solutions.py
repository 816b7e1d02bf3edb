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
# # 블록을 쓰는 네트워크 VGG: 연습문제 풀이
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/solutions/03_vgg_solutions.ipynb)
#
# [03 VGG 노트북](../03_vgg.ipynb)에 있는 연습문제 아홉 개를 여기서 풉니다. 문제를 먼저 스스로 풀어 본 다음에 읽기를 권합니다.
# 풀이는 손으로 한 계산을 먼저 적고, 코드로 확인한 뒤, 저장된 출력이 무엇을 말하는지 읽는 순서입니다. 연습문제 5와 6만 훈련을 하며, 그 예산은 연습문제 5에서 밝힙니다. 연습문제 8과 9는 손 계산으로 답하고, 본문의 도구로 확인하는 방법을 적습니다.

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
# 본문의 모델 `d2l.VGG`와 `d2l.SlimVGG`는 d2lmini에서 가져옵니다(본문의 「구현」 절과 같은 코드).
# `layer_costs`는 본문의 것을 줄여 합성곱·완전 연결 층마다 (종류, 파라미터 수, FLOPs)를 공식으로 셉니다.

# %%
import pandas as pd
import torch
from IPython.display import display
from torch import nn

import d2lmini as d2l


def layer_costs(model, X_shape):
    """합성곱·완전 연결 층마다 ('conv' 또는 'fc', 파라미터 수, FLOPs)를 공식으로 계산합니다."""
    rows = []

    def record(layer, inputs, output):
        weight = layer.weight
        positions = output.shape[-2] * output.shape[-1] if weight.dim() == 4 else 1
        kind = 'conv' if weight.dim() == 4 else 'fc'
        rows.append((kind, weight.numel() + layer.bias.numel(), 2 * weight.numel() * positions))

    hooks = [m.register_forward_hook(record) for m in model.modules()
             if isinstance(m, (nn.Conv2d, nn.Linear))]   # 지연 층도 이 클래스들의 하위 클래스
    try:
        with torch.no_grad():
            model.eval()(torch.zeros(*X_shape))
    finally:
        for h in hooks:
            h.remove()
    return rows


BOOK_ARCH = ((1, 16), (1, 32), (2, 64), (2, 128), (2, 128))

# %% [markdown]
# ## 연습문제 1
#
# **원래 VGG-11의 파라미터 수와 연산량, 그리고 AlexNet과의 비교.**
#
# 입력은 $1\times224\times224$, 클래스는 10개입니다. 합성곱 층은 $c_i c_o \cdot 9 + c_o$개의 파라미터와 $2 c_i c_o \cdot 9 \cdot h'w'$ FLOPs를 씁니다.
# 해상도는 블록 1부터 224, 112, 56, 28, 14이므로 층마다 적으면 다음과 같습니다.
#
# | 층 | $c_i \to c_o$ | 해상도 | 파라미터 | MFLOPs |
# |---|---|---|---|---|
# | conv1 | 1 → 64 | 224 | 640 | 57.8 |
# | conv2 | 64 → 128 | 112 | 73,856 | 1,849.7 |
# | conv3 | 128 → 256 | 56 | 295,168 | 1,849.7 |
# | conv4 | 256 → 256 | 56 | 590,080 | 3,699.4 |
# | conv5 | 256 → 512 | 28 | 1,180,160 | 1,849.7 |
# | conv6 | 512 → 512 | 28 | 2,359,808 | 3,699.4 |
# | conv7, conv8 | 512 → 512 | 14 | 2,359,808씩 | 924.8씩 |
#
# 합성곱 8개를 더하면 파라미터 9,219,328개, 연산량 약 14,855 MFLOPs입니다. 마지막 특성 맵은 $512\times7\times7 = 25{,}088$이므로 헤드는
#
# $$
# (25{,}088\cdot4096 + 4096) + (4096\cdot4096 + 4096) + (4096\cdot10 + 10) = 102{,}764{,}544 + 16{,}781{,}312 + 40{,}970 = 119{,}586{,}826
# $$
#
# 개의 파라미터를 쓰고, 연산량은 편향을 뺀 가중치 수의 두 배인 약 239 MFLOPs입니다. 모두 더하면 파라미터 128,806,154개, 연산량 약 15.1 GFLOPs입니다.
#
# 비교할 AlexNet은 02 AlexNet 노트북에서 만든 책의 AlexNet(흑백 입력, 클래스 10개), 곧 `d2l.AlexNet`의 층(`net`)입니다. 아래 셀에서 두 모델을 같은 함수로 셉니다.

# %%
def summary(model, X_shape):
    rows = layer_costs(model, X_shape)
    params = sum(p for _, p, _ in rows)
    flops = sum(f for _, _, f in rows)
    conv_params = sum(p for k, p, _ in rows if k == 'conv')
    conv_flops = sum(f for k, _, f in rows if k == 'conv')
    return {'파라미터': params, 'd2l.num_params': d2l.num_params(model),
            'GFLOPs': round(flops / 1e9, 3), 'd2l.count_flops (G)': round(d2l.count_flops(model, X_shape) / 1e9, 3),
            '합성곱의 파라미터 몫(%)': round(100 * conv_params / params, 1),
            '합성곱의 연산량 몫(%)': round(100 * conv_flops / flops, 1)}


VGG11_ARCH = ((1, 64), (1, 128), (2, 256), (2, 512), (2, 512))
table = pd.DataFrame.from_dict({'VGG-11': summary(d2l.VGG(VGG11_ARCH), (1, 1, 224, 224)),
                                'AlexNet (책)': summary(d2l.AlexNet().net, (1, 1, 224, 224))}, orient='index')
display(table)
ratio = table.loc['VGG-11'] / table.loc['AlexNet (책)']
print(f"VGG-11 / AlexNet: 파라미터 {ratio['파라미터']:.2f}배, 연산량 {ratio['GFLOPs']:.1f}배")

# %% [markdown]
# 공식으로 센 값과 `d2l.num_params`, `d2l.count_flops`가 같습니다. VGG-11은 AlexNet보다 파라미터가 약 2.8배<!-- run 2.75 -->,
# 연산량은 약 8배<!-- run 8.0 -->입니다. 파라미터는 두 모델 모두 대부분 헤드에 있고(합성곱의 몫은 VGG-11 약 7%<!-- run 7.2 -->),
# 연산량은 거의 전부 합성곱 층에서 나옵니다(VGG-11 약 98%<!-- run 98.4 -->).
#
# VGG-11의 연산량이 이렇게 큰 것은 AlexNet이 첫 층에서 스트라이드 4로 해상도를 곧바로 줄이는 것과 달리, VGG는 $224\times224$ 해상도에서부터 $3\times3$ 합성곱을 쓰고 풀링으로만 해상도를 줄이기 때문입니다.
# 헤드의 비용을 줄이는 방법은 연습문제 7에서 봅니다. 펼친 특성 맵(feature map)을 큰 완전 연결 층에 넣지 않고 채널마다 평균을 내면 첫 완전 연결 층의 1억 개가 넘는 파라미터가 사라집니다.

# %% [markdown]
# ## 연습문제 2
#
# **VGG-11의 나머지 세 층은 어디에 있나요?**
#
# `layer_summary`는 `model.net`의 원소마다 한 줄을 출력합니다. 그런데 블록 하나가 `nn.Sequential` 원소 하나이므로 블록 안의 합성곱이 몇 개든 한 줄로 보입니다.
# 블록 3, 4, 5에는 합성곱이 두 개씩 있으니, 다섯 줄에 합성곱 $1 + 1 + 2 + 2 + 2 = 8$개가 들어 있고 한 줄씩 보이지 않는 것이 세 개입니다.
# 여기에 완전 연결 층 세 줄을 더하면 $8 + 3 = 11$입니다. 아래 셀은 원소마다 그 안의 합성곱과 완전 연결 층, 파라미터 수를 셉니다.

# %%
model = d2l.VGG(BOOK_ARCH)
model.apply_init([torch.zeros(1, 1, 224, 224)])
rows = []
for i, part in enumerate(model.net):
    convs = sum(isinstance(m, nn.Conv2d) for m in part.modules())
    fcs = sum(isinstance(m, nn.Linear) for m in part.modules())
    rows.append((f'net[{i}] {type(part).__name__}', convs, fcs, d2l.num_params(part)))
layers = pd.DataFrame(rows, columns=['원소', '합성곱', '완전 연결', '파라미터']).set_index('원소')
display(layers)
print(f"가중치가 있는 층: 합성곱 {layers['합성곱'].sum()} + 완전 연결 {layers['완전 연결'].sum()} = "
      f"{layers['합성곱'].sum() + layers['완전 연결'].sum()}")

# %% [markdown]
# 표에서 보듯 가중치가 있는 층은 합성곱 8개와 완전 연결 층 3개, 모두 11개입니다. 펼치기, ReLU, 드롭아웃의 파라미터는 0이고, 최대 풀링도 블록 안에 들어 있지만 파라미터가 없습니다.
# VGG 논문(Simonyan과 Zisserman, 2014)의 표 1은 구성마다 층 수를 "weight layers", 곧 **가중치가 있는 층**의 수로 적었고, 풀링과 활성화 함수는 학습할 것이 없는 고정된 연산이라 세지 않았습니다.
# 그래서 "VGG-11"의 11은 합성곱 8개와 완전 연결 층 3개이고, VGG-16(합성곱 13개 + 완전 연결 3개), VGG-19(16 + 3)도 같은 방식으로 센 이름입니다.

# %% [markdown]
# ## 연습문제 3
#
# **$3\times3$ 세 개와 $7\times7$ 하나.**
#
# 점화식 $r_\ell = r_{\ell-1} + (k_\ell - 1) j_{\ell-1}$에서 스트라이드가 모두 1이면 $j = 1$이므로 $3\times3$ 세 개의 수용 영역(receptive field)은 $r = 1 + 3\cdot(3-1) = 7$, 곧 $7\times7$ 하나와 같습니다.
# 입력·출력 채널이 모두 $c$이면 파라미터(편향 포함)는
#
# $$
# 3\,(9c^2 + c) = 27c^2 + 3c \qquad\text{대}\qquad 49c^2 + c
# $$
#
# 이므로, 편향을 빼면 $27/49 \approx 0.55$배, 곧 45% 적습니다. 같은 해상도에서는 연산량도 같은 비율입니다. 게다가 사이사이에 ReLU가 두 번 더 들어갑니다.
# 아래 셀은 $c = 64$에서 파라미터를 세고, 본문의 `measured_receptive_field`와 같은 방법(가운데 출력 하나의 기울기가 0이 아닌 입력 영역)으로 수용 영역을 잽니다.

# %%
def measured_receptive_field(net, size=15, channels=1):
    """가운데 출력 하나의 입력에 대한 기울기가 0이 아닌 영역의 한 변 길이."""
    for p in net.parameters():
        nn.init.constant_(p, 0.1)
    X = torch.ones(1, channels, size, size, requires_grad=True)
    Y = net(X)
    Y[0, 0, size // 2, size // 2].backward()
    return (X.grad[0].abs().sum(dim=(0, 2)) > 0).sum().item()


c = 64
three_3x3 = nn.Sequential(nn.Conv2d(c, c, 3, padding=1), nn.ReLU(), nn.Conv2d(c, c, 3, padding=1), nn.ReLU(),
                          nn.Conv2d(c, c, 3, padding=1))
one_7x7 = nn.Conv2d(c, c, 7, padding=3)
print(f'c={c}: 3×3 세 개 {d2l.num_params(three_3x3):,}개 (공식 27c²+3c = {27 * c * c + 3 * c:,}), '
      f'7×7 하나 {d2l.num_params(one_7x7):,}개 (공식 49c²+c = {49 * c * c + c:,})')
print('측정한 수용 영역: 3×3 세 개', measured_receptive_field(three_3x3, channels=c),
      '| 7×7 한 개', measured_receptive_field(one_7x7, channels=c))

# %% [markdown]
# 두 구성의 수용 영역이 모두 7로 재어지고, 파라미터는 110,784개<!-- run --> 대 200,768개<!-- run -->로 $3\times3$ 세 개 쪽이 약 45% 적습니다.

# %% [markdown]
# ## 연습문제 4
#
# **`resize=28`이면 무슨 일이 생기나요?**
#
# 합성곱(패딩 1)은 해상도를 그대로 두고, 블록 끝의 $2\times2$ 최대 풀링이 $\lfloor n/2 \rfloor$로 줄입니다. 28에서 시작하면 블록을 지날 때마다 $28 \to 14 \to 7 \to 3 \to 1$이 되고,
# 다섯째 블록의 풀링은 $1\times1$ 맵에 $2\times2$ 창을 놓을 수 없어 출력 크기가 $\lfloor 1/2 \rfloor = 0$입니다. PyTorch는 이 풀링에서 출력 크기가 너무 작다는 오류를 냅니다.
# 블록을 4개로 줄이면 마지막 특성 맵이 $128\times1\times1$이 되어 펼친 길이 128로 헤드에 들어가므로 오류 없이 돕니다.
# 다만 넷째 블록의 합성곱은 $3\times3$ 맵에서, 그 뒤 풀링은 남는 한 줄을 버리고 $1\times1$을 내므로, 28에서는 블록 4개도 여유가 거의 없습니다.

# %%
try:
    d2l.VGG(BOOK_ARCH).layer_summary((1, 1, 28, 28))
except RuntimeError as error:
    print('블록 5개, 28×28 → 오류:', str(error).splitlines()[0])
print()
d2l.VGG(BOOK_ARCH[:4]).layer_summary((1, 1, 28, 28))

# %% [markdown]
# 블록 5개에서는 넷째 블록까지 $128\times1\times1$로 줄어든 뒤 다섯째 블록에서 오류가 나고, 블록 4개에서는 마지막 출력이 10개인 모델이 됩니다.

# %% [markdown]
# ## 연습문제 5
#
# **책의 훈련 방법(SGD, 고정 학습률 0.01)으로 바꾸면.**
#
# 연습문제 5와 6은 훈련이 필요합니다. 이 풀이 노트북 전체가 2코어 CPU에서 2분 안에 끝나도록, 본문의 「훈련」 절 표의 셋째 줄 모델(책의 합성곱 블록, 해상도 32, 헤드 512; `cpu` 프로필은 여기서 채널만 반으로 줄임)을 배치 크기 128로
# **훈련 데이터의 4분의 1(15,000장)로 2에폭만** 훈련합니다(`smoke` 프로필에서는 라이브러리가 줄인 작은 데이터로 1에폭).
# 같은 예산으로 본문의 레시피(`d2l.CPU_RECIPE`, 최고 학습률 0.002)와 책의 방법(`d2l.BOOK_RECIPE`, 학습률 0.01)을 나란히 돌리고, 에폭마다 훈련 손실을 20점씩 찍어 훈련 초반을 봅니다.
# 초기화는 둘 다 본문과 같은 Xavier 초기화(`d2l.init_cnn`)입니다. 8에폭, 전체 데이터로 훈련한 본문의 결과와 숫자를 직접 비교할 수는 없습니다.

# %%
budget = d2l.profile_settings(book=dict(max_epochs=2, fraction=0.25), cpu=dict(max_epochs=2, fraction=0.25),
                              smoke=dict(max_epochs=1, fraction=None))


def short_run(recipe, lr, title):
    """책의 합성곱 블록에 헤드 512인 SlimVGG를 recipe와 lr로, 줄인 예산(budget)으로 훈련하고 에폭별 기록을 돌려줍니다.
    세 실행의 그래프를 구별하도록 훈련 전에 title을 한 줄 출력합니다."""
    torch.manual_seed(0)
    data = d2l.FashionMNIST(batch_size=128, resize=(32, 32), fraction=budget.fraction)
    model = d2l.SlimVGG(arch=BOOK_ARCH, lr=lr, num_hiddens=512)
    model.plot_train_per_epoch = 20
    recipe.apply(model, data)
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    trainer = d2l.Trainer(max_epochs=budget.max_epochs, num_gpus=1, seed=0)
    print(title)
    return trainer.fit(model, data).to_frame()


runs = {'CPU_RECIPE, lr 0.002': short_run(d2l.CPU_RECIPE, 0.002,
    '연습문제 5: 본문의 레시피(CPU_RECIPE, lr 0.002)')}

# %%
runs['BOOK_RECIPE, lr 0.01'] = short_run(d2l.BOOK_RECIPE, 0.01,
    '연습문제 5: 책의 방법(BOOK_RECIPE, lr 0.01)')


def compare(names):
    return pd.concat({name: runs[name][['train_loss', 'val_loss', 'val_acc']] for name in names}, axis=1).round(4)


compare(['CPU_RECIPE, lr 0.002', 'BOOK_RECIPE, lr 0.01'])

# %% [markdown]
# 두 그래프와 표를 비교해 보세요. (이 노트북에 저장된 실행을 보고 쓴 설명입니다.)
#
# * 책의 방법에서는 두 에폭 내내 훈련 손실이 $\ln 10 \approx 2.303$ 선에 붙어 있고(마지막 에폭 약 2.30<!-- run 2.3035 -->), 검증 정확도는 두 에폭 모두 0.1<!-- run -->, 곧 무작위 추측 수준입니다. 이 예산 안에서는 평평한 구간을 빠져나오지 못했습니다.
# * 본문의 레시피도 첫 에폭의 앞부분(그래프의 처음 몇 점)에서는 손실이 $\ln 10$ 근처에 머뭅니다. 워밍업으로 학습률이 오르면서 첫 에폭 안에 그 아래로 내려가,
#   2에폭 뒤 검증 정확도가 약 0.79<!-- run 0.7940 -->입니다.
#
# 배치 정규화(batch normalization)가 없는 깊은 망을 Xavier 초기화로 시작하면 층을 지날수록 신호가 작아져, 처음 얼마 동안 출력이 입력을 거의 보지 못합니다(04 NiN 노트북의 「초기화에 따른 신호의 크기」 절이 이것을 층마다 계산합니다).
# SGD의 걸음은 기울기의 크기를 그대로 따르므로, 기울기가 작은 이 구간을 고정 학습률 0.01로 빠져나오는 데 오래 걸립니다. 몇 에폭 뒤에 빠져나오는지는 이 풀이의 예산 밖이므로, 시간이 있으면 `max_epochs`를 늘려 확인해 보세요.
# AdamW는 파라미터마다 기울기를 기울기 제곱의 이동 평균(moving average)의 제곱근으로 나누어 걸음을 정하므로, 기울기가 작아도 걸음이 그만큼 작아지지 않습니다. 두 실행은 옵티마이저, 학습률, 스케줄, 가중치 감쇠, 레이블 스무딩이 모두 다르므로, 이 비교만으로 어느 재료의 몫인지는 가를 수 없습니다(재료마다의 몫은 [10 모든 모델 비교 노트북의 「훈련 레시피」 절](../10_comparison.ipynb)).

# %% [markdown]
# ## 연습문제 6
#
# **레이블 스무딩만 빼면.**
#
# 레이블 스무딩 0.1의 목표는 정답 클래스에 0.91, 나머지 아홉 클래스에 0.01씩입니다. 이 목표로 잰 훈련 손실이 약 0.5 아래로 내려갈 수 없다는 계산(목표의 엔트로피 $H(q) \approx 0.500$)은
# [02 AlexNet 풀이 노트북의 연습문제 4](02_alexnet_solutions.ipynb#연습문제-4)에 있습니다. 레이블 스무딩을 빼면 이 바닥이 0이 되므로 훈련 손실은 더 낮아집니다.
# 그래도 훈련 손실은 드롭아웃을 켠 채, 에폭 초반의 덜 훈련된 모델까지 평균한 값이므로 검증 손실보다 낮아지리라고 기대할 수는 없습니다.
# 검증 손실은 두 경우 모두 보통의 교차 엔트로피(cross-entropy)이므로 직접 비교할 수 있습니다. 연습문제 5와 같은 모델과 예산으로, 레시피에서 레이블 스무딩만 뺀 실행을 더합니다.

# %%
runs['CPU_RECIPE, 레이블 스무딩 0'] = short_run(d2l.CPU_RECIPE.replace(label_smoothing=0), 0.002,
    '연습문제 6: 레이블 스무딩 0(CPU_RECIPE, lr 0.002)')
compare(['CPU_RECIPE, lr 0.002', 'CPU_RECIPE, 레이블 스무딩 0'])

# %% [markdown]
# 이 노트북에 저장된 실행에서 레이블 스무딩을 빼면 마지막 에폭의 훈련 손실이 약 0.99<!-- run 0.9868 -->에서 약 0.62<!-- run 0.6228 -->로 크게 내려갑니다.
# 이 차이의 상당 부분은 손실의 바닥이 약 0.5에서 0으로 내려간 것이지, 모델이 그만큼 나아진 것이 아닙니다.
# 바닥이 0이 되어도 이 예산에서는 훈련 손실이 여전히 검증 손실(약 0.55<!-- run 0.5517 -->)보다 높습니다.
#
# 두 경우에 같은 잣대인 검증 손실(약 0.58<!-- run 0.5838 --> 대 약 0.55<!-- run 0.5517 -->)과 검증 정확도(약 0.79<!-- run 0.7940 --> 대 약 0.78<!-- run 0.7808 -->)는 차이가 훨씬 작고, 방향도 서로 엇갈립니다.
# 그러니 레시피가 다른 두 실행을 훈련 손실로 비교하면 안 됩니다. 이 짧은 예산에서 레이블 스무딩이 정확도에 더하는 몫은 실행마다의 흔들림과 비슷한 크기라, 이 비교 하나로는 판단할 수 없습니다.
#
# 검증 손실이 레이블 스무딩을 뺀 쪽에서 더 낮은 것도 자연스럽습니다. 레이블 스무딩으로 훈련한 모델은 정답에도 0.91 정도의 확신만 내도록 배우므로, 보통의 교차 엔트로피로 재면 그만큼 손해를 봅니다.
# 레이블 스무딩(Szegedy 등, 2016, Inception-v3 논문)은 정답 클래스의 로짓(logit, 소프트맥스에 들어가는 점수)이 한없이 커지는 것을 막는 규제로 소개되었고, 8에폭 예산에서의 몫은 [10 모든 모델 비교 노트북의 「훈련 레시피」 절](../10_comparison.ipynb)이 잽니다.

# %% [markdown]
# ## 연습문제 7
#
# **헤드를 전역 평균 풀링(global average pooling)과 완전 연결 층 하나로 바꾸면.**
#
# 책의 작은 VGG의 마지막 특성 맵은 채널이 128개입니다. 채널마다 평균을 내면 길이 128인 벡터가 되고, `nn.LazyLinear(10)` 하나의 파라미터는 $128 \cdot 10 + 10 = 1{,}290$개입니다.
# 합성곱 부분의 파라미터 576,832개(본문의 「개념」 절)는 그대로이므로, 224px에서 전체는 $576{,}832 + 1{,}290 = 578{,}122$개로 원래의 43,093,322개보다 약 75배 적습니다.
# 게다가 이 헤드의 파라미터 수는 해상도와 상관없습니다. 평균은 특성 맵의 크기와 상관없이 채널마다 숫자 하나를 내기 때문입니다.

# %%
class GAPVGG(d2l.VGG):
    """VGG의 합성곱 블록 뒤에 전역 평균 풀링과 완전 연결 층 하나만 둔 모델."""
    def __init__(self, arch, lr=0.1, num_classes=10):
        super().__init__(arch, lr, num_classes)
        self.net = nn.Sequential(*self.net[:len(arch)], nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(),
                                 nn.LazyLinear(num_classes))
        self.net.apply(d2l.init_cnn)


heads = {'책의 VGG (헤드 4096)': lambda: d2l.VGG(BOOK_ARCH),
         '헤드 512 (본문 표의 셋째 줄)': lambda: d2l.SlimVGG(BOOK_ARCH),
         '전역 평균 풀링 + 완전 연결 층 하나': lambda: GAPVGG(BOOK_ARCH)}
params = {}
for name, make in heads.items():
    params[name] = {}
    for size in (224, 32):
        net = make()
        net.apply_init([torch.zeros(1, 1, size, size)])
        params[name][f'{size}×{size}'] = d2l.num_params(net)
params = pd.DataFrame.from_dict(params, orient='index')
display(params)
print(f"224×224에서 책의 VGG는 전역 평균 풀링 헤드 모델의 "
      f"{params.loc['책의 VGG (헤드 4096)', '224×224'] / params.loc['전역 평균 풀링 + 완전 연결 층 하나', '224×224']:.0f}배")

# %% [markdown]
# 224px에서 책의 VGG(43,093,322개<!-- run -->)는 전역 평균 풀링 헤드를 단 모델(578,122개<!-- run -->)의 약 75배<!-- run -->입니다.
# 32px의 헤드 512 모델(910,666개<!-- run -->)과 견주어도 너비 512인 완전 연결 층 두 개의 약 33만 개가 사라집니다. 전역 평균 풀링 헤드의 파라미터 수는 표에서 보듯 해상도와 상관없이 같습니다.
# 헤드를 이렇게 바꾸는 것이 NiN(Lin 등, 2013)의 두 번째 아이디어이고, 그 헤드로 훈련한 결과는 [04 NiN 노트북](../04_nin.ipynb)에서 봅니다.

# %% [markdown]
# ## 연습문제 8
#
# **VGG-16과 VGG-19.**
#
# VGG 논문의 표 1에서 구성 D(VGG-16)와 E(VGG-19)는 블록 1, 2에 합성곱을 두 개씩 두고, 블록 3~5에 각각 세 개와 네 개를 둡니다. 채널은 VGG-11과 같습니다.
#
# ```python
# VGG16_ARCH = ((2, 64), (2, 128), (3, 256), (3, 512), (3, 512))   # 합성곱 13개 + 완전 연결 3개 = 16
# VGG19_ARCH = ((2, 64), (2, 128), (4, 256), (4, 512), (4, 512))   # 합성곱 16개 + 완전 연결 3개 = 19
# ```
#
# 층을 더해도 해상도는 블록마다 224, 112, 56, 28, 14 그대로이고, 마지막 특성 맵도 $512\times7\times7$이라 헤드(119,586,826개, 연습문제 1)는 바뀌지 않습니다.
# 달라지는 것은 더한 합성곱 층뿐입니다. 본문의 「개념」 절의 규칙대로 해상도가 절반일 때 채널이 두 배이므로, 블록 1~4에 더한 $3\times3$ 합성곱 하나는 어느 블록에 있든
# $2\cdot64\cdot64\cdot9\cdot224^2 = 2\cdot256\cdot256\cdot9\cdot56^2 \approx 3.70$ GFLOPs를 더합니다. 블록 5는 채널이 512 그대로인데 해상도만 절반이라 그 4분의 1인 약 0.92 GFLOPs입니다.
# 파라미터는 채널이 많은 뒤쪽 블록의 층이 더 많이 더합니다($512\to512$ 층 하나가 2,359,808개, $256\to256$ 층 하나가 590,080개).
#
# | 구성 | 합성곱 (블록별) | 파라미터 | GFLOPs | VGG-11 대비 파라미터 | VGG-11 대비 연산량 |
# |---|---|---|---|---|---|
# | VGG-11 (A) | 1, 1, 2, 2, 2 | 128,806,154 | 15.09 | 1.00 | 1.0 |
# | VGG-13 (B) | 2, 2, 2, 2, 2 | 128,990,666 | 22.49 | 1.00 | 1.5 |
# | VGG-16 (D) | 2, 2, 3, 3, 3 | 134,300,362 | 30.82 | 1.04 | 2.0 |
# | VGG-19 (E) | 2, 2, 4, 4, 4 | 139,610,058 | 39.14 | 1.08 | 2.6 |
#
# VGG-13은 VGG-11의 블록 1, 2에 한 층씩(각 약 3.70 GFLOPs)을 더하고, VGG-16은 VGG-13에, VGG-19는 VGG-16에 블록 3, 4, 5마다 한 층씩(약 3.70 + 3.70 + 0.92 GFLOPs)을 더하므로, 구성이 하나 커질 때마다 연산량이 7.4~8.3 GFLOPs씩 늘어납니다.
# 파라미터는 헤드가 대부분이라 VGG-19도 VGG-11보다 8%만 많지만, 연산량은 2.6배입니다. 합성곱이 파라미터에서 차지하는 몫은 VGG-16에서도 약 11%이고, 연산량에서는 99%가 넘습니다.
# 입력을 컬러(3채널)로, 클래스를 1000개로 바꾸면 VGG-16은 138,357,544개, VGG-19는 143,667,240개로 논문의 표 2(1억 3800만, 1억 4400만)와 같습니다.
# 본문의 「인터랙티브」 절의 구조 편집기에서 배율 4와 합성곱 `VGG-16`, `VGG-19`를 고르면 10클래스, 흑백 입력의 값을 `d2l.num_params`, `d2l.count_flops`로 확인할 수 있습니다.

# %% [markdown]
# ## 연습문제 9
#
# **입력을 56이나 84로.**
#
# 풀링이 블록마다 $\lfloor n/2 \rfloor$로 줄이므로 책의 작은 VGG에서 블록마다의 해상도와 펼친 길이는 다음과 같습니다. 헤드는 책과 같은 4096이고, 연산량은 본문의 「개념」 절의 공식으로 셌습니다.
#
# | 입력 | 블록 1~5 뒤의 해상도 | 펼친 길이 | 합성곱 MFLOPs | 전체 MFLOPs | 파라미터 |
# |---|---|---|---|---|---|
# | 224 | 112, 56, 28, 14, 7 | 6,272 | 939.3 | 1,024.3 | 43,093,322 |
# | 84 | 42, 21, 10, 5, 2 | 512 | 126.0 | 163.9 | 19,500,362 |
# | 56 | 28, 14, 7, 3, 1 | 128 | 56.8 | 91.5 | 17,927,498 |
#
# 합성곱의 연산량은 위치 수에 비례하므로 56에서는 224의 약 16분의 1, 84에서는 약 7분의 1로 줄어듭니다. 56에서는 마지막 맵이 $1\times1$이라 펼친 길이가 32일 때와 같은 128이고,
# 그러면 본문의 「훈련」 절에서 본 것처럼 $4096\times4096$ 층이 연산량의 큰 몫을 차지하므로 헤드도 함께 줄이는 것이 자연스럽습니다.
#
# 원 논문의 구성 C는 구성 B의 블록 3, 4, 5에 $1\times1$ 합성곱(과 ReLU)을 하나씩 더해, 해상도를 줄이기 전에 비선형성을 더했습니다. 작은 입력에서 같은 일을 하는 방법은 두 가지입니다.
#
# * **앞쪽 블록에 $3\times3$ 합성곱을 더합니다.** 블록마다 합성곱을 두 개씩 두는 VGG-13의 패턴 `((2, 16), (2, 32), (2, 64), (2, 128), (2, 128))`은 56에서 합성곱 연산량이 56.8에서 85.7 MFLOPs로 늘고, 수용 영역도 넓어집니다.
# * **블록 끝, 풀링 앞에 $1\times1$ 합성곱을 더합니다.** 채널 $c$, 해상도 $n$인 곳의 $1\times1$ 층은 $2c^2n^2$ FLOPs라, 56에서 블록 1과 2에 하나씩 더해도 $2\cdot16^2\cdot56^2 + 2\cdot32^2\cdot28^2 \approx 3.2$ MFLOPs입니다. 04 NiN 노트북이 이 생각을 끝까지 밀고 갑니다.
#
# 정확도를 잃지 않는지는 계산만으로는 알 수 없고, 이 풀이에서는 훈련하지 않았습니다. 본문의 `cpu` 실행은 이미 32px에서 책의 224px 값을 넘었지만 레시피와 채널 수가 달라 해상도의 효과만 읽을 수는 없었습니다.
# 공정하게 비교하려면 본문의 훈련 셀에서 레시피와 예산(`d2l.CPU_RECIPE`, 8에폭)은 그대로 두고 `resize`(32, 56, 84)와 `arch`만 바꿔 가며 검증 정확도와 훈련 시간을 나란히 적으세요. 시간을 아끼려면 연습문제 5처럼 `fraction=0.25`로 데이터를 줄여도 됩니다.
