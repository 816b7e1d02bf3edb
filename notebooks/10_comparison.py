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
# # 모든 모델을 나란히: 정확도와 비용
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/10_comparison.ipynb)
#
# 앞의 노트북들이 훈련 절에서 기록한 실행을 모두 모아, 각 구조의 아이디어가 정확도를 얼마나 올렸고 그 대가로 파라미터·연산량·시간을 얼마나 썼는지 한 자리에서 비교합니다. 비교하는 실행은 모두 **같은 훈련 레시피와 같은 예산**(8에폭)으로 훈련했습니다. 그 레시피의 재료 하나하나가 정확도를 얼마나 더하는지도 이 노트북의 「훈련 레시피」 절에서 잽니다. 패키지와 함께 설치되는 **기준 실행**(2코어 CPU에서 `cpu` 프로필로 훈련해 패키지에 넣어 둔 실행)을 언제나 보여 주므로 이 노트북 하나만 연 Colab에서도 돌아가고, 직접 실행한 기록이 있으면 프로필과 장치를 붙여 그 옆에 나란히 놓습니다. 이 노트북은 기록을 읽고, 레시피의 재료 하나를 보여 주는 작은 LeNet 두 개만 직접 훈련하므로(2코어 CPU에서 각각 몇 초) 금방 끝납니다.

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
# 1. 한 모델의 비용을 파라미터(parameter) 수, 이미지 한 장의 연산량(FLOPs), 훈련 시간, 초당 훈련 이미지 수(img/s)의 네 가지로 나누어 말하고, 이 가운데 어느 것도 훈련 메모리를 대신하지 못하는 까닭을 설명할 수 있습니다.
# 2. 정확도와 비용의 산점도에서 파레토 전선(Pareto front)을 찾고, 전선 위의 두 모델이 실행 사이의 잡음(약 0.005)보다 크게 다른지 따져 "더 낫다"와 "구별할 수 없다"를 가를 수 있습니다.
# 3. LeNet(1998)부터 RegNet(2020)까지 각 구조가 더한 아이디어(깊이, 블록, $1 \times 1$ 합성곱, 분기, 정규화, 숏컷, 밀집 연결, 설계 공간)를 이 시리즈에서 잰 점 하나와 이어 설명할 수 있습니다.
# 4. 같은 레시피와 같은 예산으로 훈련한 비교에서도 모델마다 무엇이 다른지(해상도, 너비, 초기화) 설정 목록으로 보이고, 그 비교가 말해 주는 것과 말해 주지 못하는 것을 가를 수 있습니다.
# 5. 훈련 레시피의 재료(옵티마이저, 학습률과 β1을 함께 바꾸는 원사이클 스케줄, 가중치 감쇠, 데이터 증강, 레이블 스무딩)가 각각 무엇을 하는지 설명하고, 재료를 하나씩 더한 표에서 어느 차이가 한 번씩의 실행으로도 믿을 만하고 어느 차이가 그렇지 않은지 가를 수 있습니다.

# %% [markdown]
# ## 개념
#
# ### 정확도 하나와 비용 넷
#
# 이 노트북의 숫자는 「훈련 레시피」 절의 작은 LeNet 실행 두 개를 빼면 모두 기록에서 읽은 것입니다. 기록은 `trainer.fit(...)` 바로 뒤에 부른 `d2l.record_run(...)`이 남겼고(01~09 노트북의 훈련 절, 「훈련 레시피」 절의 표는 `benchmarks/recipe_ablation.py`), 실행 하나마다 다음이 들어 있습니다.
#
# * **검증 정확도**(validation accuracy): 마지막 에폭(epoch)이 끝난 뒤 검증 데이터에서 맞힌 비율입니다. 에폭별 기록도 함께 있어 곡선을 다시 그릴 수 있습니다.
# * **파라미터 수**: 모델이 저장하는 가중치(weight)와 편향의 개수입니다. 모델 파일의 크기와, 훈련 중 가중치·기울기·옵티마이저(optimizer) 상태가 차지하는 메모리가 이 수에 비례합니다. 그러나 파라미터 수는 연산량도, 훈련 메모리 전체도 정하지 않습니다. 합성곱(convolution) 층의 가중치는 특성 맵(feature map)의 모든 위치에서 다시 쓰이므로 연산량은 해상도(resolution)와 함께 커지고, 역전파(backpropagation)를 위해 저장하는 **활성값**(activation)도 해상도·배치 크기(batch size)·특성 맵의 채널 수에 따라 커집니다. 08 DenseNet 노트북의 「이어 붙이기의 대가: 메모리」 절에서 본 것처럼, 밀집 블록은 파라미터가 적어도 활성값을 많이 저장합니다. 이 시리즈의 기록에는 메모리를 잰 값이 없으므로, 이 노트북은 파라미터 수를 메모리의 잣대로 쓰지 않습니다.
# * **연산량(FLOPs)/이미지**: 훈련한 해상도에서 이미지 한 장을 한 번 순전파(forward pass)하는 데 드는 부동소수점 연산의 수입니다. 곱셈 하나와 덧셈 하나를 각각 1로 세므로 곱셈-덧셈 한 번은 2입니다. 이 시리즈의 `d2l.count_flops`가 이렇게 세며, 합성곱과 행렬 곱만 세고 활성화 함수·풀링(pooling)·배치 정규화는 세지 않습니다. 해상도를 두 배로 올리면 합성곱의 연산량은 약 네 배가 되지만 파라미터 수는 그대로입니다.
# * **훈련 시간(분)**: `fit` 전체, 곧 모든 에폭의 훈련과 검증에 걸린 시간입니다. 에폭 수, 데이터 크기, 장치, 계산 방법(float32, bf16 등)에 따라 달라지므로 서로 다른 장치의 시간은 비교하지 않습니다. 모델 자체의 빠르기는 아래의 img/s로 봅니다.
# * **img/s**: 훈련 중 1초에 처리한 훈련 이미지 수입니다(검증 시간은 뺍니다). 역전파는 순전파의 약 두 배를 계산하므로, 훈련 한 스텝은 이미지 한 장에 대략 $3 \times$ 연산량이 듭니다. 그래서 $3 \times \text{FLOPs} \times \text{img/s}$는 장치가 실제로 낸 초당 연산량의 어림값(GFLOP/s)입니다. 작은 모델은 층마다의 고정 비용 때문에 이 값이 낮게 나옵니다.
#
# ### 잡음: 얼마나 달라야 "다르다"고 할까
#
# 검증 정확도는 검증 이미지 $n$장에서 맞힌 비율입니다. 같은 분포에서 뽑은 다른 $n$장이었다면 값이 조금 달랐을 것이고, 정확도가 $p$일 때 그 표준오차는 $\sqrt{p(1-p)/n}$입니다. $p = 0.88$, $n = 10{,}000$이면 약 0.003이고, 두 실행을 서로 다른 표본으로 잰다고 보면 차이의 표준오차는 그 $\sqrt{2}$배인 약 0.005입니다.
#
# 이 어림에는 두 방향의 오차가 있습니다. 이 시리즈의 모델은 모두 같은 10,000장으로 재고, 두 모델은 같은 이미지에서 함께 틀리는 경우가 많아 정확도의 차이가 서로 다른 표본으로 잴 때보다 덜 흔들립니다. 그래서 표본의 잡음만 보면 넉넉한 편입니다. 하지만 시드(seed)만 바꿔 다시 훈련해도 생기는 차이는 들어 있지 않습니다(연습문제 6에서 직접 재 봅니다). 또 0.005는 표준오차 **하나**이므로, 0.005를 넘는다고 곧 "확실히 다르다"는 뜻은 아닙니다. 흔히 쓰는 95% 기준이면 그 두 배인 약 0.01을 넘어야 합니다.
#
# 그래서 이 노트북은 **0.005보다 작은 검증 정확도 차이를 잡음 안**으로 보고, 그런 두 실행 가운데 어느 쪽이 더 정확하다고 말하지 않습니다. 0.005와 0.01 사이의 차이는 한 번씩의 실행으로는 확정하지 않고, 같은 실행의 에폭 사이 흔들림이나 다른 실행과 견주어 조심스럽게 읽습니다.
#
# ### 파레토 전선: 어떤 모델이 "더 낫다"는 말
#
# 비용 하나(예: 연산량)와 정확도 하나로 보면, 모델 A가 B보다 **비용이 같거나 적고 정확도가 같거나 높으면**(둘 중 하나는 엄격히) A가 B를 **지배한다**고 합니다. 어떤 모델에게도 지배되지 않는 모델들이 파레토 전선을 이룹니다. 예산이 정해지면 답은 언제나 전선 위에 있습니다. "연산량이 $B$ 이하인 모델 중 가장 정확한 것"은 전선에서 $B$ 왼쪽의 마지막 점입니다. 비용의 종류를 바꾸면(연산량 대신 분) 전선도 바뀝니다.
#
# 전선은 정확도가 0.0001만 높아도 점을 남깁니다. 그래서 전선 위의 점이 바로 앞의 점보다 잡음 안에서만 정확하다면, 비용을 더 쓴 그 점이 "더 낫다"고 읽지 않습니다. 결과 절은 전선의 점마다 그 차이를 함께 출력합니다.
#
# ### 같은 레시피, 같은 예산
#
# 두 모델의 정확도 차이를 구조의 차이로 읽으려면 훈련 방법이 같아야 합니다. 책은 모든 모델을 같은 방법(확률적 경사 하강법(SGD), 고정 학습률, 10에폭)으로 훈련하지만, GPU에서 몇 시간이 걸립니다. 그래서 이 시리즈의 `cpu` 프로필은 모든 모델을 **하나의 훈련 레시피**(training recipe) `d2l.CPU_RECIPE`로 **같은 예산**만큼 훈련합니다.
#
# * **레시피**: AdamW 옵티마이저, 학습률과 AdamW의 β1을 함께 바꾸는 원사이클(one-cycle) 스케줄, 가중치 감쇠 0.05, 레이블 스무딩 0.1. 재료마다 무엇을 하는지와 얼마나 더하는지, 재어 보고 뺀 데이터 증강은 아래 「훈련 레시피」 절에서 다룹니다.
# * **예산**: 8에폭, 배치 크기 128, 최고 학습률 0.002, 시드 0. 데이터는 줄이지 않았습니다. 모든 기준 실행이 Fashion-MNIST 전체(훈련 60,000장<!-- run -->, 검증 10,000장<!-- run -->)를 쓰며, 「모양 확인」 절의 설정 목록 출력이 기록에서 이를 확인합니다.
#
# 01 LeNet 노트북의 본 실행은 책의 방법 그대로(SGD, 고정 학습률 0.1, 10에폭)라서 이 비교에서 빼고, 같은 노트북의 「같은 LeNet, 다른 훈련 방법」 실행을 LeNet의 점으로 씁니다.
#
# 같은 예산이라도 모델마다 다른 것이 있습니다. 2코어 CPU에서 모델마다 4분, 노트북 01~09의 훈련 11개를 합쳐 20분 안에 끝나도록 **해상도와 너비를 모델마다 한 번** 정했고(DenseNet은 블록마다의 단위 수도), 몇 모델은 초기화도 바꿨습니다. AMX(Intel CPU의 행렬 곱 명령어)가 없는 CPU의 시간은 흉내 내어 어림했습니다(README의 「벤치마크」 절). 책의 설정(`book` 프로필)과 비교하면 다음과 같습니다(정확한 값은 각 노트북 훈련 절의 `profile_settings` 셀에 있습니다).
#
# | 노트북 | 해상도(px), 책 → `cpu` | 모델 | 초기화, 책 → `cpu` |
# |---|---|---|---|
# | 01 LeNet | 28 → 28 | 같음 | Xavier, 같음 |
# | 02 AlexNet | 224 → 32 | 채널과 은닉층 너비를 줄이고 첫 합성곱을 $11 \times 11$, 스트라이드 4에서 $5 \times 5$, 스트라이드 2로 | PyTorch 기본 → He |
# | 03 VGG | 224 → 32 | 합성곱 채널 $1/2$, 은닉층 4096 → 512 (`SlimVGG`) | Xavier, 같음 |
# | 04 NiN | 224 → 67 | 채널 $1/4$ (`NarrowNiN`) | Xavier → He |
# | 05 GoogLeNet | 96 → 28 | 채널 $1/4$ (`NarrowGoogleNet`) | Xavier → He |
# | 06 배치 정규화 | 28 → 28 | 같음 | Xavier, 같음 |
# | 07 ResNet | 96 → 28 | ResNet-18(단계 4개 × 잔차 블록 2개) → 단계 2개 × 잔차 블록 1개 | Xavier, 같음 |
# | 08 DenseNet | 96 → 32 | 스템 채널 64 → 32, 성장률 32 → 16, 블록마다 단위 4 → 3 | PyTorch 기본 → Xavier |
# | 09 RegNet | 96 → 24 | 같음 (`RegNetX32`) | PyTorch 기본 → Xavier |
#
# 그래서 아래의 순위는 "같은 레시피로 같은 에폭만큼 훈련했을 때, 이 크기로 줄인 모델들의 순위"입니다. 에폭이 같아도 걸린 시간과 연산량은 모델마다 다르므로 비용 축을 함께 봅니다. 해상도가 다르다는 점(24~67px)도 남은 차이입니다. 해상도를 올리면 같은 구조도 더 정확해질 수 있고, 그만큼 비용도 늘어납니다.
#
# **책의 값**은 각 노트북이 기록에 함께 적은, 책의 그래프에서 읽은 10에폭 뒤 검증 정확도입니다. GPU가 있어 노트북을 `book` 프로필로 실행하면 책의 설정을 따르므로, 그 기록은 책의 값에 잡음 정도로 가까울 것으로 기대합니다.
#
# ### 1998 → 2020: 아이디어의 연표
#
# | 해 | 구조 | 더한 아이디어 | 노트북 |
# |---|---|---|---|
# | 1998 | LeNet | 합성곱과 풀링을 번갈아 쌓은 **깊이** | 01 |
# | 2012 | AlexNet | 더 깊고 넓은 망, ReLU, 드롭아웃(dropout), GPU 훈련 | 02 |
# | 2014 | NiN | 위치마다 완전 연결 층처럼 동작하는 **$1 \times 1$ 합성곱**, 전역 평균 풀링(global average pooling) | 04 |
# | 2015 | VGG | 같은 모양을 되풀이하는 **블록**(block) | 03 |
# | 2015 | GoogLeNet | 크기가 다른 합성곱을 나란히 두는 **분기**(branch)와 $1 \times 1$ 병목(bottleneck) | 05 |
# | 2015 | 배치 정규화 | 층 사이 신호의 **정규화** | 06 |
# | 2016 | ResNet | 입력을 그대로 더하는 **숏컷 연결**(shortcut connection) | 07 |
# | 2017 | ResNeXt | 그룹 합성곱(grouped convolution)으로 나눈 여러 갈래 | 07 (기록은 ResNeXt 블록으로 만든 09의 RegNetX-32가 대신합니다) |
# | 2017 | DenseNet | 앞의 모든 출력을 이어 붙이는 **밀집 연결** | 08 |
# | 2020 | RegNet | 구조 하나 대신 **설계 공간**(design space)을 찾기 | 09 |
#
# 해는 모두 논문이 학회나 학술지에 실린 해입니다. NiN, VGG, GoogLeNet, ResNet, ResNeXt, DenseNet은 그 전해에 arXiv에 먼저 공개되었으므로, 공개한 해로 인용하는 글(04 NiN 노트북의 Lin, Chen, Yan(2013) 등)과는 한 해가 다를 수 있습니다. 노트북 번호는 책의 절 순서를 따르므로 VGG(03)가 NiN(04)보다 앞섭니다. 결과 절에서 각 행을 기록된 점 하나와 이어 봅니다.

