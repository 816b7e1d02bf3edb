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
# # 심층 합성곱 신경망 AlexNet: 연습문제 풀이
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/solutions/02_alexnet_solutions.ipynb)
#
# [02 AlexNet 노트북](../02_alexnet.ipynb)의 연습문제 열여섯 개를 같은 번호와 순서로 풉니다. 답을 보기 전에 문제마다 직접 풀어 보세요. 막혔던 곳이 어디인지 알고 읽어야 풀이가 남습니다.
#
# 문제마다 추론(식과 계산)을 먼저 쓰고, 확인하는 코드와 그 출력이 말해 주는 것을 잇습니다. 이 노트북 전체가 2코어 CPU에서 `cpu` 프로필로 2분 안에 끝나도록, 훈련이 필요한 문제는 **줄인 예산**으로 답합니다.
#
# * **줄인 예산**: 본문 `cpu` 프로필의 모델(32×32 입력, 채널 4분의 1, 은닉층 512, He 초기화)과 훈련 레시피, 8에폭은 그대로 두고 훈련 데이터만 3,000장(본문의 20분의 1), 검증 데이터를 1,000장으로 줄입니다. 한 번에 몇 초입니다.
# * 데이터가 적으므로 정확도는 본문의 실행(약 0.91<!-- run 0.9068 -->)보다 낮고, 과대적합은 더 쉽게 보입니다. 실행 사이의 작은 차이는 잡음일 수 있어, 기준 설정을 시드만 바꿔 한 번 더 돌려 그 폭을 함께 적습니다.
# * 에폭을 늘리는 문제(연습문제 11)는 새로 훈련하지 않고 패키지와 함께 오는 기준 실행(`d2l.reference_results()`)의 에폭별 기록을 읽습니다.
# * 메모리, 연산량, 칩 설계, 벤치마크에 관한 문제는 계산과 출처로 답합니다.
#
# 풀이에 적은 숫자는 모두 이 노트북에 저장된 출력(2코어 CPU, `cpu` 프로필)에서 옮겼고, 새로 실행하면 끝자리가 바뀔 수 있습니다.

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
# 본문의 `AlexNet`에 활성화 함수를 고르는 인자 `activation` 하나와 합성곱의 그룹 수를 고르는 인자 `groups` 하나를 더했습니다(연습문제 1, 6). 기본값이면 본문의 클래스와 같은 모델입니다.
# `parameter_table`은 본문의 것과 같습니다.

# %%
import math
import time

import pandas as pd
import torch
from IPython.display import display
from torch import nn

import d2lmini as d2l

START = time.perf_counter()   # 마지막 셀이 노트북 전체에 걸린 시간을 출력합니다