# %% [markdown]
# ## 구현
#
# ### 어느 결과를 읽을까
#
# 두 곳에서 읽습니다.
#
# * **기준 실행**: `d2l.reference_results('cpu')`가 패키지 안에서 읽으므로 어디서 열어도 언제나 있고, 어디서 열어도 같습니다. `origin` 열(예: `기준 실행 (cpu, Intel(R) Xeon(R) Processor)`)과 `device` 열(GPU 이름 또는 `CPU`)이 붙어 있습니다.
# * **직접 실행**: 이 노트북 옆의 `results/<프로필>/`에 앞 노트북들이 남긴 기록을 `d2l.load_results(profile)`로 읽습니다. 이 노트북은 비교할 모델을 훈련하지 않으므로, 프로필은 어느 프로필의 직접 실행을 함께 보여 줄지만 정합니다. `cpu`와 `book`에서는 두 프로필의 기록을 모두, `smoke`에서는 (노트북이 끝까지 도는지만 보는 몇 초짜리) `smoke` 기록을 봅니다. 저장소의 notebooks/ 폴더에서 열면 `results/cpu/`의 기록이 기준 실행과 똑같으므로, 똑같은 실행은 기준 실행으로 한 번만 보입니다.
#
# 직접 실행은 그림과 표에서 이름 뒤에 `[book]`처럼 프로필을 붙이고, 범례에 프로필과 장치를 적습니다. Colab처럼 이 노트북만 따로 열었다면 직접 실행은 없고 기준 실행만 보입니다. Colab은 노트북마다 런타임이 따로라, 다른 노트북에서 남긴 기록을 이 노트북이 읽지 못하기 때문입니다.

# %%
import math
import textwrap

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

import torch

import d2lmini as d2l

cfg = d2l.profile_settings(book=dict(own=('book', 'cpu')), cpu=dict(own=('cpu', 'book')),
                           smoke=dict(own=('smoke',)))

# %% [markdown]
# ### 시리즈의 목록
#
# 훈련 절이 있는 노트북 아홉 개와 연표의 각 행을 적어 둡니다. `label`은 그 노트북이 `record_run`에 준 이름에서 찾을 글자이고, 빈 칸이면 그 노트북의 첫 실행을 씁니다. ResNeXt 행은 따로 기록된 실행이 없으므로 노트북을 비워 두고, ResNeXt 블록으로 만든 RegNet 행이 그 점을 맡습니다. 영어 열(`name_en`, `idea_en`)은 한글 글꼴이 없는 환경(Colab 등)에서 그림에 씁니다.

# %%
SERIES = ['01_lenet', '02_alexnet', '03_vgg', '04_nin', '05_googlenet', '06_batch_norm',
          '07_resnet', '08_densenet', '09_cnn_design']

TIMELINE = pd.DataFrame([
    (1998, 'LeNet', 'LeNet', '합성곱 + 풀링', 'conv + pooling', '01_lenet', 'cpu 레시피'),
    (2012, 'AlexNet', 'AlexNet', 'ReLU, 드롭아웃', 'ReLU, dropout', '02_alexnet', None),
    (2014, 'NiN', 'NiN', '1×1 합성곱', '1×1 conv', '04_nin', None),
    (2015, 'VGG', 'VGG', '반복 블록', 'repeated blocks', '03_vgg', None),
    (2015, 'GoogLeNet', 'GoogLeNet', '분기', 'branches', '05_googlenet', None),
    (2015, '배치 정규화', 'batch norm', '층 사이 정규화', 'normalization', '06_batch_norm', '간결'),
    (2016, 'ResNet', 'ResNet', '숏컷 연결', 'shortcuts', '07_resnet', 'ResNet'),
    (2017, 'ResNeXt', 'ResNeXt', '그룹 합성곱', 'grouped conv', None, None),
    (2017, 'DenseNet', 'DenseNet', '밀집 연결', 'dense connections', '08_densenet', None),
    (2020, 'RegNet', 'RegNet', '설계 공간, ResNeXt 블록', 'design space, ResNeXt blocks',
     '09_cnn_design', None),
], columns=['year', 'name_ko', 'name_en', 'idea_ko', 'idea_en', 'notebook', 'label'])

# %% [markdown]
# ### 기록 불러오기
#
# `d2l.compare_runs`는 기준 실행과 직접 실행을 한 표로 모으고, 직접 실행에서 기록이 빠진 노트북이 있으면 어느 노트북을 어떤 프로필로 실행하면 되는지 알려 줍니다. 기준 실행에서는 같은 레시피와 같은 예산으로 훈련한 모델 실행만 남기고(`d2l.same_budget`), 책의 방법으로 훈련한 실행과 「훈련 레시피」 절의 재료별 실행(이름이 `d2l.ABLATION_PREFIX`로 시작)은 몇 개를 뺐는지만 알립니다. 직접 실행 가운데 기준 실행과 모든 값이 같은 실행은 기준 실행으로 한 번만 둡니다. 몇 가지 열을 더합니다.
#
# * `tag`: 그림에 붙일 짧은 이름(노트북 번호와 `label`). 한글이 든 `label`은 한글 글꼴이 없으면 모델 클래스 이름으로 바꾸고, 직접 실행에는 `[book]`처럼 프로필을 붙입니다.
# * `where`: 범례에 쓸 출처(`origin`)의 그림용 글자입니다.
# * `own`: 직접 실행인지 여부입니다. 그림에서 직접 실행은 속이 빈 점입니다.
# * `gflops_per_s`: 훈련 중 장치가 낸 초당 연산량의 어림값 $3 \times \text{FLOPs} \times \text{img/s} / 10^9$입니다.

# %%
shipped_runs = d2l.reference_results('cpu')  # 패키지와 함께 오는 기준 실행: 언제나 있습니다
reference = d2l.same_budget(shipped_runs)  # cpu 레시피로 같은 예산만큼 훈련한 모델 실행
ablation = shipped_runs[shipped_runs['label'].str.startswith(d2l.ABLATION_PREFIX)]  # 재료별 실행

# 기준 실행 옆에, 프로필마다 직접 실행(d2l.load_results(profile)로 읽는 기록)을 더합니다.
runs = d2l.compare_runs(cfg.own, SERIES)
ORIGINS = list(dict.fromkeys(runs['origin']))  # 기준 실행이 먼저

# %% [markdown]
# ### 잡음과 파레토 전선
#
# `d2l.pareto_front`는 비용이 작은 것부터 훑으며, 지금까지 본 것보다 정확도가 높은 실행만 남깁니다(비용이 같으면 정확도가 높은 쪽을 먼저 봅니다). `front_steps`는 그 전선을 한 줄로 적되, 점마다 마지막으로 잡음을 넘어선 점보다 정확도가 얼마나 높은지 붙이고 `NOISE`보다 작으면 "잡음 안"이라고 적습니다. 전선은 출처(`origin`)마다 따로 구합니다. 장치와 설정이 다른 실행을 한 전선에 올리면 비용 축의 뜻이 달라지기 때문입니다.

# %%
NOISE = 0.005  # 이보다 작은 검증 정확도 차이는 잡음 안으로 봅니다(개념 절)


def front_steps(runs, cost):
    """전선을 '이름 정확도 (+차이)' 한 줄로: 차이는 마지막으로 잡음을 넘은 점에서 잽니다."""
    parts, anchor = [], None
    for run in d2l.pareto_front(runs, cost).itertuples():
        text = f'{run.tag} {run.val_acc:.4f}'
        if anchor is not None:
            gain = run.val_acc - anchor.val_acc
            text += f' ({anchor.tag}보다 +{gain:.4f}' + (': 잡음 안)' if gain < NOISE else ')')
        if anchor is None or run.val_acc - anchor.val_acc >= NOISE:
            anchor = run
        parts.append(text)
    return ' → '.join(parts) or '없음'


# %% [markdown]
# ### 그림 하나 그리기
#
# 모든 산점도가 같은 함수를 씁니다. 실행마다 점 하나와 이름을 두고(출처마다 색과 모양이 다르고, 직접 실행은 속이 빈 점입니다), 출처마다 파레토 전선을 점선으로 잇고, 가장 높은 정확도에서 `NOISE`만큼 아래까지를 옅은 띠로 칠합니다. 띠 안의 점들은 가장 정확한 점과 구별되지 않습니다. 이름은 `d2l.label_points`가 이미 붙인 이름이나 점과 겹치지 않는 자리를 골라 붙입니다. 결과가 하나도 없을 때도 그림 한 장을 그려 그렇다고 적습니다.

# %%
AXES = {  # 열 이름: (축 이름, 로그 축인가)
    'flops': (d2l.label('이미지 한 장의 연산량(FLOPs)', 'FLOPs per image'), True),
    'params': (d2l.label('파라미터 수', 'parameters'), True),
    'minutes': (d2l.label('훈련 시간(분)', 'training minutes'), False),
    'img_per_s': (d2l.label('초당 훈련 이미지 수', 'training images per second'), True),
    'gflops_per_s': (d2l.label('훈련 중 GFLOP/s(추정)', 'achieved GFLOP/s (estimate)'), False),
    'val_acc': (d2l.label('검증 정확도', 'validation accuracy'), False),
    'book_figure': (d2l.label('책의 값', "book's accuracy"), False),
    'epochs': (d2l.label('에폭', 'epochs'), False),
    'resize': (d2l.label('해상도(px)', 'resolution (px)'), False),
}
STYLE = [dict(marker='o', color='tab:blue'), dict(marker='s', color='tab:orange'),
         dict(marker='^', color='tab:green'), dict(marker='D', color='tab:red')]
NOISE_BAND = d2l.label('가장 높은 값에서 0.005 안', 'within 0.005 of the best')


def style_of(origin):
    return STYLE[ORIGINS.index(origin) % len(STYLE)]


def marks_of(origin, own):
    """점의 모양: 기준 실행은 속이 찬 점, 직접 실행은 속이 빈 점."""
    style = style_of(origin)
    if own:
        return dict(marker=style['marker'], facecolors='none', edgecolors=style['color'])
    return style


def numeric(column):
    return pd.to_numeric(column, errors='coerce')  # '그림 없음' 같은 글자는 빈 값으로


def scatter(ax, runs, x, y='val_acc', front=True):
    ax.set_xlabel(AXES[x][0])
    ax.set_ylabel(AXES[y][0])
    if AXES[x][1]:
        ax.set_xscale('log')
    if AXES[y][1]:
        ax.set_yscale('log')
    points = runs.assign(**{x: numeric(runs[x]), y: numeric(runs[y])}).dropna(subset=[x, y])
    if points.empty:
        ax.text(0.5, 0.5, d2l.label('기록된 실행이 없습니다', 'no recorded runs'),
                ha='center', va='center', transform=ax.transAxes)
        return
    for origin, group in points.groupby('origin', sort=False):
        style = style_of(origin)
        ax.scatter(group[x], group[y], s=30, label=group['where'].iloc[0],
                   **marks_of(origin, group['own'].iloc[0]))
        if y == 'val_acc' and x != 'val_acc':
            best = group['val_acc'].max()
            ax.axhspan(best - NOISE, best, color=style['color'], alpha=0.1, lw=0,
                       label=NOISE_BAND if origin == ORIGINS[0] else None)
            if front and x != 'img_per_s':  # img/s는 클수록 좋으므로 전선을 긋지 않습니다
                line = d2l.pareto_front(group, x)
                ax.plot(line[x], line[y], ':', color=style['color'], lw=1,
                        drawstyle='steps-post')
    ax.grid(alpha=0.3)
    ax.legend(loc='best', fontsize=8)
    ax.figure.tight_layout()
    d2l.label_points(ax, points[x], points[y], points['tag'])


# %% [markdown]
# ## 모양 확인
#
# 먼저 기준 실행이 어떤 모양인지 봅니다. 실행마다 노트북, 이름, 모델 클래스, 파라미터 수, 입력 해상도를 적습니다. 기준 실행은 패키지에 들어 있으므로 이 출력은 프로필이나 장치에 따라 바뀌지 않고, 파라미터 수는 모델 구조와 설정만으로 정해지므로 다시 훈련해도 바뀌지 않습니다.

# %%
# NBVAL_CHECK_OUTPUT
print(f'실행 {len(reference)}개, 열 {len(reference.columns)}개')
for run in reference.itertuples():
    print(f'{run.notebook} · {run.label} ({run.model}): 파라미터 {run.params:,}개, '
          f'입력 {run.resize}px')

# %% [markdown]
# 다음은 실행마다의 설정 전체입니다. 설정 요약은 README의 결과 표와 같은 방식(`d2l.settings_summary`)으로 만들고, 길어도 자르지 않고 줄을 바꿔 씁니다. 출처마다 데이터의 크기도 기록에서 읽어 적습니다. 요약 끝의 `bf16`이나 `bf16 + channels_last`는 라이브러리가 그 CPU에서 스텝 몇 개를 재어 모델마다 고른 계산 방법이고, float32이면 적지 않습니다. 그래서 훈련 시간과 img/s에는 모델의 구조뿐 아니라 이 선택도 들어 있습니다.

# %%
def count_text(value):
    return f'{int(value):,}' if pd.notna(value) else '?'


for origin, group in runs.groupby('origin', sort=False):
    sizes = sorted({(count_text(t), count_text(v))
                    for t, v in zip(group['train_size'], group['val_size'])})
    print(f'[{origin}] 데이터: ' + ', '.join(f'훈련 {t}장 · 검증 {v}장' for t, v in sizes))
    for run in group.itertuples():
        line = f'{run.tag}: {d2l.settings_summary(run.settings, run.resize)}'
        print(textwrap.fill(line, width=100, initial_indent='  ', subsequent_indent='      '))

# %% [markdown]
# 다음은 비교의 바탕이 되는 숫자 표입니다. 해상도와 에폭은 설정에서 가장 크게 달라지는 두 가지라 숫자 옆에 다시 둡니다.

# %%
table = pd.DataFrame({
    '노트북': runs['notebook'],
    '모델': runs['label'],
    '출처': runs['origin'],
    '해상도(px)': runs['resize'],
    '에폭': runs['epochs'],
    '파라미터': runs['params'],
    '연산량(MFLOPs)': (runs['flops'] / 1e6).round(2),
    '훈련 시간(분)': runs['minutes'],   # 기록에 적힌 값(소수 둘째 자리) 그대로
    'img/s': runs['img_per_s'],
    'GFLOP/s(추정)': runs['gflops_per_s'].round(1),
    '검증 정확도': runs['val_acc'].round(3),
    '책의 값': runs['book_figure'],
})
table

# %% [markdown]
# ## 인터랙티브
#
# ### (가) 축과 모델을 골라 산점도 그리기
#
# 가로축과 세로축에 쓸 값을 고르고, 보고 싶은 실행만 남겨 보세요(Ctrl 또는 ⌘를 누른 채 클릭하면 여러 개를 고를 수 있습니다). 세로축이 검증 정확도이면 점선이 그 가로축 비용에 대한 출처별 파레토 전선이고, 옅은 띠는 가장 높은 정확도에서 잡음(0.005)만큼 아래까지입니다. 실행을 빼면 전선이 어떻게 바뀌는지도 보세요.

# %%
def show_scatter(x, y, models):
    fig, ax = plt.subplots(figsize=(7.5, 4.5))
    ax.set_title(d2l.label(f'실행 {len(models)}개', f'{len(models)} runs'), fontsize=10)
    scatter(ax, runs[runs['tag'].isin(models)], x, y)


axis_choices = [(AXES[key][0], key) for key in AXES]
d2l.interact(
    show_scatter,
    x=widgets.Dropdown(options=axis_choices, value='flops', description='가로축'),
    y=widgets.Dropdown(options=axis_choices, value='val_acc', description='세로축'),
    models=widgets.SelectMultiple(options=list(runs['tag']), value=list(runs['tag']),
                                  rows=min(10, max(2, len(runs))), description='실행'))

# %% [markdown]
# ### (나) 예산이 정해졌을 때 가장 좋은 모델
#
# 출처 하나를 고르고, 이미지 한 장의 연산량 상한(MFLOPs, 로그 슬라이더)과 훈련 시간 상한(분)을 정하면, 두 예산을 모두 지키는 실행 가운데 검증 정확도가 가장 높은 것을 고릅니다. 그 실행과 잡음 안(0.005 안)에 있어 구별되지 않는 실행도 함께 적습니다. 회색 점은 예산을 넘은 실행이고, 빨간 선은 상한입니다. 예산을 조금씩 줄이며 답이 바뀌는 지점을 찾아보세요. 그 지점들이 바로 파레토 전선의 점입니다.

# %%
def best_under_budget(origin, max_mflops, max_minutes):
    pool = runs[runs['origin'] == origin].dropna(subset=['val_acc'])
    inside = pool[(pool['flops'] <= max_mflops * 1e6) & (pool['minutes'] <= max_minutes)]
    budget = f'연산량 ≤ {max_mflops:,.1f}M, 시간 ≤ {max_minutes:.1f}분'
    if inside.empty:
        print(f'[{origin}] {budget}: 예산 안에 드는 실행이 없습니다.')
    else:
        best = inside.loc[inside['val_acc'].idxmax()]
        ties = inside[(inside['val_acc'] > best['val_acc'] - NOISE) & (inside.index != best.name)]
        print(f'[{origin}] {budget}: {best["tag"]} — 검증 정확도 {best["val_acc"]:.4f}, '
              f'연산량 {best["flops"] / 1e6:,.2f}M, {best["minutes"]:.1f}분 '
              f'(예산 안의 실행 {len(inside)}개 중)')
        if len(ties):
            print('  잡음 안이라 구별되지 않는 실행: '
                  + ', '.join(f'{t.tag} {t.val_acc:.4f}' for t in ties.itertuples()))
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for ax, cost, limit in ((axes[0], 'flops', max_mflops * 1e6), (axes[1], 'minutes', max_minutes)):
        scatter(ax, pool, cost, front=False)
        out = pool[~pool.index.isin(inside.index)]
        ax.scatter(out[cost], out['val_acc'], s=30, color='0.75', zorder=3)
        low, high = ax.get_xlim()
        if low <= limit <= high:  # 상한이 그림 밖이면 선을 긋지 않습니다(축 범위를 지킵니다)
            ax.axvline(limit, color='tab:red', lw=1)
        ax.set_xlim(low, high)
        if not inside.empty:
            ax.scatter([best[cost]], [best['val_acc']], s=120, facecolors='none',
                       edgecolors='tab:red', zorder=4)