class AlexNet(d2l.Classifier):
    """AlexNet(책의 한 장치 버전). 본문의 클래스에 activation과 groups 인자를 더했습니다.

    groups: conv2, conv4, conv5의 그룹 수(원래 AlexNet의 두 GPU 분할은 2).
    """
    def __init__(self, lr=0.1, num_classes=10, channels=(96, 256, 384, 384, 256),
                 hidden=4096, stem=(11, 4, 1), dropout=0.5, activation=nn.ReLU, groups=1):
        super().__init__()
        self.save_hyperparameters()
        c1, c2, c3, c4, c5 = channels
        kernel, stride, padding = stem
        self.net = nn.Sequential(
            nn.LazyConv2d(c1, kernel_size=kernel, stride=stride, padding=padding), activation(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.LazyConv2d(c2, kernel_size=5, padding=2, groups=groups), activation(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.LazyConv2d(c3, kernel_size=3, padding=1), activation(),
            nn.LazyConv2d(c4, kernel_size=3, padding=1, groups=groups), activation(),
            nn.LazyConv2d(c5, kernel_size=3, padding=1, groups=groups), activation(),
            nn.MaxPool2d(kernel_size=3, stride=2), nn.Flatten(),
            nn.LazyLinear(hidden), activation(), nn.Dropout(p=dropout),
            nn.LazyLinear(hidden), activation(), nn.Dropout(p=dropout),
            nn.LazyLinear(num_classes))


def parameter_table(model, X_shape):
    """가중치가 있는 층마다 출력 모양, 파라미터 수, 연산량(MFLOPs)과 그 몫을 표로 돌려줍니다."""
    model.apply_init([torch.zeros(X_shape)])            # 지연 층의 모양을 정합니다
    X, rows, counts = torch.zeros(X_shape), [], {'conv': 0, 'fc': 0}
    with torch.no_grad():
        for layer in model.net:
            Y = layer.eval()(X)
            if isinstance(layer, (nn.Conv2d, nn.Linear)):
                kind = 'conv' if isinstance(layer, nn.Conv2d) else 'fc'
                counts[kind] += 1
                rows.append({'층': f'{kind}{counts[kind]}', '출력 모양': str(tuple(Y.shape[1:])),
                             '파라미터': d2l.num_params(layer),
                             'MFLOPs': d2l.count_flops(layer, tuple(X.shape)) / 1e6})
            X = Y
    table = pd.DataFrame(rows).set_index('층')
    table['파라미터 몫(%)'] = 100 * table['파라미터'] / table['파라미터'].sum()
    table['FLOPs 몫(%)'] = 100 * table['MFLOPs'] / table['MFLOPs'].sum()
    return table                                        # 반올림은 보여 줄 때만 (합계가 어긋나지 않도록)


# %% [markdown]
# 줄인 예산의 훈련 함수입니다. 본문의 훈련 셀과 같은 순서(Trainer → 데이터 → 모델 → 레시피 → 초기화)로 훈련하되, 출력이 길어지지 않도록 그래프와 진행 막대는 끕니다.
# `CPU_MODEL`과 `CPU_SIZE`는 본문 `cpu` 프로필의 모델 설정과 입력 크기이고, `alexnet(...)`은 그 설정에서 준 인자만 바꾼 모델을 만듭니다.

# %%
SMALL = d2l.profile_settings(book=dict(limit=(3000, 1000), max_epochs=8),
                             cpu=dict(limit=(3000, 1000), max_epochs=8),
                             smoke=dict(limit=(256, 128), max_epochs=1))
CPU_MODEL = dict(lr=0.002, channels=(24, 64, 96, 96, 64), hidden=512, stem=(5, 2, 2))
CPU_SIZE = (32, 32)    # 본문 cpu 프로필의 입력 크기


def alexnet(**changes):
    return AlexNet(**{**CPU_MODEL, **changes})


def short_fit(make_model, recipe=d2l.CPU_RECIPE, init='he', resize=CPU_SIZE, batch_size=128,
              limit=SMALL.limit, max_epochs=SMALL.max_epochs, seed=0):
    """줄인 예산으로 훈련하고 (모델, 데이터, 에폭별 기록)을 돌려줍니다."""
    trainer = d2l.Trainer(max_epochs=max_epochs, num_gpus=1, seed=seed, plot=False, progress=False)
    data = d2l.FashionMNIST(batch_size=batch_size, resize=resize, limit=limit, seed=seed)
    model = make_model()
    recipe.apply(model, data)
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.initializer(init))
    return model, data, trainer.fit(model, data)


def last(history):
    """마지막 에폭의 훈련 손실, 검증 손실, 검증 정확도(손실이 발산해 기록된 에폭이 없으면 NaN)."""
    row = history[-1] if len(history) else dict.fromkeys(('train_loss', 'val_loss', 'val_acc'), math.nan)
    return {'훈련 손실': row['train_loss'], '검증 손실': row['val_loss'], '검증 정확도': row['val_acc']}


_, _, base = short_fit(alexnet)
_, _, base_seed1 = short_fit(alexnet, seed=1)
print(f"기준 설정, 시드 0: 검증 정확도 {base[-1]['val_acc']:.3f} | 시드 1: {base_seed1[-1]['val_acc']:.3f}")

# %% [markdown]
# 기준 설정의 두 실행이 줄인 예산의 잡음 폭을 알려 줍니다. 이 노트북에 저장된 실행에서는 시드 0이 0.789<!-- run -->, 시드 1이 0.805<!-- run -->로 0.016만큼 다릅니다. 아래에서 이보다 작은 차이는 "같다"고 읽습니다.

# %% [markdown]
# ## 연습문제 1
#
# **시그모이드로 바꾸기.** `cpu` 모델에는 활성화 함수가 일곱 개(합성곱 다섯, 은닉 완전 연결 둘) 있습니다. 시그모이드의 도함수는 $\tfrac14$ 이하이므로, 출력에서 첫 층까지 오는 기울기에는 도함수만으로도 $(\tfrac14)^7 \approx 6\times10^{-5}$ 이하가 곱해집니다.
# 게다가 He 초기화는 ReLU가 신호의 절반을 0으로 만든다는 가정으로 분산을 $2/n_\text{in}$으로 고른 것이라 시그모이드와 맞지 않습니다. 그러니 첫 에폭의 손실은 $\ln 10 \approx 2.303$ 근처에 머물고 정확도는 무작위 추측 수준(0.1)일 것으로 예측합니다.
# 레시피의 AdamW는 파라미터마다 기울기를 그 크기로 나눠 걸음을 정하므로, 시간이 지나면 평평한 구간을 벗어날 수도 있습니다.

# %%
_, _, sigmoid = short_fit(lambda: alexnet(activation=nn.Sigmoid))
pd.DataFrame({'ReLU': base.to_frame()['val_acc'], '시그모이드': sigmoid.to_frame()['val_acc'],
              'ReLU 훈련 손실': base.to_frame()['train_loss'],
              '시그모이드 훈련 손실': sigmoid.to_frame()['train_loss']}).round(3)

# %% [markdown]
# **결과.** 이 노트북에 저장된 실행에서 시그모이드 모델은 8에폭 내내 검증 정확도가 0.100<!-- run -->에 머물렀고, 훈련 손실도 첫 에폭의 2.634<!-- run -->에서 2.308<!-- run -->까지 내려갔을 뿐입니다. 이 값은 $\ln 10 \approx 2.303$ 바로 위이므로, 모델은 모든 클래스에 거의 같은 확률을 주는 데까지만 배운 것입니다.
# 같은 예산의 ReLU 모델(0.789<!-- run -->)과는 비교가 되지 않습니다. AdamW가 평평한 구간을 벗어나게 해 줄 수는 있어도, 이 예산(에폭마다 24스텝, 모두 192스텝) 안에서는 그러지 못했습니다.
# 활성화 함수가 일곱 개라 $(\tfrac14)^L$의 $L$이 크다는 추론과 맞는 결과입니다. 다만 01 LeNet 노트북의 시그모이드 LeNet(활성화 함수 네 개)과는 데이터 크기와 에폭의 길이(여기서는 에폭마다 24스텝)가 달라, 평평한 구간의 길이를 에폭 수로 직접 견줄 수는 없습니다.

# %% [markdown]
# ## 연습문제 2
#
# **드롭아웃 끄기.** 드롭아웃은 훈련 중에만 유닛을 지우므로, 끄면 같은 모델이 훈련 데이터에 더 쉽게 맞춰집니다. 그래서 훈련 손실은 더 빨리 내려가고, 검증 손실은 처음에는 비슷하다가 에폭이 쌓일수록 드롭아웃이 있는 모델보다 나빠질 것으로 예측합니다.
# 두 손실의 차이 자체는 레이블 스무딩과 드롭아웃 때문에 뜻이 흐리므로(본문 결과 절), 두 실행에서 그 차이가 에폭마다 어떻게 변하는지를 봅니다.

# %%
_, _, no_dropout = short_fit(lambda: alexnet(dropout=0.0))
gaps = pd.DataFrame({
    '드롭아웃 0.5: 검증 정확도': base.to_frame()['val_acc'],
    '드롭아웃 0.5: 검증 손실': base.to_frame()['val_loss'],
    '드롭아웃 0.5: 검증 - 훈련': base.to_frame()['val_loss'] - base.to_frame()['train_loss'],
    '드롭아웃 끔: 검증 정확도': no_dropout.to_frame()['val_acc'],
    '드롭아웃 끔: 검증 손실': no_dropout.to_frame()['val_loss'],
    '드롭아웃 끔: 검증 - 훈련': no_dropout.to_frame()['val_loss'] - no_dropout.to_frame()['train_loss']})
gaps.round(3)

# %% [markdown]
# **결과.** 이 노트북에 저장된 실행에서 드롭아웃을 끈 모델은 훈련 손실이 더 빨리 내려가, "검증 손실 − 훈련 손실"이 8에폭 뒤 -0.206<!-- run -->으로 드롭아웃이 있는 모델(-0.297<!-- run -->)보다 0에 가깝습니다. 예측대로 훈련 데이터에 더 많이 맞춰졌다는 뜻입니다.
# 그런데 이 예산에서는 검증 쪽도 드롭아웃을 끈 모델이 나았습니다. 검증 정확도는 0.822<!-- run --> 대 0.789<!-- run -->로 시드 사이의 폭(0.016)의 두 배쯤 앞섰고, 검증 손실도 0.554<!-- run --> 대 0.580<!-- run -->으로 낮았습니다.
# 두 실행 모두 검증 손실이 7에폭까지 꾸준히 내려갔고 마지막 에폭에도 거의 그대로라(드롭아웃을 끈 쪽 0.551<!-- run --> → 0.554<!-- run -->), 아직 과대적합이 검증 성능을 해치는 단계가 아닙니다. 이 단계의 드롭아웃은 규제라기보다 훈련을 느리게 하는 잡음입니다.
# 에폭을 늘리면 이야기가 바뀝니다. AlexNet 논문은 드롭아웃이 없으면 망이 상당히 과대적합하고, 드롭아웃을 쓰면 수렴에 필요한 반복이 두 배쯤 된다고 적었습니다(Krizhevsky 등 2012). 그 논문의 훈련은 120만 장을 90번 가까이 도는 것이었습니다.
# 드롭아웃은 데이터에 비해 모델이 크고 훈련이 길 때 값을 합니다. 짧은 훈련에서는 비용만 보입니다. 데이터를 512장으로 줄인 연습문제 16에서도 이 예산 안에서는 규제를 모두 끈 쪽과 레시피를 그대로 쓴 쪽의 검증 정확도 차이가 0.008로 작았습니다.

# %% [markdown]
# ## 연습문제 3
#
# **원래 AlexNet의 파라미터 수.** 책의 모델을 3채널, 1,000개 클래스로 바꾸면 `conv1`($3\cdot96\cdot121+96 = 34{,}944$)과 `fc3`($4096\cdot1000+1000 = 4{,}097{,}000$)만 달라집니다.
# 원래 모델(Krizhevsky 등 2012)과의 차이는 두 가지입니다.
#
# * **입력 크기.** 원래 모델은 227×227 입력(논문은 224라고 적었지만, 패딩 없이 스트라이드 4로 55×55가 나오려면 227이어야 합니다)을 받아 마지막 특성 맵이 $6\times6$이었습니다. `fc1`의 입력이 $256\cdot36 = 9216$이라 `fc1`만 $(9216 - 6400)\cdot4096 = 11{,}534{,}336$개가 더 많습니다.
# * **두 GPU 분할.** `conv2`, `conv4`, `conv5`는 같은 GPU에 있는 입력 채널의 절반만 보았으므로 가중치가 절반입니다. 줄어드는 양은 $(256\cdot96\cdot25 + 384\cdot384\cdot9 + 256\cdot384\cdot9)/2 = 1{,}413{,}120$개입니다.
#
# 그러니 원래 모델은 약 $50.84 + 11.53 - 1.41 \approx 60.96$백만 개, 곧 논문이 말한 "6천만 개"입니다. 아래 셀이 세 모델을 직접 셉니다.

# %%
variants = {'책의 모델 (1채널, 10 클래스, 224)': (AlexNet(), (1, 1, 224, 224)),
            '3채널, 1,000 클래스, 224': (AlexNet(num_classes=1000), (1, 3, 224, 224)),
            '원래 모델 (227, 패딩 0, groups=2)': (AlexNet(num_classes=1000, stem=(11, 4, 0), groups=2),
                                              (1, 3, 227, 227))}
for name, (model, shape) in variants.items():
    table = parameter_table(model, shape)
    fc = table.index.str.startswith('fc')
    print(f'{name}: 파라미터 {table["파라미터"].sum():,}개, 완전 연결 층의 몫 {table["파라미터 몫(%)"][fc].sum():.1f}%')

# %% [markdown]
# **결과.** 3채널, 1,000개 클래스의 모델은 50,844,008<!-- run -->개로 약 5,080만 개이고, 원래 모델의 입력과 분할을 흉내 내면 60,965,224<!-- run -->개로 논문의 약 6천만 개가 됩니다. 완전 연결 층의 몫은 세 모델 모두 90%를 넘고, 원래 모델에서는 96.2%<!-- run -->입니다. `fc1`이 커지고 합성곱 층은 분할로 작아졌기 때문입니다.

# %% [markdown]
# ## 연습문제 4
#
# **레이블 스무딩 끄기.** 레이블 스무딩 0.1의 목표는 정답에 0.91, 나머지 아홉 클래스에 0.01씩입니다. 이 목표와 교차 엔트로피가 가장 작아지는 것은 모델의 예측이 목표와 같을 때이고, 그때의 값은 목표의 엔트로피입니다.
#
# $$
# H(q) = -0.91\ln0.91 - 9\cdot0.01\ln0.01 \approx 0.086 + 0.414 = 0.500
# $$
#
# 레이블 스무딩을 끄면 목표가 원-핫이 되어 이 바닥이 0으로 내려가므로 훈련 손실은 0.5 아래로도 내려갈 수 있습니다. 검증 손실(보통의 교차 엔트로피)은 모델이 얼마나 확신하는지에 따라 달라지고, 정확도의 차이는 이 예산에서는 작을 것으로 예측합니다.

# %%
_, _, no_smoothing = short_fit(alexnet, recipe=d2l.CPU_RECIPE.replace(label_smoothing=0))
print(f'목표의 엔트로피 H(q) = {-(0.91 * math.log(0.91) + 9 * 0.01 * math.log(0.01)):.3f}')
pd.DataFrame({'레이블 스무딩 0.1': last(base), '레이블 스무딩 끔': last(no_smoothing)}).T.round(3)

# %% [markdown]
# **결과.** 이 노트북에 저장된 실행에서 레이블 스무딩을 끄자 훈련 손실이 0.445<!-- run -->로 0.5 아래로 내려갔습니다. 레이블 스무딩이 있을 때의 훈련 손실 0.877<!-- run -->은 바닥 0.500 위에서 잰 값이라, 두 훈련 손실을 직접 견줄 수는 없습니다.
# 검증 정확도는 두 실행 모두 0.789<!-- run -->로 같았습니다. 검증 손실은 레이블 스무딩을 끈 쪽이 조금 낮았습니다(0.55<!-- run --> 대 0.58<!-- run -->).
# 레이블 스무딩을 쓴 모델은 일부러 덜 확신하도록(정답에 0.91까지만) 훈련되므로, 정답을 맞힐 때도 보통의 교차 엔트로피가 조금 높게 나옵니다. 레이블 스무딩의 이득은 짧은 훈련의 정확도보다 과신을 줄이는 데 있다고 알려져 있습니다(Müller, Kornblith, Hinton 2019).

# %% [markdown]
# ## 연습문제 5
#
# **데이터 증강 켜기.** `d2l.augment_batch`는 훈련 미니배치의 이미지마다 둘레에 2픽셀을 덧댄 뒤 무작위 위치에서 원래 크기로 잘라 내고(몇 픽셀 옮기기), 절반은 좌우로 뒤집습니다. 옷의 종류는 이런 변환에 따라 바뀌지 않으므로, 모델은 같은 옷의 여러 변형을 보게 됩니다.
# 증강은 훈련 데이터에 딱 맞추기 어렵게 만들어 과대적합을 줄이는 대신, 맞추는 데 시간이 더 걸립니다. 그래서 데이터가 적거나 훈련이 길어 과대적합이 문제일 때는 도움이 되고, 훈련이 짧아 아직 덜 맞춰진 모델에는 오히려 손해일 수 있습니다.
# 데이터가 3,000장뿐이라 증강이 도움이 될 것 같지만, 연습문제 2의 표에서 이 예산의 검증 손실은 8에폭 내내 대체로 내려가고 있었습니다. 아직 과대적합이 문제가 되기 전이므로 증강은 오히려 손해일 것으로 예측합니다. 본문의 전체 데이터 8에폭에서 ResNet으로 잰 결과는 [10 모든 모델 비교 노트북의 「훈련 레시피」 절](../10_comparison.ipynb)에 있습니다.

# %%
_, _, augmented = short_fit(alexnet, recipe=d2l.CPU_RECIPE.replace(augment=True))
pd.DataFrame({'증강 없음 (시드 0)': last(base), '증강 없음 (시드 1)': last(base_seed1),
              '증강': last(augmented)}).T.round(3)

# %% [markdown]
# **결과.** 이 노트북에 저장된 실행에서 증강을 켜자 검증 정확도가 0.756<!-- run -->으로, 증강 없는 두 시드(0.789<!-- run -->, 0.805<!-- run -->)보다 0.03~0.05 낮아졌습니다. 이 차이는 시드 사이의 폭(0.016)보다 큽니다.
# 훈련 손실도 1.026<!-- run -->으로 가장 높아, 모델이 변형된 이미지에 맞추느라 8에폭 안에 덜 훈련되었다는 것을 보여 줍니다. 증강은 과대적합을 줄이는 도구라서, 과대적합이 아직 없는 짧은 훈련에서는 도움이 되지 않습니다.
# 에폭이 길어져 증강 없는 모델이 훈련 데이터를 외우기 시작하면 답이 바뀔 수 있습니다. AlexNet 논문이 90에폭 가까이 훈련하면서 증강을 쓴 것, 이 시리즈의 8에폭 레시피가 증강을 빼 둔 것이 같은 원리의 두 면입니다.

# %% [markdown]
# ## 연습문제 6
#
# **두 GPU 분할(`groups=2`).** 그룹이 $g$개인 합성곱은 입력 채널과 출력 채널을 $g$묶음으로 나눠 묶음끼리만 연결하므로 가중치가 $c_i c_o k^2 / g$개입니다(편향은 그대로 $c_o$개). 책의 모델에서 줄어드는 양은
#
# * `conv2`: $96\cdot256\cdot25/2 = 307{,}200$
# * `conv4`: $384\cdot384\cdot9/2 = 663{,}552$
# * `conv5`: $384\cdot256\cdot9/2 = 442{,}368$
#
# 으로 모두 1,413,120개입니다. 전체 46,764,746개에서는 3%밖에 안 되지만, 합성곱 층 다섯 개의 파라미터 3,723,968개에서는 38%입니다. 이 세 층의 연산량도 정확히 절반이 됩니다.

# %%
for name, model in {'groups=1': AlexNet(), 'groups=2': AlexNet(groups=2)}.items():
    table = parameter_table(model, (1, 1, 224, 224))
    conv = table.index.str.startswith('conv')
    print(f'{name}: 전체 {table["파라미터"].sum():,}개, 합성곱 층 {table["파라미터"][conv].sum():,}개, '
          f'합성곱 층 연산량 {table["MFLOPs"][conv].sum():,.1f} MFLOPs')

# %% [markdown]
# **결과.** 전체는 46,764,746<!-- run -->개에서 45,351,626<!-- run -->개로, 합성곱 층은 3,723,968<!-- run -->개에서 2,310,848<!-- run -->개로 줄어 계산과 같습니다. 합성곱 층의 연산량도 1,790.2<!-- run --> MFLOPs에서 1,056.4<!-- run --> MFLOPs로 줄었습니다(`conv2`, `conv4`, `conv5`가 절반).
# 두 GPU에 나눠 올린 설계가 결과적으로 계산과 파라미터를 아끼는 그룹 합성곱이었다는 것입니다. 같은 연산을 일부러 쓰는 ResNeXt는 07 ResNet 노트북에서 다룹니다.

# %% [markdown]
# ## 연습문제 7
#
# **메모리와 연산량.** 32비트 실수 하나는 4바이트입니다. 책의 모델(224×224)에서
#
# * **파라미터**: 합성곱 층 3,723,968개는 약 15MB, 완전 연결 층 43,040,778개는 약 172MB입니다. 파라미터 메모리는 완전 연결 층이 열 배 넘게 큽니다.
# * **활성화 값**: 이미지 한 장이 지나갈 때 층마다 나오는 값의 수는 출력 모양의 원소 수입니다. 합성곱 쪽은 `conv1`의 출력 $96\cdot54\cdot54 = 279{,}936$개처럼 해상도가 곱해져 크고, 완전 연결 쪽은 4096개짜리 벡터 몇 개뿐입니다.
# * **연산량**: 본문 「모양 확인」 절의 표대로 합성곱 층이 95% 넘게 차지합니다.
#
# 아래 셀은 층마다 출력의 원소 수를 세어(ReLU, 풀링, 드롭아웃의 출력도 역전파를 위해 저장되므로 함께 셉니다) 두 부분의 메모리를 나란히 놓습니다.

# %%
def memory_table(model, X_shape):
    """합성곱 부분(펼치기 전까지)과 완전 연결 부분의 파라미터·활성화 메모리(MB, 이미지 한 장)와 연산량."""
    model.apply_init([torch.zeros(X_shape)])
    X, part = torch.zeros(X_shape), '합성곱 부분'
    rows = {p: {'파라미터 (MB)': 0.0, '활성화 (MB, 한 장)': 0.0, 'MFLOPs': 0.0} for p in ('합성곱 부분', '완전 연결 부분')}
    with torch.no_grad():
        for layer in model.net:
            if isinstance(layer, nn.Flatten):
                part = '완전 연결 부분'
            Y = layer.eval()(X)
            rows[part]['파라미터 (MB)'] += 4 * d2l.num_params(layer) / 1e6
            rows[part]['활성화 (MB, 한 장)'] += 4 * Y[0].numel() / 1e6
            rows[part]['MFLOPs'] += d2l.count_flops(layer, tuple(X.shape)) / 1e6
            X = Y
    return pd.DataFrame(rows).T


book_memory = memory_table(AlexNet(), (1, 1, 224, 224))
book_memory.round(2)

# %% [markdown]
# **결과.** 파라미터는 완전 연결 부분이 약 172MB<!-- run 172.16 -->로 합성곱 부분(약 15MB<!-- run 14.90 -->)보다 훨씬 크고, 활성화는 거꾸로 합성곱 부분이 이미지 한 장에 약 5.2MB<!-- run 5.24 -->로 완전 연결 부분(0.12MB<!-- run -->)보다 훨씬 큽니다.
# 배치 크기 128이면 합성곱 부분의 활성화만 670MB쯤이라, 파라미터 전체(약 187MB)보다 커집니다. "무엇이 메모리를 차지하는가"의 답은 배치 크기에 따라 바뀝니다. 추론에서 배치가 작으면 완전 연결 층의 파라미터가, 훈련에서 배치가 크면 합성곱 층의 활성화가 메모리를 차지합니다.

# %% [markdown]
# ## 연습문제 8
#
# **메모리 대역폭과 지연 시간.** 층 하나를 계산하려면 가중치와 입력을 메모리에서 읽고 출력을 써야 합니다. 읽고 쓰는 바이트 하나당 몇 FLOP을 계산하는지를 **산술 강도**(arithmetic intensity)라고 합니다.
# 장치가 초당 계산할 수 있는 FLOP을 초당 옮길 수 있는 바이트로 나눈 값보다 산술 강도가 낮은 층은, 계산기가 놀면서 메모리를 기다립니다(메모리 대역폭에 묶임). 높은 층은 계산 능력에 묶입니다. 이 그림을 루프라인 모델(roofline model)이라고 합니다(Williams, Waterman, Patterson 2009).
#
# * 완전 연결 층은 가중치 하나를 이미지 한 장에 한 번만 씁니다(곱셈-덧셈 한 번, 2 FLOPs에 4바이트). 배치 크기 1에서는 산술 강도가 0.5 FLOP/바이트쯤이라 메모리 대역폭이 속도를 정합니다. 배치 크기가 $B$이면 같은 가중치를 $B$번 쓰므로 산술 강도가 거의 $B$배가 됩니다.
# * 합성곱 층은 같은 커널을 모든 출력 위치에서 다시 쓰므로 배치 크기 1에서도 산술 강도가 수십에서 수백입니다.
#
# 훈련과 추론은 여기서 갈립니다. 추론은 요청 하나를 빨리 답해야 해서 배치가 작고, 그러면 완전 연결 층처럼 가중치를 한 번씩만 쓰는 층이 대역폭에 묶이고, 작은 연산을 여러 번 부르는 동안 메모리의 **지연 시간**도 그대로 드러납니다.
# 훈련은 배치가 커서 산술 강도가 높아지는 대신, 역전파를 위해 모든 층의 활성화를 저장해야 하므로 메모리의 **크기**가 배치 크기의 상한을 정합니다(연습문제 7). 역전파는 순전파의 약 두 배를 더 계산하고, 저장한 활성화를 다시 읽어야 하므로 대역폭도 더 씁니다.

# %%
def intensity(model, X_shape, batch):
    """층마다 배치 크기 batch에서의 산술 강도(FLOPs ÷ 가중치·입력·출력의 바이트)."""
    model.apply_init([torch.zeros(X_shape)])
    X, rows, counts = torch.zeros(X_shape), {}, {'conv': 0, 'fc': 0}
    with torch.no_grad():
        for layer in model.net:
            Y = layer.eval()(X)
            if isinstance(layer, (nn.Conv2d, nn.Linear)):
                kind = 'conv' if isinstance(layer, nn.Conv2d) else 'fc'
                counts[kind] += 1
                flops = batch * d2l.count_flops(layer, tuple(X.shape))
                moved = 4 * (d2l.num_params(layer) + batch * (X[0].numel() + Y[0].numel()))
                rows[f'{kind}{counts[kind]}'] = flops / moved
            X = Y
    return pd.Series(rows)


pd.DataFrame({f'배치 {b}': intensity(AlexNet(), (1, 1, 224, 224), b) for b in (1, 128)}).round(1)

# %% [markdown]
# **결과.** 배치 크기 1에서 합성곱 층의 산술 강도는 수십에서 수백 FLOP/바이트(`conv2` 약 244<!-- run 243.6 -->)인데, 완전 연결 층은 0.5 남짓<!-- run 0.5 -->입니다. 배치 크기 128에서는 완전 연결 층도 약 61<!-- run 60.9 -->까지 올라갑니다.
# 그래서 AlexNet을 배치 크기 1로 추론하면, 연산량으로는 5%도 안 되는 완전 연결 층이 메모리를 기다리느라 시간의 상당 부분을 차지할 수 있습니다.

# %% [markdown]
# ## 연습문제 9
#
# **칩 설계.** 정답이 하나인 문제는 아니지만, 연습문제 8의 루프라인 모델이 출발점입니다. 계산기만 늘리면 산술 강도가 낮은 일에서는 계산기가 놀고, 대역폭만 늘리면 산술 강도가 높은 일에서는 핀과 면적이 낭비됩니다.
# 그러니 먼저 칩이 돌릴 일(워크로드)의 산술 강도 분포를 재고, "초당 FLOP ÷ 초당 바이트"가 그 분포에 맞도록 둘의 비율을 고르는 것이 기본입니다. 실제 설계는 이 비율을 바꾸지 않고도 산술 강도를 올리는 방법을 함께 씁니다.
#
# * **칩 안의 메모리**: 큰 온칩 SRAM(캐시, 스크래치패드)에 가중치나 활성화를 올려 두고 여러 번 다시 쓰면, 바깥 메모리에서 옮기는 바이트가 줄어 산술 강도가 올라갑니다.
# * **데이터 흐름 구조**: 시스톨릭 배열처럼 계산기끼리 값을 바로 넘겨주는 구조는 한 번 읽은 값을 여러 계산기가 씁니다.
# * **낮은 정밀도**: bf16이나 int8로 값을 줄이면 같은 대역폭으로 두세 배 많은 값을 옮기고, 계산기도 작아져 같은 면적에 더 많이 넣을 수 있습니다.
#
# 구글의 첫 TPU가 좋은 예입니다. Jouppi 등(2017)은 데이터센터의 신경망 추론 워크로드를 재어, 여섯 개 가운데 넷(완전 연결 층이 많은 MLP와 LSTM)이 계산이 아니라 메모리 대역폭에 묶여 있었다고 보고했습니다. 그리고 같은 칩에 대역폭이 더 큰 메모리를 달았다면 성능이 크게 올랐을 것이라고 분석했습니다.
# 워크로드가 바뀌면 답도 바뀝니다. 완전 연결 층이 많은 AlexNet 시대와 합성곱이나 어텐션이 대부분인 지금은 최적의 비율이 다릅니다.

# %% [markdown]
# ## 연습문제 10
#
# **왜 AlexNet으로 벤치마크하지 않을까.** 이유는 세 가지로 정리할 수 있습니다.
#
# * **정확도가 더는 쓸모 있는 수준이 아닙니다.** ILSVRC 2012에서 AlexNet의 상위 5개 오류율은 15.3%였지만, 2015년의 ResNet 앙상블은 3.57%였습니다(He 등 2016). 아무도 배포하지 않는 모델의 속도는 사용자에게 의미가 없습니다.
# * **비용 구조가 요즘 모델을 대표하지 않습니다.** 연습문제 7, 8에서 본 것처럼 AlexNet은 파라미터의 90% 넘게가 완전 연결 층에 있어, 배치가 작으면 메모리 대역폭을 재는 벤치마크가 됩니다. 요즘 모델은 합성곱이나 어텐션이 대부분이고 완전 연결 헤드는 작습니다(04 NiN 노트북부터 전역 평균 풀링이 헤드를 대신합니다).
# * **너무 작습니다.** 요즘 가속기에서 AlexNet 한 번의 순전파는 아주 짧게 끝나서, 측정값이 칩의 계산 능력보다 커널을 부르는 오버헤드나 데이터 입력을 재게 됩니다.
#
# 그래서 업계의 표준 벤치마크인 MLPerf는 이미지 분류에 ResNet-50을 씁니다(Mattson 등 2020, 훈련; Reddi 등 2020, 추론). 대표성 있는 모델을 벤치마크로 고르는 일도 칩 설계처럼 워크로드를 보는 일입니다.

# %% [markdown]
# ## 연습문제 11
#
# **에폭을 늘리면.** 두 모델의 기준 실행을 에폭별로 읽습니다. LeNet은 책의 방법(SGD, 고정 학습률 0.1), AlexNet은 `cpu` 레시피(원사이클)로 훈련한 것입니다.

# %%
reference = d2l.reference_results()
runs = reference.set_index(['notebook', 'label'])
lenet = pd.DataFrame(runs.loc[('01_lenet', 'LeNet'), 'history']).set_index('epoch')
alex = pd.DataFrame(runs.loc[('02_alexnet', 'AlexNet'), 'history']).set_index('epoch')
pd.concat({'LeNet (책의 방법)': lenet[['train_loss', 'val_loss', 'val_acc']],
           'AlexNet (cpu 레시피)': alex[['train_loss', 'val_loss', 'val_acc']]}, axis=1)

# %% [markdown]
# **읽기와 답.** LeNet은 10에폭이 끝날 때도 훈련 손실과 검증 손실이 나란히 내려가고 있습니다(마지막 에폭 0.693<!-- run 0.6931 -->과 0.702<!-- run 0.7025 -->). 모델이 작아 아직 덜 맞춰진(과소적합) 상태라, 에폭을 늘리면 훈련 정확도와 검증 정확도가 함께 더 오를 것입니다. 두 에폭의 평평한 구간을 생각하면 특히 그렇습니다.
# AlexNet은 첫 에폭부터 0.80<!-- run 0.7992 -->이고 마지막 에폭에는 0.001도 오르지 않습니다(0.9063<!-- run --> → 0.9068<!-- run -->). 원사이클 스케줄이 학습률을 거의 0까지 내렸기 때문이기도 합니다. 에폭을 늘리면 스케줄 전체가 늘어나 높은 학습률로 더 오래 훈련하므로 조금은 더 오르겠지만, 파라미터가 533,946<!-- run -->개인 모델은 6만 장을 외울 수도 있습니다.
# 그래서 AlexNet은 에폭을 늘릴수록 훈련 손실이 검증 손실보다 훨씬 빨리 내려가는 과대적합 쪽으로 갈 것으로 봅니다. 연습문제 16은 데이터가 적으면 이 모델이 훈련 데이터를 외운다는 것을 보여 줍니다(그 예산에서는 규제가 외우는 것을 막지 못했습니다).
# 정리하면, 작은 모델은 시간이 모자라서 멈추고, 큰 모델은 에폭을 늘리면 데이터가 모자라서 멈출 것입니다. 이 실행의 AlexNet은 아직 훈련 손실이 검증 손실보다 높으므로, 마지막 에폭이 멈춘 것은 학습률이 0 가까이 내려갔기 때문입니다. 책의 AlexNet(SGD, 학습률 0.01, 기본 초기화)은 첫 에폭을 무작위 추측 수준에서 보냈으므로, 그 설정에서는 LeNet처럼 에폭을 늘리는 이득이 더 클 것입니다.

# %% [markdown]
# ## 연습문제 12
#
# **더 단순한 모델.** 시간은 대체로 연산량을 따라가므로(작은 모델에서는 고정 비용 때문에 덜 줄어듭니다), 파라미터의 몫이 아니라 연산량의 몫이 큰 층을 줄여야 합니다. 본문 「훈련」 절의 표에서 `cpu` 모델의 연산량은 `conv2`가 46%, `conv3`~`conv5`가 합쳐서 43%이고, 완전 연결 층은 7%쯤입니다.
# 합성곱 층의 연산량 $2\,c_i c_o k^2 h w$는 채널 수를 절반으로 줄이면 4분의 1이 되므로, 채널을 모두 절반 `(12, 32, 48, 48, 32)`으로 줄여 봅니다. 은닉 완전 연결 층도 256으로 줄이지만, 이것은 시간보다 파라미터를 줄입니다.

# %%
slim_settings = dict(channels=(12, 32, 48, 48, 32), hidden=256)
_, _, slim = short_fit(lambda: alexnet(**slim_settings))
rows = {}
for name, model, history in (('cpu 모델', alexnet(), base), ('채널 절반, 은닉 256', alexnet(**slim_settings), slim)):
    table = parameter_table(model, (1, 1, *CPU_SIZE))
    seconds = sum(history.column('seconds'))
    rows[name] = {'파라미터': table['파라미터'].sum(), 'MFLOPs': table['MFLOPs'].sum(),
                  '훈련 시간 (초)': seconds, '검증 정확도': history[-1]['val_acc']}
pd.DataFrame.from_dict(rows, orient='index').round(3)   # 행마다 만들어야 파라미터 열이 정수로 남습니다

# %% [markdown]
# **결과.** 이 노트북에 저장된 실행에서 채널을 절반으로 줄인 모델은 연산량이 8.2<!-- run 8.154 --> MFLOPs에서 2.1<!-- run 2.118 --> MFLOPs로 4분의 1쯤이 되었고(첫 합성곱은 입력 채널이 하나라 절반만 줄어듭니다), 파라미터도 4분의 1쯤(135,266<!-- run -->개)입니다. 훈련 시간은 2.9초<!-- run 2.942 -->에서 1.9초<!-- run 1.862 -->로 3분의 1 남짓만 줄었습니다.
# 연산량만큼 시간이 줄지 않는 것은 이렇게 작은 모델에서는 데이터 준비, 옵티마이저, 층마다 호출하는 고정 비용이 시간의 상당 부분을 차지하기 때문입니다.
# 검증 정확도는 0.789<!-- run -->에서 0.766<!-- run -->으로 0.023 낮아졌습니다. 시드 사이의 폭(0.016)보다 조금 큰 차이라, 이 예산에서 연산량을 4분의 1로 줄이면 정확도를 조금 잃는다고 읽습니다. 훈련 데이터가 3,000장뿐이라 큰 모델의 능력이 다 쓰이지 않았을 수 있으므로, 전체 데이터에서 그 차이가 얼마인지는 본문의 설정으로 다시 재 봐야 합니다.
#
# 채널을 얼마나 줄일지, `conv3`~`conv5` 가운데 하나를 뺄지 같은 여러 선택은 같은 예산에서 재 보며 고르는 수밖에 없습니다. 09 RegNet 노트북이 이런 탐색을 체계적으로 하는 방법을 다룹니다.

# %% [markdown]
# ## 연습문제 13
#
# **28×28에서 바로 동작하는 모델.** `cpu` 모델은 입력을 32×32로 늘린 뒤 $5\times5$, 스트라이드 2의 첫 합성곱으로 16×16으로 줄이므로, 특성 맵이 $32 \to 16 \to 7 \to 3 \to 1$로 작아집니다. 28×28을 그대로 받고 첫 합성곱을 $3\times3$, 스트라이드 1, 패딩 1로 바꾸면
#
# $$
# 28 \xrightarrow{\;k=3,\ s=1,\ p=1\;} 28 \xrightarrow{\;\text{풀링}\;} 13 \xrightarrow{\;k=5,\ p=2\;} 13 \xrightarrow{\;\text{풀링}\;} 6 \xrightarrow{\;3\times3 \text{ 세 개}\;} 6 \xrightarrow{\;\text{풀링}\;} 2
# $$
#
# 로, 첫 합성곱 뒤의 맵이 `cpu` 모델(16×16)보다 큰 28×28이고 뒤 층들도 13×13, 6×6에서 계산합니다(`cpu` 모델은 7×7, 3×3). 넓이가 층마다 3~4배이므로 연산량도 3배 넘게 될 것이고, 마지막 맵이 $2\times2$라 `fc1`이 받는 값이 64개에서 256개로 늘어 파라미터도 조금 많아집니다.
# 늘린 이미지는 보간으로 만든 값이라 새 정보가 없고, `cpu` 모델은 첫 층에서 28픽셀보다 거친 16×16 맵만 남깁니다. 그러니 정확도는 28×28 모델이 같거나 조금 높을 것으로 예측합니다.

# %%
small_input = dict(stem=(3, 1, 1))
alexnet(**small_input).layer_summary((1, 1, 28, 28))
_, _, native = short_fit(lambda: alexnet(**small_input), resize=(28, 28))
for name, model, shape, history in ((f'{CPU_SIZE[0]}×{CPU_SIZE[1]}, 5×5/2', alexnet(), (1, 1, *CPU_SIZE), base),
                                    ('28×28, 3×3/1', alexnet(**small_input), (1, 1, 28, 28), native)):
    table = parameter_table(model, shape)
    print(f'{name}: 파라미터 {table["파라미터"].sum():,}개, {table["MFLOPs"].sum():.1f} MFLOPs, '
          f'검증 정확도 {history[-1]["val_acc"]:.3f}')

# %% [markdown]
# **결과.** 출력 모양은 예상대로 $28 \to 13 \to 6 \to 2$입니다. 파라미터는 631,866<!-- run -->개로 `cpu` 모델(533,946<!-- run -->개)보다 `fc1`이 늘어난 만큼(약 10만 개) 많고, 연산량은 28.0<!-- run --> MFLOPs로 `cpu` 모델(8.2<!-- run --> MFLOPs)의 약 3.4배입니다. 더 싼 쪽은 `cpu` 모델입니다.
# 이 노트북에 저장된 실행에서 검증 정확도는 28×28 모델이 0.813<!-- run -->으로 32×32 모델(0.789<!-- run -->)보다 0.024 높아, 시드 사이의 폭(0.016)보다 조금 큰 차이입니다. 다만 32×32 모델의 시드 1(0.805<!-- run -->)과는 0.008 차이라, 시드 하나로 28×28 모델이 낫다고 단정하지는 않습니다. 어느 쪽이든 정확도만 보면 Fashion-MNIST의 28×28 이미지를 늘릴 이유는 없습니다.
# 그런데도 본문의 `cpu` 프로필이 32×32 입력에 $5\times5$, 스트라이드 2의 첫 합성곱을 쓰는 이유는 두 가지입니다. 책의 모델과 같은 "큰 첫 커널, 스트라이드"의 모양을 남기고, 연산량이 28×28 모델의 3분의 1에 못 미쳐 AMX가 없는 2코어 CPU에서도 시리즈 전체 20분의 시간 예산에 여유를 남깁니다(본문 「훈련」 절).

# %% [markdown]
# ## 연습문제 14
#
# **배치 크기.** 세 가지가 따로 움직입니다.
#
# * **처리량**: 배치가 크면 한 번의 호출에 더 많은 일을 모아 계산기를 채우고, 호출마다 드는 고정 비용(파이썬, 커널 호출)과 가중치를 읽는 비용을 더 많은 이미지가 나눠 냅니다. 그래서 초당 이미지 수는 배치 크기와 함께 늘다가, 계산기가 다 차면 멈춥니다.
# * **메모리**: 훈련은 역전파를 위해 층마다 활성화를 저장하므로 그 메모리는 배치 크기에 비례합니다(연습문제 7). GPU에서 메모리가 모자라 배치를 못 키우는 이유가 이것입니다.
# * **정확도**: 에폭 수가 같으면 배치가 클수록 갱신 횟수가 줄어듭니다. 학습률을 배치 크기에 비례해 키우는 것(선형 스케일링, Goyal 등 2017)이 흔한 처방이지만, 너무 큰 배치는 그래도 정확도를 잃기 쉽습니다(Keskar 등 2017).
#
# 아래 셀은 `cpu` 모델로 배치 크기마다 훈련 스텝 몇 개의 시간을 재고, 저장해야 하는 활성화 메모리를 세고, 배치 크기 512로 줄인 예산의 정확도를 잽니다.

# %%
def images_per_second(batch_size, steps=6):
    """배치 크기 batch_size로 훈련 스텝 steps개(준비 스텝 2개 뒤)를 재어 초당 이미지 수를 돌려줍니다(float32)."""
    torch.manual_seed(0)
    model = alexnet()
    X, y = torch.rand(batch_size, 1, *CPU_SIZE), torch.randint(0, 10, (batch_size,))
    model.apply_init([X], d2l.init_he)
    optim = torch.optim.AdamW(model.parameters(), lr=0.002)
    for i in range(steps + 2):
        if i == 2:
            start = time.perf_counter()
        loss = model.loss(model(X), y)
        optim.zero_grad()
        loss.backward()
        optim.step()
    return steps * batch_size / (time.perf_counter() - start)


per_image_mb = memory_table(alexnet(), (1, 1, *CPU_SIZE))['활성화 (MB, 한 장)'].sum()
throughput = pd.DataFrame({b: {'초당 이미지': images_per_second(b), '저장할 활성화 (MB)': b * per_image_mb}
                           for b in (16, 128, 512)}).T
throughput.index.name = '배치 크기'
display(throughput.round(0))
_, _, big_batch = short_fit(alexnet, batch_size=512)
print(f"줄인 예산의 검증 정확도: 배치 128 {base[-1]['val_acc']:.3f} ({len(base)}에폭, 에폭마다 24스텝) | "
      f"배치 512 {big_batch[-1]['val_acc']:.3f} (에폭마다 6스텝)")

# %% [markdown]
# **결과.** 이 노트북에 저장된 실행(2코어 CPU, float32)에서 초당 이미지 수는 배치 16에서 2,088<!-- run 2088.0 -->장, 128에서 5,303<!-- run 5303.0 -->장, 512에서 6,421<!-- run 6421.0 -->장으로 늘었습니다. 그러나 16에서 128로 갈 때는 약 2.5배였던 것이 128에서 512로 갈 때는 약 1.2배에 그쳐, 2코어 CPU의 계산기는 배치 128이면 거의 차 갑니다. GPU는 계산기가 훨씬 많아 더 큰 배치까지 처리량이 늘어납니다.
# 저장할 활성화는 배치 크기에 정확히 비례해 배치 512에서 약 58MB<!-- run 58.0 -->입니다. 책의 224×224 모델이라면 이미지 한 장에 5MB가 넘으므로(연습문제 7) 배치 512에 2.6GB가 넘습니다. 원래 AlexNet이 쓴 배치 128에서는 합성곱 부분의 활성화(연습문제 7)에 파라미터와 그 기울기, 모멘텀을 더해도 1GB 남짓이지만, 역전파의 중간 값과 합성곱의 작업 공간도 메모리를 씁니다. 논문은 GTX 580의 3GB가 훈련할 수 있는 망의 크기를 제한해서 두 GPU에 나눴다고 적었습니다.
# 정확도는 같은 8에폭에서 배치 512가 0.743<!-- run -->으로 배치 128(0.789<!-- run -->)보다 낮았고, 그 차이는 시드 사이의 폭보다 훨씬 큽니다. 에폭마다 갱신이 24번에서 6번으로 줄었는데 학습률은 그대로였기 때문입니다. 배치를 키울 때는 학습률도 함께 키우거나(선형 스케일링) 에폭을 늘려야 합니다.

# %% [markdown]
# ## 연습문제 15
#
# **LeNet에 ReLU와 드롭아웃.** 01 LeNet 노트북에서 시그모이드를 ReLU로 바꾸기만 해도 평평한 구간이 사라져 크게 좋아졌습니다. 드롭아웃은 다른 질문입니다. 드롭아웃은 과대적합을 줄이는 규제이므로, 모델이 데이터를 외울 만큼 클 때 도움이 됩니다. 파라미터가 6만 개 남짓인 LeNet은 과소적합 쪽에 가까워 드롭아웃의 이득은 작거나 없을 것으로 예측합니다.
# 같은 줄인 예산(3,000장, 8에폭, 레시피)으로 세 모델을 훈련해 비교합니다.

# %%
class LeNetReLU(d2l.Classifier):
    """책의 LeNet에서 시그모이드를 ReLU로 바꾸고, 두 은닉 완전 연결 층 뒤에 드롭아웃을 둘 수 있게 한 모델."""
    def __init__(self, lr=0.002, dropout=0.0, activation=nn.ReLU, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(6, kernel_size=5, padding=2), activation(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.LazyConv2d(16, kernel_size=5), activation(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Flatten(),
            nn.LazyLinear(120), activation(), nn.Dropout(dropout),
            nn.LazyLinear(84), activation(), nn.Dropout(dropout),
            nn.LazyLinear(num_classes))


lenets = {'시그모이드 (책의 LeNet)': dict(activation=nn.Sigmoid), 'ReLU': {}, 'ReLU + 드롭아웃 0.5': dict(dropout=0.5)}
pd.DataFrame({name: last(short_fit(lambda: LeNetReLU(**kwargs), init='xavier', resize=(28, 28))[2])
              for name, kwargs in lenets.items()}).T.round(3)

# %% [markdown]
# **결과.** 이 노트북에 저장된 실행에서 같은 레시피로 훈련해도 시그모이드 LeNet은 0.561<!-- run -->에 그쳤고, ReLU로 바꾸자 0.772<!-- run -->로 크게 올랐습니다. 드롭아웃 0.5를 더하면 0.740<!-- run -->으로 오히려 낮아졌습니다.
# 예측대로 ReLU는 돕고 드롭아웃은 돕지 않습니다. 드롭아웃을 넣은 모델은 훈련 손실이 1.188<!-- run -->로 ReLU 모델(0.962<!-- run -->)보다 높아, 작은 모델이 8에폭 안에 충분히 맞추지 못한 것입니다. 드롭아웃은 AlexNet의 4096 너비 헤드처럼 외울 능력이 남는 곳에 쓰는 도구입니다.
# 문제의 둘째 질문인 이미지의 불변성을 이용하는 전처리(데이터 증강)는 여기서 따로 재지 않았습니다. 같은 줄인 예산의 AlexNet에서 증강은 손해였고(연습문제 5), 이유도 같으므로 짧은 훈련에서는 LeNet에도 도움이 되지 않을 것으로 봅니다. 증강이 값을 하는 것은 에폭이 길어 모델이 훈련 데이터를 외우기 시작할 때입니다.

# %% [markdown]
# ## 연습문제 16
#
# **과대적합 만들기.** 과대적합은 모델이 훈련 데이터를 외워 훈련 정확도는 1에 가까운데 검증 정확도는 낮은 상태입니다. 그렇게 만들려면 외울 것은 적게, 외울 능력은 크게, 외우는 것을 막는 장치는 없애면 됩니다.
# 훈련 데이터를 512장으로 줄이고, 드롭아웃, 가중치 감쇠, 레이블 스무딩을 모두 끈 채 30에폭 훈련합니다(검증은 500장). 훈련을 **망가뜨리는** 쪽은 다른 문제입니다. 학습률을 너무 크게 하거나(아래에서는 0.05, 레시피의 25배) 활성화 함수를 시그모이드로 바꾸면(연습문제 1) 훈련 손실부터 잘 내려가지 않습니다.

# %%
def train_accuracy(model, data):
    """훈련 데이터 전체에 대한 정확도(예측 모드)."""
    model.eval()
    with torch.no_grad():
        correct = sum((model(X).argmax(1) == y).sum().item() for X, y in data.get_dataloader(True))
    return correct / len(data.train)


OVERFIT = d2l.profile_settings(book=dict(limit=(512, 500), max_epochs=30), cpu=dict(limit=(512, 500), max_epochs=30),
                               smoke=dict(limit=(256, 128), max_epochs=1))
bare = d2l.CPU_RECIPE.replace(weight_decay=0, label_smoothing=0)
cases = {'512장, 규제 모두 끔': (lambda: alexnet(dropout=0.0), bare),
         '512장, 레시피 그대로': (alexnet, d2l.CPU_RECIPE),
         '512장, 규제 끔, 학습률 0.05': (lambda: alexnet(dropout=0.0, lr=0.05), bare)}
rows = {}
for name, (make_model, recipe) in cases.items():
    model, data, history = short_fit(make_model, recipe=recipe, limit=OVERFIT.limit, max_epochs=OVERFIT.max_epochs)
    rows[name] = {'훈련 정확도': train_accuracy(model, data), **last(history)}
pd.DataFrame(rows).T.round(3)

# %% [markdown]
# **결과.** 이 노트북에 저장된 실행에서 규제를 모두 끈 모델은 512장을 대부분 외워 훈련 정확도가 0.947<!-- run -->, 훈련 손실이 0.161<!-- run -->인데, 검증 정확도는 0.754<!-- run -->입니다. 과대적합을 만든 것입니다. 검증 손실(0.698<!-- run -->)이 훈련 손실보다 훨씬 큰 것도 그 표시입니다.
# 레시피를 그대로 쓴 모델도 훈련 정확도가 0.943<!-- run -->으로 거의 같게 외웠고, 검증 정확도는 0.746<!-- run -->으로 차이가 작아(검증 이미지가 500장뿐이라 표본의 흔들림만으로도 ±0.02쯤) "같다"고 읽습니다. 이 예산에서 규제는 512장이라는 정보의 한계를 넘게 해 주지 못했습니다. 레시피 쪽의 훈련 손실(0.741<!-- run -->)은 레이블 스무딩의 바닥 0.500 위에서 잰 값이라(연습문제 4) 규제를 끈 쪽과 직접 견줄 수 없습니다.
# 학습률을 0.05로 키운 모델은 30에폭 뒤에도 훈련 정확도가 0.578<!-- run -->, 검증 정확도가 0.508<!-- run -->에 그치고, 훈련 손실도 1.019<!-- run -->로 규제를 끈 모델보다 훨씬 높습니다. 같은 모델인데 훈련 데이터조차 맞추지 못하므로, 과대적합이 아니라 훈련이 망가진 것입니다. 걸음이 너무 크면 가중치가 크게 흔들리고, 그사이 꺼진 ReLU는 기울기가 0이라 다시 켜지지 않아 모델이 쓸 수 있는 능력도 줄어들 수 있습니다.
# 정리하면, 과대적합은 데이터를 줄이고 규제를 빼서 만들고, 훈련을 망가뜨리는 것은 학습률, 초기화, 활성화 함수처럼 기울기가 흐르는 길을 막는 선택입니다.

# %%
print(f'이 노트북 전체: {(time.perf_counter() - START) / 60:.1f}분')