top_mflops = math.ceil(math.log10(max(runs['flops'].max() / 1e6, 1)) + 0.5)
top_minutes = max(1, math.ceil(runs['minutes'].max()))
d2l.interact(
    best_under_budget,
    origin=widgets.Dropdown(options=ORIGINS, value=ORIGINS[0], description='출처'),
    max_mflops=widgets.FloatLogSlider(value=10 ** top_mflops, base=10, min=-1, max=top_mflops,
                                      step=0.05, description='MFLOPs ≤', readout_format='.3g'),
    max_minutes=widgets.FloatSlider(value=top_minutes, min=0.1, max=top_minutes, step=0.1,
                                    description='분 ≤'))

# %% [markdown]
# ### (다) 데이터 증강 들여다보기
#
# 레시피의 재료 가운데 데이터 증강(`augment=True`)은 훈련 미니배치의 이미지마다 가장자리를 `pad` 픽셀만큼 0(검은색)으로 채운 뒤 원래 크기로 무작위 위치에서 잘라 내고, 절반은 좌우로 뒤집습니다(`d2l.augment_batch`, 레시피는 `pad=2`). 윗줄이 원래 이미지, 아랫줄이 증강한 이미지입니다. `pad`를 키우며 옷이 어디까지 잘려 나가는지, 시드를 바꾸며 같은 이미지가 에폭마다 어떻게 달라지는지 보세요. 검증 이미지는 증강하지 않습니다. `cpu` 레시피는 이 재료를 쓰지 않는데, 그 까닭은 「훈련 레시피」 절의 표에 있습니다.

# %%
augment_data = d2l.FashionMNIST(batch_size=8, limit=(8, 8))


def show_augmentation(pad, seed):
    images = augment_data.train.images[:8]
    augmented = d2l.augment_batch(images, torch.Generator().manual_seed(seed), pad=pad)
    fig, axes = plt.subplots(2, 8, figsize=(11, 3))
    for column, (before, after) in enumerate(zip(images, augmented)):
        for row, image in enumerate((before, after)):
            axes[row, column].imshow(image[0].numpy(), cmap='gray', vmin=0, vmax=255)
            axes[row, column].axis('off')
    axes[0, 0].set_title(d2l.label('원래', 'original'), fontsize=9, loc='left')
    axes[1, 0].set_title(d2l.label(f'증강 (pad={pad})', f'augmented (pad={pad})'), fontsize=9,
                         loc='left')
    fig.tight_layout()
    plt.show()


d2l.interact(show_augmentation,
             pad=widgets.IntSlider(value=2, min=0, max=8, description='pad'),
             seed=widgets.IntSlider(value=0, min=0, max=20, description='시드'))

# %% [markdown]
# ## 훈련
#
# 비교할 모델은 이 노트북에서 다시 훈련하지 않습니다. 각 노트북의 훈련 절이 `fit`을 마친 뒤 `record_run`으로 남긴 에폭별 기록을 다시 그립니다. 왼쪽은 에폭마다, 오른쪽은 **걸린 시간**마다 검증 정확도를 그린 것입니다(직접 실행은 점선). 같은 곡선이라도 시간 축으로 옮기면 어느 모델이 "빨리 배우는지"가 다르게 보입니다. 시간은 장치마다 다르므로 오른쪽 그림에서는 같은 출처의 곡선끼리만 비교하세요. 직접 실행에서 기록이 빠진 노트북이 있으면 위 **구현** 절의 출력이 어느 노트북을 실행하면 되는지 알려 줍니다.

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
for run in runs.itertuples():
    history = pd.DataFrame(run.history)
    if history.empty or 'val_acc' not in history:
        continue
    minutes = history['seconds'].cumsum() / 60
    dash = '--' if run.own else '-'
    line, = axes[0].plot(history['epoch'], history['val_acc'], dash, marker='o', ms=3,
                         label=run.tag)
    axes[1].plot(minutes, history['val_acc'], dash, marker='o', ms=3, color=line.get_color())
axes[0].set_xlabel(d2l.label('에폭', 'epoch'))
axes[1].set_xlabel(d2l.label('fit 시작 뒤 시간(분)', 'minutes since fit started'))
for ax in axes:
    ax.set_ylabel(AXES['val_acc'][0])
    ax.grid(alpha=0.3)
if len(runs):
    axes[0].legend(fontsize=8, ncol=2)
else:
    axes[0].text(0.5, 0.5, d2l.label('기록된 실행이 없습니다', 'no recorded runs'), ha='center',
                 transform=axes[0].transAxes)
fig.tight_layout()
plt.show()

# %% [markdown]
# ### 훈련 레시피
#
# 지금까지의 비교는 훈련 방법을 고정하고 구조를 바꿨습니다. 이 절은 거꾸로 구조를 고정하고 훈련 방법만 바꿉니다. 모델 구조 밖에서 정하는 훈련 방법 전체(옵티마이저, 학습률 스케줄, 규제, 데이터 증강, 손실)를 **훈련 레시피**라고 부릅니다. 02~09 노트북의 `cpu` 프로필은 모든 모델을 같은 레시피 `d2l.CPU_RECIPE`로 훈련하고, 그 레시피의 설명은 이 절에 모아 두었습니다. 재료 다섯 가지를 재어 보았고, 그 가운데 앞의 네 가지를 씁니다.
#
# * **AdamW**(Loshchilov, Hutter, 2019): Adam은 파라미터마다 최근 기울기(gradient) 크기로 걸음을 나누므로, 층마다 기울기의 크기가 크게 달라도 모든 층이 비슷한 속도로 배웁니다. 기울기의 이동 평균(모멘텀)이 얼마나 오래 남는지는 β1이 정합니다(기본값 0.9). AdamW는 가중치 감쇠를 기울기에 섞지 않고 업데이트에서 따로 빼므로, 적응형 옵티마이저에서도 감쇠가 뜻한 크기대로 걸립니다.
# * **원사이클 스케줄**(Smith, 2018): 한 번의 훈련에 걸쳐 학습률과 β1을 함께 바꿉니다. 전체 스텝의 처음 4분의 1 동안(**워밍업**) 학습률을 최고값의 $1/25$에서 최고값 0.002까지 올리고, 나머지 동안 코사인 모양으로 거의 0까지 내립니다. 그동안 AdamW의 β1은 거꾸로 0.95에서 0.85까지 내려갔다가 0.95로 돌아옵니다. 학습률이 클 때 모멘텀을 줄여 두 가지가 한꺼번에 걸음을 키우지 않게 하는 것이 Smith의 방법이고, PyTorch의 `OneCycleLR`도 기본으로 이렇게 합니다. 모멘텀이 있는 SGD라면 설정한 모멘텀에서 0.1만큼 내렸다 되돌리고, 모멘텀이 없는 SGD(책의 방법)에는 d2lmini가 모멘텀을 더하지 않아 학습률만 바뀝니다.
# * **가중치 감쇠** 0.05: 합성곱과 완전 연결 층의 가중치를 매 스텝 조금씩 0 쪽으로 당깁니다. 편향과 배치 정규화의 $\gamma$, $\beta$에는 걸지 않습니다. 이 파라미터들은 값의 위치와 크기를 정하는 것이라 0으로 당길 까닭이 없기 때문입니다(T. He 등, 2019, *Bag of Tricks*).
# * **레이블 스무딩**(Szegedy 등, 2016): 정답 클래스의 목표 확률을 1 대신 $1 - 0.1 + 0.1/10 = 0.91$로, 나머지 아홉 클래스에 $0.01$씩 나눠 줍니다. 정답의 로짓만 끝없이 키우면 나머지 클래스의 확률이 0으로 가면서 손실이 오히려 커지므로, 모델이 지나치게 확신하지 않습니다. 그래서 훈련 손실은 목표 분포의 엔트로피인 약 0.50 아래로 내려가지 않습니다. 검증 손실은 스무딩 없는 교차 엔트로피로 잽니다.
# * **데이터 증강**(`cpu` 레시피에서는 뺌): 훈련 미니배치의 이미지마다 가장자리를 2픽셀 채워 무작위 위치에서 원래 크기로 자르고, 절반은 좌우로 뒤집습니다(인터랙티브 (다)). 모델이 에폭마다 조금씩 다른 이미지를 보므로 훈련 이미지 6만 장을 그대로 외우기 어려워집니다. 아래 표에서 이 예산에는 맞지 않아 뺐습니다.
#
# 아래 그림은 `cpu` 예산(8에폭, 에폭마다 미니배치 469개)에서 원사이클이 정하는 학습률(왼쪽)과 AdamW의 β1(오른쪽)입니다. 학습률이 가장 큰 2에폭 끝(점선)에서 β1이 가장 작다는 것을 보세요.

# %%
d2l.plot_one_cycle(max_lr=0.002, total_steps=8 * 469)

# %% [markdown]
# **표가 재는 것.** 07 ResNet 노트북의 `cpu` 모델(`ResNet(arch=((1, 64), (1, 128)))`, 28px)을 `cpu` 예산(8에폭, 배치 크기 128, 시드 0)으로 여섯 번 훈련한 기록입니다. 첫 줄은 책의 방법(모멘텀 없는 SGD, 책이 ResNet에 쓴 고정 학습률 0.01)이고, 한 줄 내려갈 때마다 바로 윗줄에 재료 하나를 더합니다. 다섯째 줄이 `d2l.CPU_RECIPE`이고, 마지막 줄은 거기에 데이터 증강을 더한 것입니다. 그러니 한 줄의 차이는 "앞 줄의 재료가 모두 있을 때 이 재료가 더한 것"이고, 더하는 순서를 바꾸면 줄마다의 차이도 달라질 수 있습니다(연습문제 10).
#
# 줄마다 실행은 **한 번**뿐입니다. 그래서 표는 차이를 개념 절의 기준으로 셋으로 나누고(0.005 안, 0.005~0.01, 0.01 넘음), 마지막 세 에폭의 검증 정확도와 그 폭을 함께 적습니다. 폭은 한 실행이 끝 무렵에 저절로 오르내린 크기라서, 그보다 작은 차이는 한 번의 실행으로 확정하기 어렵습니다.
#
# `make ablation`(`benchmarks/recipe_ablation.py`)이 2코어 CPU에서 훈련해 기록했고(여섯 실행의 훈련 시간을 더하면 16분 남짓입니다), 이 노트북은 그 기록을 읽기만 합니다. 이 여섯 실행은 모두 float32로 훈련했으므로, 표의 훈련 시간은 bf16 등으로 훈련한 기준 실행의 시간(예: 07 ResNet 노트북의 실행)과 견주지 않습니다.

# %%
steps = ablation.reset_index(drop=True)
gain = steps['val_acc'].diff()
# 줄 이름은 기록의 이름에서 앞부분을 떼어 씁니다. 원사이클 줄은 함께 바뀌는 두 가지를 적습니다.
ROW_NAMES = {'one-cycle': '+ 원사이클 (학습률과 AdamW의 β1)'}
names = [ROW_NAMES.get(s['recipe']['name'], label.removeprefix(d2l.ABLATION_PREFIX))
         for label, s in zip(steps['label'], steps['settings'])]


def size_of(difference):
    """앞 줄과의 차이를 개념 절의 기준(0.005는 표준오차 하나, 0.01은 둘)으로 나눕니다."""
    if pd.isna(difference):
        return ''
    return '0.005 안' if abs(difference) < NOISE else ('0.005~0.01' if abs(difference) < 2 * NOISE
                                                        else '0.01 넘음')


last_three = [[h['val_acc'] for h in history[-3:]] for history in steps['history']]
recipe_table = pd.DataFrame({
    '실행 (앞 줄에 재료 하나씩 더함)': names,
    '옵티마이저': [s['recipe']['optimizer'] for s in steps['settings']],
    '(최고) 학습률': [s['lr'] for s in steps['settings']],
    '검증 정확도': steps['val_acc'].round(4),
    '앞 줄보다': gain.round(4).astype(object).where(gain.notna(), '—'),   # 첫 줄은 비교할 앞 줄이 없음
    '차이의 크기(한 번씩의 실행)': [size_of(g) for g in gain],
    '마지막 세 에폭의 검증 정확도': [', '.join(f'{v:.4f}' for v in three) for three in last_three],
    '그 폭': [round(max(three) - min(three), 4) for three in last_three],
    '마지막 훈련 손실': [h[-1]['train_loss'] for h in steps['history']],
    '마지막 검증 손실': [h[-1]['val_loss'] for h in steps['history']],
    '훈련 시간(분)': steps['minutes'],
})
display(recipe_table)
cpu_row = steps[[d2l.recipe_name(s) == 'cpu' for s in steps['settings']]]
if len(steps) and len(cpu_row):
    start, recipe_acc = steps['val_acc'].iloc[0], cpu_row['val_acc'].iloc[0]
    print(f'책의 방법 {start:.4f} → cpu 레시피 {recipe_acc:.4f}: {recipe_acc - start:+.4f} '
          '(같은 모델, 같은 8에폭, 한 번씩의 실행)')
    resnet = reference[reference['notebook'] == '07_resnet']
    if len(resnet):
        print(f"07 ResNet 노트북의 기준 실행(같은 모델, 같은 레시피): {resnet['val_acc'].iloc[0]:.4f}")

fig, ax = plt.subplots(figsize=(8, 4))
for k, run in enumerate(steps.itertuples()):
    history = pd.DataFrame(run.history)
    ax.plot(history['epoch'], history['val_acc'], marker='o', ms=3,
            label=d2l.label(names[k], f'step {k}'))
ax.set_xlabel(d2l.label('에폭', 'epoch'))
ax.set_ylabel(AXES['val_acc'][0])
ax.grid(alpha=0.3)
if len(steps):
    ax.legend(fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# **표 읽기.** 2코어 CPU에서 진짜 Fashion-MNIST로 잰 기록입니다.
#
# * **첫 단계의 차이가 가장 큽니다.** 책의 방법으로 0.8705<!-- run -->였던 검증 정확도가 둘째 줄에서 0.9096<!-- run -->이 되었습니다. 이 줄은 옵티마이저(모멘텀 없는 SGD → AdamW)와 학습률(0.01 → 0.002)을 **함께** 바꿨으므로, 이 표로는 두 가지의 몫을 나눌 수 없습니다. 또 모멘텀 없는 SGD는 책의 방법일 뿐, SGD를 제대로 쓰는 방법(모멘텀 0.9와 그에 맞춘 학습률)보다 약한 기준입니다(연습문제 11). 책의 방법은 마지막 세 에폭 동안 0.863<!-- run -->과 0.881<!-- run --> 사이를 오르내렸으므로, 이 예산에서는 아직 자리를 잡지 못한 것으로 보입니다.
# * **원사이클 줄의 +0.0079<!-- run -->는 한 번의 실행으로 확정할 수 없습니다.** 0.005보다는 크지만, 바로 윗줄의 고정 학습률 실행이 마지막 세 에폭 동안에만 0.0086<!-- run -->만큼 오르내렸습니다. 아래의 작은 LeNet 실행에서는 같은 재료가 오히려 정확도를 낮췄습니다. 이 줄은 학습률 스케줄과 AdamW의 β1을 함께 바꾸므로, 차이가 있더라도 둘 중 어느 쪽의 몫인지는 이 표로 알 수 없습니다. 이 표가 분명히 보여 주는 것은 마지막 훈련 손실이 0.171<!-- run 0.1709 -->에서 0.106<!-- run 0.1056 -->으로 줄었다는 것까지입니다.
# * **가중치 감쇠**(+0.0026<!-- run -->)와 **레이블 스무딩**(+0.0028<!-- run -->)은 각각 0.005 안입니다. 이 표만으로는 두 재료가 정확도를 올렸다고 말할 수 없고, 떨어뜨렸다는 근거도 없습니다. 두 재료는 더 긴 훈련에서 과대적합과 지나친 확신을 누르는 재료라서(T. He 등, 2019) 레시피에 남겼습니다.
# * **레이블 스무딩을 쓰면 검증 손실로 비교할 수 없습니다.** 레이블 스무딩을 더한 줄에서 검증 정확도는 0.005 안에서 그대로인데 검증 손실은 0.232<!-- run -->에서 0.296<!-- run 0.2963 -->으로 커졌습니다. 모델이 정답에 주는 확률을 일부러 1보다 작게 두므로 교차 엔트로피가 커지는 것입니다. 그래서 레이블 스무딩을 쓸 때는 정확도로 비교합니다.
# * **데이터 증강은 정확도를 0.01 넘게 낮췄습니다**(-0.0132<!-- run -->). 그래서 `cpu` 레시피에서 뺐습니다. 증강한 실행은 마지막 훈련 손실이 0.694<!-- run 0.6935 -->로, 증강하지 않은 실행(0.600<!-- run 0.6002 -->)보다 높습니다. 에폭마다 조금씩 다른 이미지를 맞혀야 하는 더 어려운 과제를 8에폭 안에 다 배우지 못한 것으로 보입니다. 증강은 모델이 훈련 데이터를 외우기 시작할 만큼 오래 훈련할 때 값을 하므로, 이 결과는 예산에 따라 뒤집힐 수 있습니다(연습문제 8).
# * **레시피 전체**는 같은 모델을 책의 방법보다 0.0524<!-- run --> 정확하게 만들었습니다(표 아래 출력). 한 모델에서 한 번씩 잰 값이고 기준이 모멘텀 없는 SGD라는 점을 기억해 두세요. 이 크기를 구조 사이의 차이와 견주는 일은 결과 절의 「구조를 바꾼 차이와 레시피를 바꾼 차이」에서 합니다.
# * 다섯째 줄은 07 ResNet 노트북의 기준 실행과 모델, 레시피, 예산, 시드가 같습니다(검증 정확도 0.9229<!-- run --> 대 0.9232<!-- run -->, 표 아래 출력). 그래도 두 실행이 똑같지는 않습니다. 모델을 만드는 코드가 달라(이 표는 `benchmarks/recipe_ablation.py`의 같은 구조) 같은 시드에서도 초기 가중치가 다르고, 계산 방법도 다릅니다(이 표는 float32, 07의 실행은 bf16 + channels_last). 한 쌍의 차이만으로는 시드에 따른 잡음이 얼마나 큰지 말할 수 없습니다(연습문제 6).

# %% [markdown]
# **재료 하나를 직접: 원사이클 스케줄.** ResNet 여섯 번은 2코어 CPU에서 모두 합쳐 16분 넘게 걸려 이 노트북에서 다시 돌리지 않습니다. 대신 패키지에 든 `d2l.LeNet`(01 노트북의 시그모이드 LeNet)을 데이터 절반으로 4에폭씩 두 번 훈련합니다. 하나는 `cpu` 레시피에서 스케줄만 고정 학습률(0.002)로 바꾼 것이고(`d2l.CPU_RECIPE.replace(schedule='constant')`, β1은 AdamW의 기본값 0.9로 고정), 다른 하나는 `cpu` 레시피 그대로입니다. 그러니 두 실행은 원사이클이 바꾸는 두 가지, 학습률과 β1만 다릅니다. 시드가 같으므로 초기 가중치와 미니배치 순서도 같습니다.
#
# 왼쪽 그림은 스텝마다의 학습률(`trainer.learning_rates`), 오른쪽은 에폭마다의 검증 정확도입니다. 훈련 셀의 `[d2lmini]` 줄은 라이브러리가 그 CPU에서 실행마다 고른 계산 방법(bf16 등)을 알립니다(README의 「벤치마크」 절).

# %%
live = d2l.profile_settings(
    book=dict(max_epochs=4, batch_size=128, lr=0.002, fraction=0.5),
    cpu=dict(max_epochs=4, batch_size=128, lr=0.002, fraction=0.5),
    smoke=dict(max_epochs=1, batch_size=64, lr=0.002, fraction=0.5))


def train_lenet(recipe):
    """d2l.LeNet(시그모이드)을 ``recipe``로 훈련하고 에폭별 기록과 스텝마다의 학습률을 돌려줍니다."""
    # 다른 노트북의 훈련 셀처럼 Trainer(seed=0)를 먼저 만들어, 초기 가중치도 시드로 정해지게 합니다.
    trainer = d2l.Trainer(max_epochs=live.max_epochs, seed=0, plot=False)
    data = d2l.FashionMNIST(batch_size=live.batch_size, fraction=live.fraction)
    model = d2l.LeNet(lr=live.lr)
    recipe.apply(model, data)
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    history = trainer.fit(model, data)
    return history, trainer.learning_rates


constant = d2l.CPU_RECIPE.replace(name='constant', schedule='constant')
# (한국어 이름, 영어 이름) → (에폭별 기록, 스텝마다의 학습률)
live_runs = {('고정 학습률', 'constant'): train_lenet(constant),
             ('원사이클', 'one-cycle'): train_lenet(d2l.CPU_RECIPE)}

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.5))
for (name, english), (history, rates) in live_runs.items():
    left.plot(rates, label=d2l.label(name, english))
    right.plot(history.column('epoch'), history.column('val_acc'), marker='o',
               label=d2l.label(name, english))
left.set_xlabel(d2l.label('스텝', 'step'))
left.set_ylabel(d2l.label('학습률', 'learning rate'))
right.set_xlabel(d2l.label('에폭', 'epoch'))
right.set_ylabel(AXES['val_acc'][0])
for ax in (left, right):
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
for (name, _), (history, _) in live_runs.items():
    print(f"{name}: 에폭별 검증 정확도 {[round(v, 3) for v in history.column('val_acc')]}")

# %% [markdown]
# **작은 실행 읽기.** 이 작은 실행에서는 원사이클이 오히려 졌습니다. 4에폭 뒤 검증 정확도가 고정 학습률 0.779<!-- run -->, 원사이클 0.753<!-- run -->입니다. 원사이클 실행은 첫 에폭 내내 학습률을 올리는 중이라(왼쪽 그림의 올라가는 구간) 첫 에폭 뒤 0.586<!-- run -->으로 낮았지만, 둘째 에폭 뒤에는 0.727<!-- run -->로 고정 학습률(0.733<!-- run -->)을 거의 따라잡았습니다. 차이는 원사이클의 학습률이 0 쪽으로 내려가는 셋째와 넷째 에폭에서 다시 벌어졌습니다. 마지막 에폭에 고정 학습률 실행은 0.759<!-- run -->에서 0.779<!-- run -->로 올랐지만 원사이클은 0.751<!-- run -->에서 0.753<!-- run -->으로 거의 멈췄습니다. 두 실행은 β1도 다르므로 이 출력만으로 까닭을 하나로 정할 수는 없지만, 시그모이드 LeNet이 이 예산에서는 아직 수렴과 거리가 먼데 원사이클이 끝에서 학습률을 거의 0까지 내려 배울 시간을 잃었다는 것이 가장 그럴듯한 설명입니다.
#
# ResNet의 8에폭 표에서는 같은 재료가 +0.0079<!-- run -->를 더했으니 부호가 반대입니다. 두 결과는 모델(ResNet 대 시그모이드 LeNet)과 예산(전체 데이터 8에폭 대 데이터 절반 4에폭)이 다르므로, 같은 재료의 효과가 모델과 예산에 따라 달라진다는 것을 보여 줍니다. 데이터 증강처럼 원사이클 스케줄도 도움이 되지 않을 수 있으므로, 레시피는 쓰려는 모델과 예산에서 재어 보고 정합니다. `live`의 에폭을 8로 늘리거나 `fraction=1.0`으로 바꿔 다시 실행해 보세요(연습문제 9).

# %% [markdown]
# ## 결과
#
# ### 정확도와 세 가지 비용
#
# 같은 정확도 축에 연산량(로그 축), 파라미터 수(로그 축), 훈련 시간을 나란히 놓습니다. 점선은 출처마다의 파레토 전선이고, 옅은 띠는 출처마다 가장 높은 정확도에서 잡음(0.005)만큼 아래까지입니다. 그림 아래에는 전선을 한 줄씩 적고, 점마다 마지막으로 잡음을 넘어선 점보다 얼마나 정확한지와 그 차이가 잡음 안인지를 붙입니다.

# %%
fig, axes = plt.subplots(1, 3, figsize=(15, 4.5), sharey=True)
for ax, cost in zip(axes, ['flops', 'params', 'minutes']):
    scatter(ax, runs, cost)
for ax in axes[1:]:
    ax.set_ylabel('')  # 세로축을 함께 쓰므로 이름은 왼쪽 그림에만
plt.show()

for origin, group in runs.groupby('origin', sort=False):
    print(f'[{origin}]')
    for cost in ['flops', 'params', 'minutes']:
        print(f'  {AXES[cost][0]} 전선: {front_steps(group, cost)}')

# %% [markdown]
# ### 잡음으로 읽기: 구별되는 것과 구별되지 않는 것
#
# 출처마다 가장 정확한 실행을 찾고, 개념 절의 식으로 그 정확도의 표준오차를 계산합니다. 그다음 그 실행과 0.005 안에 있어 구별되지 않는 실행들, 그리고 0.01 안에 드는 실행 가운데 연산량이 가장 작은 것을 적습니다. 마지막 줄이 "정확도를 조금 양보하면 비용을 얼마나 아낄 수 있나"에 대한 이 기록의 답입니다.

# %%
def share(part, whole):
    """part가 whole의 몇 분의 1인지: '1/14.1' (part가 더 크면 '1.3배')."""
    return f'1/{whole / part:.1f}' if part <= whole else f'{part / whole:.1f}배'


for origin, group in runs.groupby('origin', sort=False):
    group = group.dropna(subset=['val_acc'])
    best = group.loc[group['val_acc'].idxmax()]
    print(f'[{origin}] 가장 높은 검증 정확도: {best["tag"]} {best["val_acc"]:.4f}')
    if pd.notna(best['val_size']):
        n = int(best['val_size'])
        se = math.sqrt(best['val_acc'] * (1 - best['val_acc']) / n)
        print(f'  검증 {n:,}장에서 표준오차 {se:.4f}, 두 실행의 차이로는 √2배인 {math.sqrt(2) * se:.4f}')
    close = group[group['val_acc'] > best['val_acc'] - NOISE]
    print('  0.005 안(가장 정확한 실행과 구별되지 않음): '
          + ', '.join(f'{r.tag} {r.val_acc:.4f}' for r in close.itertuples()))
    near = group[group['val_acc'] >= best['val_acc'] - 0.01].dropna(subset=['flops'])
    cheap = near.loc[near['flops'].idxmin()] if len(near) else None
    if cheap is not None and cheap.name == best.name:
        print('  0.01 안에서 연산량이 가장 작은 실행도 이 실행입니다.')
    elif cheap is not None:
        print(f'  0.01 안에서 연산량이 가장 작은 실행: {cheap["tag"]} {cheap["val_acc"]:.4f} — '
              f'파라미터 {cheap["params"]:,}개(가장 정확한 실행의 {share(cheap["params"], best["params"])}), '
              f'연산량 {cheap["flops"] / 1e6:.2f}M({share(cheap["flops"], best["flops"])}), '
              f'훈련 {cheap["minutes"]:.1f}분(가장 정확한 실행은 {best["minutes"]:.1f}분)')

# %% [markdown]
# ### 기준 실행과 책의 숫자
#
# 책의 값은 각 노트북이 `record_run(..., book_figure=…)`으로 함께 적은, 책의 그래프에서 읽은 10에폭 뒤 검증 정확도입니다. 막대 사이의 차이를 읽을 때는 개념 절의 설정 차이 표를 옆에 두세요. 노트북을 `book` 프로필로 직접 실행한 기록이 있으면 그 막대가 함께 나타납니다.

# %%
has_book = runs.assign(book=numeric(runs['book_figure'])).dropna(subset=['book', 'val_acc'])
keys = list(dict.fromkeys(zip(has_book['notebook'], has_book['label'])))
first = has_book.drop_duplicates(['notebook', 'label']).set_index(['notebook', 'label'])
accuracy = {origin: {(r.notebook, r.label): r.val_acc
                     for r in has_book[has_book['origin'] == origin].itertuples()}
            for origin in ORIGINS}
reference_acc = accuracy[ORIGINS[0]]
book = [first.loc[key, 'book'] for key in keys]
versus = pd.DataFrame({
    '모델': [label for _, label in keys],
    **{origin: [accuracy[origin].get(key) for key in keys] for origin in ORIGINS},
    '책의 값': book,
    '차이(기준 실행 − 책)': [round(reference_acc[k] - b, 3) if k in reference_acc else None
                        for k, b in zip(keys, book)],
    '에폭(기준 실행)': [first.loc[key, 'epochs'] for key in keys],
    '해상도(기준 실행, px)': [first.loc[key, 'resize'] for key in keys],
})
display(versus.round(3))
below = versus[versus['차이(기준 실행 − 책)'] < 0]
print('기준 실행이 책의 값에 못 미친 모델: '
      + (', '.join(f'{m} ({d:+.3f})' for m, d in zip(below['모델'], below['차이(기준 실행 − 책)']))
         or '없음'))

fig, ax = plt.subplots(figsize=(11, 4))
width = 0.8 / (len(ORIGINS) + 1)
for k, origin in enumerate(ORIGINS):
    heights = [accuracy[origin].get(key, float('nan')) for key in keys]
    ax.bar([p + (k - len(ORIGINS) / 2) * width for p in range(len(keys))], heights, width=width,
           label=runs.loc[runs['origin'] == origin, 'where'].iloc[0],
           color=style_of(origin)['color'])
ax.bar([p + len(ORIGINS) / 2 * width for p in range(len(keys))], book, width=width,
       color='0.6', label=d2l.label('책의 값 (10에폭, GPU)', "book's figure (10 epochs, GPU)"))
names = [d2l.run_tag(nb, label, first.loc[(nb, label), 'model']) for nb, label in keys]
ax.set_xticks(list(range(len(keys))), names, rotation=30, ha='right', fontsize=8)
lowest = min([*has_book['val_acc'], *book], default=1.0)
ax.set_ylim(min(0.5, math.floor(lowest * 10) / 10), 1.0)
ax.set_ylabel(AXES['val_acc'][0])
ax.legend(loc='lower right', fontsize=8)
ax.grid(axis='y', alpha=0.3)
fig.tight_layout()
plt.show()

# %% [markdown]
# **읽는 법.** 표 아래 출력대로, 2코어 CPU에서 8에폭(모델마다 4분 안)만 훈련한 기준 실행이 모든 모델에서 책의 값(GPU, 10에폭) 이상입니다. 차이는 RegNetX-32의 0.006<!-- run -->부터 GoogLeNet의 0.093<!-- run -->까지입니다(LeNet 줄은 책의 방법이 아니라 `cpu` 레시피로 훈련한 실행이라 0.108<!-- run -->로 더 큽니다). 책의 값은 그래프에서 눈으로 읽은 값이라 그 자체로 0.01 정도의 오차가 있으므로, RegNetX-32, VGG(0.010<!-- run -->), BN-LeNet(밑바닥)(0.015<!-- run -->)처럼 차이가 0.02 아래인 모델은 "책과 비슷하다"고 읽는 것이 맞습니다.
#
# 차이가 어디서 왔는지는 이 표로 가를 수 없습니다. 기준 실행과 책은 레시피, 에폭(8 대 10), 너비, 해상도가 한꺼번에 다릅니다. 해상도는 손해라고 볼 근거도 없습니다. Fashion-MNIST의 원래 크기가 28px이라, 책의 96·224px 입력은 커널과 스트라이드에 견준 특성 맵의 크기를 바꿀 뿐 정보를 더하지 않고 연산량을 크게 늘립니다. 그러니 이 결과는 "이 과제에서는 해상도를 키울 필요가 크지 않고, 레시피가 크게 기여했을 수 있다"로 읽습니다. 요인마다의 몫은 한 모델에서 하나씩 바꿔 재야 압니다(에폭은 연습문제 4, 레시피는 「훈련 레시피」 절에서 같은 ResNet으로 잰 +0.0524<!-- run -->, 그 기준을 모멘텀 SGD로 바꾸는 것은 연습문제 11).
#
# ### 아이디어마다 한 점: 1998 → 2020
#
# 개념 절의 연표 각 행에 기준 실행 하나를 붙입니다. ResNeXt 행은 따로 기록된 실행이 없어 표에서 비워 두고, 그림에서는 ResNeXt 블록으로 만든 RegNet 행의 점이 맡습니다. 그림은 모델마다 점 하나(출처마다 하나)를 연표 순서로 위에서 아래로 놓고, 점들을 선으로 잇지 않습니다. 1998년과 2012년 사이처럼 해 사이의 간격은 뜻이 없기 때문입니다. 왼쪽은 검증 정확도, 오른쪽은 연산량(로그 축)입니다.

# %%
def measured_point(runs, notebook, label):
    if not isinstance(notebook, str):  # 기록된 실행이 없는 행(ResNeXt)
        return None
    rows = runs[runs['notebook'] == notebook]
    if isinstance(label, str):  # 빈 칸(None)은 DataFrame 안에서 NaN이 됩니다
        rows = rows[[label in text for text in rows['label']]]
    return rows.iloc[0] if len(rows) else None


shipped = runs[~runs['own']]
points = [measured_point(shipped, nb, label)
          for nb, label in zip(TIMELINE['notebook'], TIMELINE['label'])]
display(pd.DataFrame({
    '해': TIMELINE['year'],
    '구조': TIMELINE['name_ko'],
    '아이디어': TIMELINE['idea_ko'],
    '기준 실행': [p['label'] if p is not None
              else ('없음 (09의 RegNetX-32가 ResNeXt 블록을 씁니다)' if not isinstance(nb, str)
                    else f'없음: {nb} 실행') for p, nb in zip(points, TIMELINE['notebook'])],
    '검증 정확도': [f"{p['val_acc']:.3f}" if p is not None else '—' for p in points],
    '파라미터': [f"{p['params']:,}" if p is not None else '—' for p in points],
    '연산량(MFLOPs)': [f"{p['flops'] / 1e6:.2f}" if p is not None else '—' for p in points],
    '훈련 시간(분)': [f"{p['minutes']:.2f}" if p is not None else '—' for p in points],
}))

rows = TIMELINE[[isinstance(nb, str) for nb in TIMELINE['notebook']]].reset_index(drop=True)
fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.8), sharey=True,
                                  gridspec_kw=dict(width_ratios=[3, 2]))
for origin, group in runs.groupby('origin', sort=False):
    found = [(k, measured_point(group, r.notebook, r.label))
             for k, r in enumerate(rows.itertuples())]
    found = [(k, p) for k, p in found if p is not None]
    if not found:
        continue
    style = marks_of(origin, group['own'].iloc[0])
    left.scatter([p['val_acc'] for _, p in found], [k for k, _ in found], s=45,
                 label=group['where'].iloc[0], **style)
    right.scatter([p['flops'] for _, p in found], [k for k, _ in found], s=45, **style)
    best = group['val_acc'].max()
    left.axvspan(best - NOISE, best, color=style_of(origin)['color'], alpha=0.1, lw=0,
                 label=NOISE_BAND if origin == ORIGINS[0] else None)
ticks = [d2l.label(f'{r.year} {r.name_ko} · {r.idea_ko}', f'{r.year} {r.name_en} · {r.idea_en}')
         for r in rows.itertuples()]
left.set_yticks(list(range(len(rows))), ticks)
left.set_ylim(len(rows) - 0.5, -0.5)  # 위에서 아래로 연표 순서
left.set_xlabel(AXES['val_acc'][0])
right.set_xlabel(AXES['flops'][0])
right.set_xscale('log')
for ax in (left, right):
    ax.grid(alpha=0.3)
if len(runs):
    left.legend(loc='lower left', fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# ### 구조를 바꾼 차이와 레시피를 바꾼 차이
#
# 「훈련 레시피」 절은 구조를 고정하고 레시피를 바꿨고, 그 밖의 비교는 레시피를 고정하고 구조를 바꿨습니다. 두 차이를 같은 단위(검증 정확도)로 나란히 놓습니다. 어느 쪽이든 실행은 한 번씩입니다.

# %%
def spread(rows):
    """rows 가운데 가장 낮은 실행과 가장 높은 실행, 그리고 그 폭."""
    low, high = rows.loc[rows['val_acc'].idxmin()], rows.loc[rows['val_acc'].idxmax()]
    return (f"{low['tag']} {low['val_acc']:.4f} ~ {high['tag']} {high['val_acc']:.4f} "
            f"(폭 {high['val_acc'] - low['val_acc']:.4f})")


same = shipped.dropna(subset=['val_acc'])
lenet = same[same['notebook'] == '01_lenet']
bn_lenet = same[(same['notebook'] == '06_batch_norm') & same['label'].str.contains('간결')]
if len(same):
    print('같은 레시피의 구조 사이, LeNet 포함:', spread(same))
    print('같은 레시피의 구조 사이, LeNet 제외:', spread(same[same['notebook'] != '01_lenet']))
if len(lenet) and len(bn_lenet):
    print('LeNet → BN-LeNet (간결), 배치 정규화와 첫 합성곱의 패딩만 다름: '
          f"{bn_lenet['val_acc'].iloc[0] - lenet['val_acc'].iloc[0]:+.4f}")
if len(steps) and len(cpu_row):
    print(f'같은 ResNet, 책의 방법 → cpu 레시피: {recipe_acc - start:+.4f}')

# %% [markdown]
# **결과 읽기: 이 기록이 보여 주는 것.** 아래의 숫자는 모두 패키지와 함께 오는 기준 실행(2코어 CPU, 진짜 Fashion-MNIST, `cpu` 프로필)의 것이고, 위의 표와 출력에서 확인할 수 있습니다. 모든 실행이 같은 레시피와 같은 8에폭 예산으로 훈련했으므로, 남은 차이는 구조와 모델마다 정한 해상도·너비·초기화입니다.
#
# * **해상도까지 같은 짝이 구조의 효과를 가장 또렷하게 보여 줍니다.** 01 LeNet(`cpu` 레시피)과 06 BN-LeNet은 해상도, 레시피, 에폭, 학습률, 초기화, 시드가 모두 같고, 구조는 배치 정규화 층과 첫 합성곱의 패딩만 다릅니다. 검증 정확도는 0.8375<!-- run -->에서 0.8957<!-- run -->로 0.0582<!-- run -->만큼 올랐습니다. 0.01을 훨씬 넘는 이 차이가, 이 표에서 구조의 효과라고 가장 자신 있게 말할 수 있는 차이입니다.
# * **맨 위에는 ResNet 하나가 있습니다.** 가장 정확한 ResNet(0.9232<!-- run -->)과 0.005 안에 드는 실행은 없고, 0.01 안에 드는 실행도 없습니다(「잡음으로 읽기」 출력). 다음으로 정확한 DenseNet(0.9113<!-- run -->)보다 0.0119<!-- run --> 높아, 이 기록에서 가장 정확한 실행은 ResNet입니다. 다만 0.01을 겨우 넘는 차이이고 시드만 바꿔도 정확도가 흔들리므로(연습문제 6), 구조의 차이로 확정하려면 실행을 더 해 봐야 합니다. 연산량 전선에서는 점마다 앞의 점보다 0.005 넘게 정확해 "잡음 안"이 붙은 점이 없지만, RegNetX-32에서 DenseNet으로 가는 +0.0053<!-- run -->은 0.005를 겨우 넘는 차이입니다. 전선 밖의 AlexNet(0.9068<!-- run -->)은 DenseNet보다 연산량을 더 쓰고도(8.15<!-- run --> 대 5.06<!-- run --> MFLOPs) 잡음 안에서 조금 낮아 DenseNet에게 지배됩니다. 훈련 시간 전선에서는 VGG가 AlexNet보다 +0.0030<!-- run -->만 높아 "잡음 안"이 붙으므로, 시간을 조금 더 쓰고도 AlexNet보다 낫다는 근거가 없습니다.
# * **작은 모델도 멀지 않습니다.** 0.01 넘게 앞선 것은 ResNet 하나이고, LeNet과 ResNet을 뺀 나머지 실행은 모두 GoogLeNet(0.8927<!-- run -->)부터 DenseNet(0.9113<!-- run -->)까지 0.02 안에 모여 있습니다. BN-LeNet(간결)은 파라미터가 44,878개<!-- run -->뿐인데도 0.8957<!-- run -->이고, DenseNet은 ResNet의 3분의 1이 안 되는 연산량(5.06<!-- run --> MFLOPs)으로 0.9113<!-- run -->에 닿았습니다(다만 작은 층이 많아 층마다의 고정 비용이 크므로 훈련 시간은 ResNet보다 더 걸렸습니다). 그러나 0.01 안으로 좁히면 ResNet 말고는 남는 실행이 없어 연산량을 아낄 수 없습니다(「잡음으로 읽기」 출력의 마지막 줄). 28px 흑백 이미지 10개 클래스의 이 과제는 작은 모델로도 대부분을 풀 수 있어, 구조 사이의 차이가 224px 컬러 이미지 1,000개 클래스의 ImageNet에서보다 훨씬 작습니다. 깊이, 분기, 숏컷, 밀집 연결은 그런 ImageNet에서 더 깊고 넓은 모델을 훈련하려고 나온 아이디어입니다.
# * **비용 넷은 서로 다른 순서를 줍니다.** AlexNet은 연산량이 RegNetX-32의 1.5배가 넘지만(8.15<!-- run --> 대 5.04<!-- run --> MFLOPs) 훈련 시간은 1.1분<!-- run -->으로, RegNetX-32(2.4분<!-- run -->)의 절반이 안 되었습니다. 두 모델 모두 bf16 + channels_last로 훈련했으므로(설정 목록) 계산 방법의 차이는 아니고, GFLOP/s(추정) 열이 그 차이를 보여 줍니다(AlexNet 190.6<!-- run -->, RegNetX-32 52.7<!-- run -->). 큰 합성곱과 완전 연결 층은 CPU의 벡터 연산을 잘 채우지만, 그룹 합성곱과 작은 층이 많은 모델은 그러지 못하기 쉽습니다. 그리고 어느 열도 훈련 메모리를 알려 주지 않습니다(개념 절의 파라미터 수 항목).
# * **연표 순서는 정확도 순서가 아닙니다.** 연표 그림에서 가장 정확한 점은 2016년의 ResNet(0.923<!-- run -->)입니다. 그 뒤에 나온 2017년의 DenseNet(0.911<!-- run -->)과 2020년의 RegNetX-32(0.906<!-- run -->)는 ResNet보다 0.01 넘게 낮고, 2012년의 AlexNet(0.907<!-- run -->)은 이 둘과 잡음 안에서 구별되지 않습니다. 2015년의 GoogLeNet(0.893<!-- run -->)은 AlexNet보다도 0.01 넘게 낮습니다. 모델마다 해상도와 너비를 다르게 줄였기 때문이기도 하고, 위에서 본 것처럼 이 과제가 쉽기 때문이기도 합니다. 줄인 뒤 연산량이 가장 큰 모델도 ResNet으로, 15.80<!-- run --> MFLOPs는 다음으로 큰 AlexNet의 8.15<!-- run --> MFLOPs보다 두 배 가까이 많습니다.
# * **레시피를 바꾼 차이는 구조를 바꾼 차이와 견줄 만합니다.** 바로 위 출력에서 같은 ResNet은 책의 방법을 `cpu` 레시피로 바꾸자 +0.0524<!-- run --> 올랐습니다. 이것은 LeNet을 뺀 구조들이 같은 레시피에서 벌어진 폭(0.0305<!-- run -->)보다 크고, LeNet에 배치 정규화를 더한 차이(+0.0582<!-- run -->)와 비슷합니다. LeNet까지 넣으면 구조 사이의 폭은 0.086<!-- run 0.0857 -->으로 레시피의 차이보다 큽니다. 레시피의 차이는 한 모델에서 한 번씩, 모멘텀 없는 SGD와 견준 값입니다. 그러니 이 기록이 말해 주는 것은 "이 예산에서는 어떻게 훈련하는지가 어떤 구조를 고르는지만큼 정확도를 바꿀 수 있다"까지입니다.
#
# **여기서 가져갈 것.**
#
# 1. 두 모델을 비교할 때는 설정과 예산(해상도, 에폭, 훈련 레시피)을 먼저 맞추고, 맞출 수 없으면 무엇이 달랐는지 함께 적습니다.
# 2. 차이를 말하기 전에 잡음의 크기를 적습니다. 검증 이미지가 10,000장이면 0.005보다 작은 차이는 순위로 읽지 않고, 0.01보다 작은 차이는 한 번씩의 실행으로 확정하지 않습니다.
# 3. 비용은 하나가 아닙니다. 저장할 크기는 파라미터 수가, 계산의 양은 연산량이, 실제 속도는 그 장치에서 잰 img/s가, 훈련 메모리는 주로 활성값이 정합니다. 어느 비용이 중요한지에 따라 전선과 답이 바뀝니다.
# 4. 과제가 쉬우면 작은 모델로 충분할 수 있습니다. 큰 구조의 이점은 그 구조가 나온 규모(더 큰 이미지, 더 많은 클래스, 더 긴 훈련)에서 확인해야 합니다.
# 5. 레시피의 재료는 그 모델과 예산에서 하나씩 바꿔 재어 보고 고릅니다(두 가지를 한 번에 바꾸면 몫을 나눌 수 없습니다). 큰 데이터와 긴 훈련에서 나온 재료(데이터 증강 등)가 짧은 예산에서는 정확도를 낮출 수 있습니다.
#
# ### 토론과 더 나아가기
#
# 이 노트북의 점은 모델마다 한 번씩 훈련한 결과입니다. 구조를 공정하게 비교하려면 훈련 레시피를 고정하고, 점 하나 대신 여러 번의 실행이나 여러 모델의 분포를 봐야 합니다. Radosavovic 등(2020)이 설계 공간을 비교할 때 같은 훈련 설정으로 뽑은 많은 모델의 오차 분포를 쓴 것도 이 때문입니다(09 RegNet 노트북의 「설계 공간을 분포로 비교하기」 절).
#
# 거꾸로 레시피만 바꿔도 같은 구조의 정확도가 크게 달라집니다. Wightman 등(2021, *ResNet strikes back*)은 구조를 그대로 둔 ResNet-50을 더 긴 훈련, 더 강한 데이터 증강(data augmentation)과 규제, 다른 옵티마이저로 다시 훈련해 ImageNet top-1 정확도를 흔히 쓰이던 약 76%에서 80.4%로 올렸습니다. 그래서 "새 구조가 더 낫다"는 주장은 레시피가 같을 때에만 구조에 대한 주장이 됩니다. GPU가 있다면 01~09 노트북을 `book` 프로필로 실행한 뒤 이 노트북을 다시 실행해, 책의 해상도와 너비에서도 위의 결론이 유지되는지 확인해 보세요.

# %% [markdown]
# ## 요약과 연습문제
#
# **요약**
#
# * 각 노트북의 훈련 절은 `d2l.record_run(...)`으로 실행 하나를 `results/<프로필>/<노트북>.json`에 기록합니다. 2코어 CPU에서 `cpu` 프로필로 훈련한 기록은 패키지에 기준 실행으로 들어 있어 `d2l.reference_results('cpu')`로 어디서나 읽을 수 있고, 직접 기록한 실행은 `d2l.load_results(profile)`로 읽어 프로필과 장치를 붙인 채 그 옆에 놓습니다.
# * 모델의 비용은 파라미터 수, 이미지 한 장의 연산량, 훈련 시간, img/s로 나누어 봐야 합니다. 파라미터 수는 모델의 크기를, 연산량은 계산의 양을 정하고, 시간은 장치가 그 계산을 얼마나 잘 해내는지에도 달려 있습니다. 훈련 메모리는 넷 중 어느 것으로도 정해지지 않으며, 주로 활성값이 차지합니다(DenseNet처럼 파라미터가 적어도 클 수 있습니다).
# * 정확도와 비용 하나를 놓으면 지배되지 않는 모델들이 파레토 전선을 이루고, 예산이 정해졌을 때의 답은 언제나 그 전선 위에 있습니다. 다만 전선 위의 두 점이 잡음(검증 10,000장에서 표준오차 하나가 약 0.005)보다 작게 다르면, 비싼 쪽이 더 낫다고 말할 수 없습니다.
# * LeNet부터 RegNet까지의 아이디어(깊이, 블록, $1 \times 1$ 합성곱, 분기, 정규화, 숏컷, 밀집 연결, 설계 공간)는 각각 정확도·비용 평면의 점 하나로 볼 수 있습니다. 기준 실행은 모두 같은 레시피(`d2l.CPU_RECIPE`)와 같은 예산(8에폭)으로 훈련했고, 모든 모델이 2코어 CPU에서 4분 안에 책의 값 이상에 닿았습니다. 남은 차이는 모델마다 정한 해상도·너비·초기화이므로, 해상도까지 같은 LeNet과 BN-LeNet의 짝이 구조의 효과를 가장 깨끗하게 보여 줍니다.
# * 훈련 레시피는 구조를 바꾸는 것만큼 정확도를 바꿀 수 있습니다. 같은 ResNet에서 가장 큰 차이는 첫 단계(모멘텀 없는 SGD·학습률 0.01 → AdamW·학습률 0.002)에서 났고, 옵티마이저와 학습률을 함께 바꿨으므로 둘의 몫은 나눌 수 없습니다. 원사이클(학습률과 β1), 가중치 감쇠, 레이블 스무딩의 차이는 한 번씩의 실행으로는 잡음과 가를 수 없었고, 데이터 증강은 8에폭 예산에서 정확도를 0.01 넘게 낮춰 레시피에서 뺐습니다. 재료의 효과는 모델과 예산에 따라 달라지므로 재어 보고 고릅니다(Smith, 2018; T. He 등, 2019).
#
# **연습문제**
#
# 1. 결과 절의 연산량 그림에서 기준 실행의 파레토 전선 위의 모델을 모두 적고, 그 가운데 앞의 점과 잡음 안인 것을 표시하세요. 전선 아래의 모델 하나를 골라 그것을 지배하는 모델을 찾고, 그 지배가 잡음을 넘는지도 확인하세요. 파라미터 그림에서도 같은 모델이 지배될까요? *힌트*: 그림 아래의 출력이 출처마다 세 전선을 적습니다. [풀이](solutions/10_comparison_solutions.ipynb#연습문제-1)
# 2. 인터랙티브 (나)에서 시간 상한을 가장 크게 두고 연산량 상한을 줄여 가며 답이 바뀌는 지점을 모두 적으세요. 그 지점들이 (1)의 연산량 전선과 같은지 확인하고, 답이 바뀌기 전부터 새 답이 이전 답의 "잡음 안" 목록에 있던 지점, 곧 연산량을 줄여도 정확도를 잃었다고 말할 수 없는 지점을 찾으세요. *힌트*: 시간 상한이 넉넉하면 연산량만 남으므로 전선과 같아야 합니다. [풀이](solutions/10_comparison_solutions.ipynb#연습문제-2)
# 3. 표의 GFLOP/s(추정) 열에서 가장 큰 값과 가장 작은 값의 모델을 찾고, 왜 다른지 설명하세요. *힌트*: 채널이 적은 합성곱과 작은 특성 맵은 행렬 곱 하나가 작아 CPU의 벡터 연산을 다 쓰지 못합니다. [풀이](solutions/10_comparison_solutions.ipynb#연습문제-3)
# 4. 훈련 절의 두 그림에서 마지막 에폭에 검증 정확도가 가장 많이 오른 모델을 찾고, 그 증가가 잡음보다 큰지 따져 보세요. 그 노트북의 `cpu` 설정에서 `max_epochs`만 바꿔 다시 실행한 뒤 이 노트북을 다시 실행하면, 새 실행이 `[cpu]`가 붙은 직접 실행으로 기준 실행 옆에 나타납니다. 책의 값에 더 가까워졌나요? *힌트*: 이 노트북과 같은 폴더에서 실행해야 `results/cpu/`의 기록을 읽습니다. Colab은 노트북마다 런타임이 따로라 기록이 이어지지 않으므로, 저장소를 내려받은 컴퓨터에서 해 보세요. [풀이](solutions/10_comparison_solutions.ipynb#연습문제-4)
# 5. 인터랙티브 (가)에서 가로축을 해상도(px)로, 세로축을 검증 정확도로 두고, 연표에서 이웃한 두 구조의 차이가 구조 때문인지 해상도 때문인지 판단해 보세요. *힌트*: 레시피와 에폭은 모두 같으므로, 해상도가 같은 두 실행이 구조의 효과에 더 가깝습니다. 그때도 너비와 초기화를 설정 목록에서 확인해야 합니다. [풀이](solutions/10_comparison_solutions.ipynb#연습문제-5)
# 6. 잡음을 직접 재 보세요. 06 배치 정규화 노트북의 훈련 셀에서 `Trainer(..., seed=0)`의 시드를 1, 2로 바꿔 가며 다시 실행하고, 그때마다 이 노트북을 다시 실행해 직접 실행 `06 BN-LeNet (간결) [cpu]`와 기준 실행의 검증 정확도 차이를 적으세요. 개념 절의 0.005는 넉넉한가요, 빠듯한가요? *힌트*: 시드를 바꾸면 초기 가중치와 미니배치 순서가 함께 바뀌므로, 검증 표본의 잡음에 훈련의 잡음이 더해집니다. [풀이](solutions/10_comparison_solutions.ipynb#연습문제-6)
# 7. (GPU가 있다면) 01~09 노트북을 `book` 프로필로 실행한 뒤 이 노트북을 다시 실행하세요. `[book]`이 붙은 직접 실행은 책의 값과 잡음 정도로 가까운가요? 연산량 전선과 "잡음 안" 목록은 기준 실행과 어떻게 다른가요? *힌트*: 설정이 책과 같아도 장치와 라이브러리 판이 다르면 값이 조금 달라질 수 있습니다. [풀이](solutions/10_comparison_solutions.ipynb#연습문제-7)
# 8. 데이터 증강이 정말 예산 탓에 졌는지 확인해 보세요. 저장소를 내려받은 컴퓨터에서 `python benchmarks/recipe_ablation.py --epochs 16 --only 4 5`를 실행하면 표의 다섯째와 여섯째 줄을 16에폭으로 다시 훈련해 출력합니다(기록은 남기지 않음, 2코어 CPU에서 10분쯤). 증강한 쪽이 따라잡나요? *힌트*: 증강은 모델이 훈련 데이터를 외우기 시작해야 값을 합니다. 훈련 데이터를 줄이면 그 시점이 앞당겨집니다. [풀이](solutions/10_comparison_solutions.ipynb#연습문제-8)
# 9. 「훈련 레시피」 절의 작은 실행에서 `live`의 에폭을 8로 늘려 다시 실행해 보세요. 원사이클이 고정 학습률을 따라잡나요? 첫 에폭 뒤의 정확도는 어떻게 달라지나요? *힌트*: 에폭이 8이면 워밍업은 처음 두 에폭이고, 학습률이 0 가까이 내려가는 끝 구간도 그만큼 길어집니다. 에폭별 정확도에서 두 실행의 차이가 어느 에폭에 벌어지는지 보세요. [풀이](solutions/10_comparison_solutions.ipynb#연습문제-9)
# 10. 재료를 더하는 순서를 바꿔 보세요. 예를 들어 책의 방법(모멘텀 없는 SGD)에 원사이클 스케줄만 먼저 더하면(`d2l.BOOK_RECIPE.replace(name='sgd-one-cycle', schedule='one-cycle')`, 최고 학습률은 SGD에 맞게 0.05 안팎) 표의 둘째 줄과 셋째 줄의 몫이 어떻게 나뉘나요? 모멘텀이 0인 SGD에서는 원사이클이 학습률만 바꾸고 모멘텀을 더하지 않는다는 것도 훈련 뒤 `trainer.optim.param_groups[0]['momentum']`으로 확인해 보세요. *힌트*: `benchmarks/recipe_ablation.py`의 `STEPS` 목록을 고치면 되고, 한 줄의 차이는 앞 줄의 재료에 따라 달라질 수 있습니다. [풀이](solutions/10_comparison_solutions.ipynb#연습문제-10)
# 11. 표의 첫 줄을 더 공정한 기준으로 바꿔 보세요. 모멘텀 없는 SGD 대신 모멘텀 0.9의 SGD(`d2l.BOOK_RECIPE.replace(name='sgd-momentum', momentum=0.9)`)를 학습률 몇 개(예: 0.01, 0.03, 0.1)로 훈련해 가장 좋은 것을 고르면, AdamW와의 차이가 얼마나 남나요? *힌트*: 모멘텀 $\beta$의 SGD는 같은 방향의 기울기가 이어질 때 걸음이 약 $1/(1-\beta)$배, 곧 10배가 됩니다. 학습률을 그만큼 낮춰서 시작해 보세요. [풀이](solutions/10_comparison_solutions.ipynb#연습문제-11)
