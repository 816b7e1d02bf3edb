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
# # 잔차 네트워크 ResNet과 ResNeXt
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/07_resnet.ipynb)
#
# 층을 더 쌓아도 나빠지지 않게 해 주는 잔차 연결을 이해하고, 잔차 블록으로 ResNet-18을 조립해 Fashion-MNIST로 훈련합니다. 마지막으로 그룹 합성곱으로 같은 비용에 너비를 늘리는 ResNeXt 블록을 살펴봅니다.

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
# 1. 층을 더하면 왜 오히려 나빠질 수 있는지, 잔차 매핑 $f(\mathbf{x}) = g(\mathbf{x}) + \mathbf{x}$가 이 문제를 어떻게 푸는지 함수 클래스와 기울기(gradient)의 관점에서 설명할 수 있습니다.
# 2. 잔차 블록(residual block)의 두 형태, 곧 입력을 그대로 더하는 항등 매핑(identity mapping)과 모양이 바뀔 때 쓰는 $1 \times 1$ 합성곱 숏컷 연결(shortcut connection)을 구현하고, 출력 크기를 식으로 계산할 수 있습니다.
# 3. 스템(stem)·네 단계·헤드(head)로 된 ResNet-18의 모양과 파라미터(parameter) 수를 따라갈 수 있습니다.
# 4. 깊이에 따라 첫 층까지 전해지는 기울기가 잔차 연결이 있을 때와 없을 때 어떻게 다른지 실제 텐서로 확인할 수 있습니다.
# 5. 그룹 합성곱(grouped convolution)이 파라미터와 연산량(FLOPs)을 그룹 수만큼 나누는 원리와, 이를 쓰는 ResNeXt 블록의 구조를 설명할 수 있습니다.
# 6. CPU에 맞게 줄인 ResNet을 모든 모델에 공통인 훈련 레시피로 훈련하고 결과를 읽을 수 있습니다.

# %% [markdown]
# ## 개념
#
# ### 더 깊은 망이 더 나쁠 수 있다
#
# 신경망 구조 하나는 파라미터를 바꿔 가며 표현할 수 있는 함수들의 집합, 곧 **함수 클래스** $\mathcal{F}$를 정합니다. 우리가 찾고 싶은 "참" 함수를 $f^*$라 하면, 훈련(training)은 $\mathcal{F}$ 안에서 $f^*$에 가장 가까운 $f^*_\mathcal{F}$를 찾는 일입니다. 더 크고 깊은 구조 $\mathcal{F}'$를 쓰면 $f^*$에 더 가까워질 것 같지만, **$\mathcal{F} \subseteq \mathcal{F}'$가 아니면 그런 보장이 없습니다**. 이렇게 작은 클래스가 큰 클래스 안에 차례로 들어가는 클래스들을 **중첩된 함수 클래스**(nested function classes)라 합니다. 새 클래스가 옛 클래스를 포함하지 않으면 더 커졌는데도 $f^*$에서 멀어질 수 있습니다.
#
# **그림 1. 함수 클래스.** 왼쪽은 클래스가 커지면서 옛 클래스를 포함하지 않는 경우(중첩되지 않는 함수 클래스), 오른쪽은 작은 클래스가 큰 클래스 안에 차례로 들어가는 경우(중첩된 함수 클래스)입니다. 각 클래스 안에서 $f^*$에 가장 가까운 점이 클래스가 커질 때 어떻게 움직이는지 보세요.

# %%
import d2lmini as d2l

d2l.plot_function_classes()

# %% [markdown]
# 포함 관계를 만드는 쉬운 방법이 있습니다. 새로 더한 층이 **항등 함수** $f(\mathbf{x}) = \mathbf{x}$를 쉽게 표현할 수 있으면, 깊은 망은 적어도 얕은 망만큼은 할 수 있습니다(더한 층이 아무 일도 하지 않으면 되기 때문입니다). 그런데 합성곱(convolution)·배치 정규화(batch normalization)·ReLU를 거치는 평범한 층이 항등 함수를 정확히 배우기는 어렵습니다. 실제로 ResNet 논문(He 등, 2016a)의 CIFAR-10 실험에서 평범하게 층만 쌓은 망은 20층에서 56층으로 깊어지자 **훈련 오차까지** 커졌습니다. 과대적합(overfitting)이 아니라 최적화가 안 되는 것입니다.
#
# ### 잔차 매핑
#
# He 등(2016a, *Deep Residual Learning for Image Recognition*)의 해법은 층이 배워야 할 것을 바꾸는 것입니다. 이렇게 만든 ResNet은 ILSVRC 2015 분류 부문에서 우승했고, 152층짜리 모델까지 훈련해 보였습니다. 원하는 매핑을 $f(\mathbf{x})$라 할 때, 층이 $f$를 직접 배우는 대신 **잔차**(residual) $g(\mathbf{x}) = f(\mathbf{x}) - \mathbf{x}$를 배우고 입력을 더해 줍니다.
#
# $$f(\mathbf{x}) = g(\mathbf{x}) + \mathbf{x}$$
#
# 이제 항등 함수가 필요하면 $g(\mathbf{x}) = 0$, 곧 마지막 층의 가중치(weight)와 편향(bias)을 0 쪽으로 보내기만 하면 됩니다. 입력 $\mathbf{x}$를 층을 건너뛰어 더하는 길을 **잔차 연결**(residual connection) 또는 숏컷 연결이라 부르고, 이 구조를 잔차 블록이라 합니다.
#
# 이 생각을 초기화에 그대로 옮긴 요령도 있습니다. 잔차 블록마다 마지막 배치 정규화의 스케일 $\gamma$를 0으로 초기화하면 훈련을 시작할 때 모든 블록이 $g(\mathbf{x}) = 0$을 내고, 덧셈 뒤에 ReLU가 있는 블록의 출력은 $\mathrm{ReLU}(\mathbf{x})$가 됩니다. 블록의 입력은 앞의 ReLU를 지난 값이라 음이 아니므로 이것은 $\mathbf{x}$ 그대로입니다. 곧 항등 숏컷 블록은 정확히 항등 매핑이 되고 깊은 망이 얕은 망처럼 출발합니다. Goyal 등(2017)이 큰 배치 훈련에 쓴 방법이고, Tong He 등(2019, *Bag of Tricks for Image Classification*; ResNet을 만든 Kaiming He와는 다른 사람입니다)은 이를 "zero $\gamma$" 초기화라 부르며 큰 배치로 훈련할 때의 요령 가운데 하나로 꼽습니다(연습문제 9, 10).
#
# **기울기의 관점.** 잔차 블록의 야코비안(Jacobian, 출력의 각 성분을 입력의 각 성분으로 미분한 행렬)은 $\frac{\partial f}{\partial \mathbf{x}} = \frac{\partial g}{\partial \mathbf{x}} + \mathbf{I}$입니다. 블록을 $\mathbf{x}_{l+1} = \mathbf{x}_l + g_l(\mathbf{x}_l)$로 쌓으면 $\mathbf{x}_L = \mathbf{x}_l + \sum_{i=l}^{L-1} g_i(\mathbf{x}_i)$이므로
#
# $$\frac{\partial \mathcal{L}}{\partial \mathbf{x}_l} = \frac{\partial \mathcal{L}}{\partial \mathbf{x}_L} \left( \mathbf{I} + \frac{\partial}{\partial \mathbf{x}_l} \sum_{i=l}^{L-1} g_i(\mathbf{x}_i) \right)$$
#
# 입니다. 괄호 안의 $\mathbf{I}$ 덕분에 출력 쪽 기울기 $\frac{\partial \mathcal{L}}{\partial \mathbf{x}_L}$가 몇 층을 거치든 **곱셈 없이 그대로** 앞쪽 층에 닿습니다. 평범한 망에서는 $\frac{\partial \mathcal{L}}{\partial \mathbf{x}_l} = \frac{\partial \mathcal{L}}{\partial \mathbf{x}_L} \prod_{i} \frac{\partial \mathbf{x}_{i+1}}{\partial \mathbf{x}_i}$처럼 야코비안이 $L - l$번 곱해지므로, 깊어질수록 기울기가 기하급수적으로 작아지는 기울기 소실(vanishing gradient)이나 거꾸로 커지는 기울기 폭발이 일어나기 쉽습니다. 아래 **인터랙티브** (나)에서 실제로 잽니다. (이 노트북의 블록은 덧셈 **뒤에** ReLU가 있어, $g(\mathbf{x}) + \mathbf{x}$가 음수인 성분에서는 기울기가 막히므로 정확한 항등 경로는 아니지만, 덧셈으로 이어진 길이 있어 평범한 망보다는 기울기가 훨씬 고르게 전해집니다. 덧셈 뒤에 아무것도 두지 않는 "사전 활성화(pre-activation)" 블록은 연습문제 3에서 다룹니다.)
#
# 이 기울기 분석은 원 논문이 아니라 같은 저자들의 후속 논문(He 등, 2016b, *Identity Mappings in Deep Residual Networks*)에서 나왔습니다. 주의할 점도 있습니다. 원 논문(2016a)은 배치 정규화를 쓴 평범한 깊은 망이 나빠지는 까닭이 기울기 소실은 **아니라고** 적었습니다. 배치 정규화 덕분에 순전파(forward pass) 신호와 역전파(backpropagation) 기울기의 크기가 적절하게 유지된다는 것을 확인했는데도 훈련 오차가 컸다는 것입니다. 그러니 잔차 연결의 이득을 "기울기 소실을 막는다"는 말로만 설명하면 부족하고, 더한 층이 항등 함수에서 출발할 수 있어 최적화가 쉬워진다는 앞 절의 관점이 함께 필요합니다. 인터랙티브 (나)에서도 배치 정규화가 있는 평범한 망의 기울기는 작아지기보다 오히려 층마다 크게 **달라지는** 모습으로 나타납니다.
#
# ### 잔차 블록의 구조
#
# ResNet의 잔차 블록은 VGG처럼 $3 \times 3$ 합성곱을 씁니다.
#
# $$g(\mathbf{x}) = \mathrm{BN}\big(\mathrm{Conv}_{3\times3}(\mathrm{ReLU}(\mathrm{BN}(\mathrm{Conv}_{3\times3}(\mathbf{x}))))\big), \qquad \text{출력} = \mathrm{ReLU}\big(g(\mathbf{x}) + \mathbf{x}\big)$$
#
# 두 번째 합성곱 뒤에는 ReLU가 **없고**, 입력을 더한 다음에 ReLU를 적용합니다. 덧셈이 되려면 $g(\mathbf{x})$와 $\mathbf{x}$의 모양이 같아야 합니다. 채널 수가 바뀌거나 스트라이드(stride) 2로 해상도(resolution)를 줄이는 블록에서는 숏컷 경로에 $1 \times 1$ 합성곱(같은 스트라이드)을 두어 입력의 모양을 $g(\mathbf{x})$와 맞춥니다.
#
# $$\text{출력} = \mathrm{ReLU}\big(g(\mathbf{x}) + \mathrm{Conv}_{1\times1,\,s}(\mathbf{x})\big)$$
#
# 원 논문은 합성곱마다 바로 뒤에 배치 정규화를 둔다고 적었으므로 숏컷의 $1\times1$ 합성곱 뒤에도 배치 정규화가 있고, torchvision의 구현과 아래의 `d2l.ResNeXtBlock`도 그렇습니다. 책의 `Residual`(과 이 노트북의 `Residual`)은 숏컷에 배치 정규화를 두지 않습니다. 두 형태의 `Residual` 블록은 **구현**의 그림 2에서, 숏컷에 배치 정규화가 있는 `d2l.ResNeXtBlock`은 그림 3에서 봅니다.
#
# **출력 크기.** 합성곱·풀링(pooling)의 출력 높이는 $\lfloor (n_h - k_h + 2p_h)/s_h \rfloor + 1$입니다(PyTorch의 `padding=p`는 위아래에 **각각** $p$줄을 덧붙이므로 $2p_h$). 잔차 블록에서
#
# * $3\times3$, 패딩(padding) 1, 스트라이드 1: $\lfloor (n - 3 + 2)/1 \rfloor + 1 = n$ — 크기 그대로.
# * $3\times3$, 패딩 1, 스트라이드 2: $\lfloor (n - 1)/2 \rfloor + 1 = \lceil n/2 \rceil$.
# * 숏컷의 $1\times1$, 패딩 0, 스트라이드 2: $\lfloor (n - 1)/2 \rfloor + 1 = \lceil n/2 \rceil$ — 위와 같으므로 덧셈이 됩니다.
#
# **파라미터 수.** 합성곱 층(convolutional layer)은 $c_i c_o k_h k_w + c_o$, 배치 정규화 층은 $2c$입니다. 입력 채널(input channel) $c_i$, 출력 채널(output channel) $c$인 잔차 블록은
#
# $$\underbrace{9 c_i c + c}_{\text{conv1}} + \underbrace{9 c^2 + c}_{\text{conv2}} + \underbrace{4c}_{\text{BN 두 개}} \;\; \big[ + \underbrace{c_i c + c}_{1\times1\ \text{숏컷}} \big]$$
#
# 개의 파라미터를 가집니다. 예를 들어 $c_i = c = 64$면 $36{,}928 + 36{,}928 + 256 = 74{,}112$개입니다. 항등 숏컷 자체에는 파라미터가 없습니다.
#
# ### ResNet-18의 전체 구조
#
# * **스템** `b1`: $7\times7$ 합성곱(64채널, 스트라이드 2, 패딩 3) → BN → ReLU → $3\times3$ 최대 풀링(max pooling; 스트라이드 2, 패딩 1). 96×96 입력이면 $\lfloor(96 - 7 + 6)/2\rfloor + 1 = 48$, 풀링 후 $\lfloor(48 - 3 + 2)/2\rfloor + 1 = 24$입니다. GoogLeNet의 스템과 비슷하지만 합성곱 뒤에 배치 정규화가 있습니다.
# * **바디**(body) `b2`–`b5`: 잔차 블록 두 개씩으로 된 네 단계, 채널 64 → 128 → 256 → 512. 첫 단계는 스템이 이미 해상도를 4분의 1로 줄였으므로 다운샘플링(downsampling)하지 않고, 나머지 단계의 첫 블록은 스트라이드 2와 $1\times1$ 숏컷으로 해상도를 반으로 줄이고 채널을 두 배로 늘립니다: $24 \to 24 \to 12 \to 6 \to 3$.
# * **헤드**: 전역 평균 풀링(global average pooling) → 펼치기 → 완전 연결 층(fully connected layer) 10 출력.
#
# 이름의 18은 **가중치 층**, 곧 합성곱 층과 완전 연결 층의 수입니다: 스템의 합성곱 1 + 잔차 블록 8개 × 합성곱 2 + 완전 연결 층 1 = 18 (배치 정규화 층과 $1\times1$ 숏컷은 세지 않습니다). 단계마다 블록 수를 바꾸면 ResNet-34 ((3, 4, 6, 3)) 같은 더 깊은 모델이 됩니다.
#
# 주의할 점이 하나 있습니다. 첫 단계의 블록에는 $1\times1$ 숏컷이 없으므로, 첫 단계의 채널 수는 스템의 출력 채널 수(64)와 **같아야** 합니다. 그렇지 않으면 덧셈에서 모양이 맞지 않습니다(**구현**에서 확인).
#
# ### ResNeXt: 그룹 합성곱으로 너비를 싸게 늘리기
#
# GoogLeNet의 인셉션 블록은 서로 다른 분기를 나란히 두었습니다. Xie 등(2017)의 ResNeXt는 그 생각을 단순하게 바꿉니다. **모양이 똑같은 분기 $g$개**를 나란히 두고 출력을 합치는 것입니다. 분기 수 $g$를 논문은 카디널리티(cardinality)라 부릅니다. 똑같은 분기 $g$개는 **그룹 합성곱**(grouped convolution) 하나로 계산할 수 있습니다.
#
# 그룹 합성곱은 입력 채널 $c_i$개를 $g$개의 그룹으로 나누고, 그룹마다 $c_i/g$개 채널만 보고 $c_o/g$개 채널을 냅니다. 그룹끼리는 채널을 섞지 않습니다. 그래서 $k \times k$ 커널의 가중치 수(편향 제외)와, 출력 해상도가 $h \times w$일 때의 연산량이
#
# $$\text{가중치} = g \cdot \frac{c_i}{g} \cdot \frac{c_o}{g} \cdot k^2 = \frac{c_i c_o k^2}{g}, \qquad \text{연산량} = \frac{2\, c_i c_o k^2\, h w}{g}$$
#
# 로, 보통 합성곱의 $\frac{1}{g}$입니다(식의 2는 곱셈-덧셈 한 쌍을 2 FLOPs로 세는 이 시리즈의 약속에서 옵니다. 02 AlexNet 노트북의 「출력 크기와 파라미터 수」 절을 보세요). $g = 1$이면 보통 합성곱이고, $g = c_i = c_o$이면 채널마다 따로 거르는 깊이별 합성곱(depthwise convolution)입니다. 그룹 사이에 정보가 오가지 않는 약점은 앞뒤의 $1\times1$ 합성곱이 채널을 섞어 보완합니다. 그룹 합성곱 자체는 새 발명이 아닙니다. AlexNet(Krizhevsky 등, 2012)은 모델을 GPU 두 개에 나눠 올리느라 일부 합성곱 층의 채널을 두 그룹으로 나눠 계산했습니다.
#
# **ResNeXt 블록**은 ResNet의 병목(bottleneck) 블록에 그룹 합성곱을 넣은 것입니다.
#
# $$\mathbf{x} \xrightarrow{1\times1,\ b} \mathrm{BN, ReLU} \xrightarrow{3\times3,\ b,\ g\ \text{그룹}} \mathrm{BN, ReLU} \xrightarrow{1\times1,\ c} \mathrm{BN} \;\;+\;\; \text{숏컷} \;\to\; \mathrm{ReLU}$$
#
# $1\times1$ 합성곱이 채널을 $b$개(병목 채널)로 바꾸고, $3\times3$ 그룹 합성곱이 $g$개 그룹으로 공간 정보를 모은 뒤, 다시 $1\times1$ 합성곱이 출력 채널 $c$개로 되돌립니다. 입력과 출력 채널이 모두 $c$이면 합성곱 가중치는
#
# $$c\,b + \frac{9 b^2}{g} + b\,c$$
#
# 개입니다. $g$를 키우면 $3\times3$ 층이 싸지므로 그 몫으로 병목 채널 $b$를 넓힐 수 있다는 것이 ResNeXt의 요점입니다. 다만 $3\times3$ 층의 비용 $9b^2/g$를 그대로 두려면 $g$를 4배로 할 때 $b$는 2배까지만 넓힐 수 있고, 두 $1\times1$ 층의 비용 $2cb$는 $b$에 비례해 늘어납니다. 책과 `d2l.ResNeXtBlock(num_channels, groups, bot_mul)`에서는 $b = $ `num_channels × bot_mul`이고, 인자 `groups`는 그룹의 **개수가 아니라 그룹 하나의 채널 수**(그룹 너비)입니다. 그룹 개수는 $g = b\,/$ `groups`입니다. 이 그룹 너비는 09 RegNet 노트북의 「AnyNet 설계 공간」 절에서 다시 나옵니다. 그 노트북은 책의 AnyNet 절을 따라 기호 $g$를 그룹 **너비**에 쓰므로, 그곳에서는 그룹 수가 $b/g$입니다. 이 노트북의 $g$는 끝까지 그룹 **개수**입니다.

# %% [markdown]
# ## 구현
#
# ### 잔차 블록 `Residual`

# %%
import pandas as pd
import torch
from torch import nn
from torch.nn import functional as F
import d2lmini as d2l


class Residual(nn.Module):
    """잔차 블록: 3x3 합성곱 두 개(+ 배치 정규화)와 숏컷 연결.

    use_1x1conv=True면 숏컷에 1x1 합성곱(스트라이드 strides)을 두어
    채널 수와 해상도를 g(x)와 맞춥니다.
    """
    def __init__(self, num_channels, use_1x1conv=False, strides=1):
        super().__init__()
        self.conv1 = nn.LazyConv2d(num_channels, kernel_size=3, padding=1,
                                   stride=strides)
        self.conv2 = nn.LazyConv2d(num_channels, kernel_size=3, padding=1)
        if use_1x1conv:
            self.conv3 = nn.LazyConv2d(num_channels, kernel_size=1,
                                       stride=strides)
        else:
            self.conv3 = None
        self.bn1 = nn.LazyBatchNorm2d()
        self.bn2 = nn.LazyBatchNorm2d()

    def forward(self, X):
        # g(X): conv1 → BN → ReLU → conv2 → BN  (두 번째 BN 뒤에는 ReLU가 없음)
        Y = F.relu(self.bn1(self.conv1(X)))
        Y = self.bn2(self.conv2(Y))
        # 모양이 바뀌는 블록이면 숏컷의 1x1 합성곱으로 X의 모양을 맞춤
        if self.conv3:
            X = self.conv3(X)
        Y += X              # 잔차 연결: g(X) + X
        return F.relu(Y)    # 덧셈 뒤에 ReLU


# %% [markdown]
# 두 형태의 블록이 모양을 어떻게 바꾸는지 봅니다. 항등 숏컷 블록은 입력과 출력의 모양이 같고, $1\times1$ 숏컷 + 스트라이드 2인 블록은 채널을 바꾸고 높이·너비를 $\lceil 6/2 \rceil = 3$으로 줄입니다.

# %%
# NBVAL_CHECK_OUTPUT
X = torch.randn(4, 3, 6, 6)
print('Residual(3)                              :', tuple(Residual(3)(X).shape))
print('Residual(6, use_1x1conv=True, strides=2) :',
      tuple(Residual(6, use_1x1conv=True, strides=2)(X).shape))

# %% [markdown]
# **그림 2. 잔차 블록의 두 형태.** 위의 `Residual` 클래스로 만든 블록 두 개를 그대로 그립니다. 왼쪽 항등 숏컷 블록에서는 입력이 아무 층도 거치지 않고 ⊕에 닿고, 오른쪽 블록에서는 숏컷의 $1\times1$ 합성곱이 채널과 해상도를 $g(\mathbf{x})$에 맞춥니다. ⊕ 바로 뒤의 ReLU와, 두 번째 배치 정규화 뒤에는 ReLU가 없다는 점도 확인하세요.

# %%
d2l.draw([Residual(64), Residual(128, use_1x1conv=True, strides=2)], [(1, 64, 24, 24), (1, 64, 24, 24)],
         titles=['Residual(64)', 'Residual(128, use_1x1conv=True, strides=2)'])

# %% [markdown]
# ### `ResNet`: 스템, 단계, 헤드
#
# 책처럼 클래스를 여러 셀에 나눠 씁니다. 먼저 스템 `b1`을 가진 클래스를 만들고, `d2l.add_to_class`로 단계를 만드는 `block`과 생성자 `__init__`을 붙입니다.

# %%
class ResNet(d2l.Classifier):
    def b1(self):
        # 스템: 7x7 합성곱(스트라이드 2) → BN → ReLU → 3x3 최대 풀링(스트라이드 2)
        return nn.Sequential(
            nn.LazyConv2d(64, kernel_size=7, stride=2, padding=3),
            nn.LazyBatchNorm2d(), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2, padding=1))


# %% [markdown]
# `block`은 잔차 블록 `num_residuals`개로 된 단계 하나를 만듭니다. 첫 단계(`first_block=True`)가 아니면 단계의 첫 블록이 스트라이드 2와 $1\times1$ 숏컷으로 해상도를 $\lceil n/2 \rceil$로 줄이고 채널을 `num_channels`로 바꿉니다. 첫 단계는 스템의 최대 풀링이 이미 해상도를 줄였으므로 모든 블록이 항등 숏컷입니다.

# %%
@d2l.add_to_class(ResNet)
def block(self, num_residuals, num_channels, first_block=False):
    blk = []
    for i in range(num_residuals):
        if i == 0 and not first_block:
            # 단계의 첫 블록: 해상도는 반으로, 채널은 num_channels로
            blk.append(Residual(num_channels, use_1x1conv=True, strides=2))
        else:
            # 나머지: 모양이 그대로인 항등 숏컷 블록
            blk.append(Residual(num_channels))
    return nn.Sequential(*blk)


# %% [markdown]
# 생성자는 `arch`의 튜플마다 단계를 하나씩 붙입니다. 튜플은 `(잔차 블록 수, 채널 수)`이고, 단계 이름은 스템 다음부터 `b2`, `b3`, …입니다. 마지막 `last`는 헤드입니다.

# %%
@d2l.add_to_class(ResNet)
def __init__(self, arch, lr=0.1, num_classes=10):
    super(ResNet, self).__init__()
    self.save_hyperparameters()
    self.net = nn.Sequential(self.b1())
    for i, b in enumerate(arch):
        # b = (잔차 블록 수, 채널 수) → 단계 b2, b3, ...
        self.net.add_module(f'b{i+2}', self.block(*b, first_block=(i==0)))
    self.net.add_module('last', nn.Sequential(
        nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(),
        nn.LazyLinear(num_classes)))
    self.net.apply(d2l.init_cnn)


# %% [markdown]
# ResNet-18은 블록 두 개짜리 단계 네 개입니다.

# %%
class ResNet18(ResNet):
    def __init__(self, lr=0.1, num_classes=10):
        # (잔차 블록 수, 채널 수) 단계 네 개
        super().__init__(((2, 64), (2, 128), (2, 256), (2, 512)),
                         lr, num_classes)


# %% [markdown]
# **첫 단계의 채널 수.** 첫 단계의 블록은 항등 숏컷이라 입력(스템 출력, 64채널)을 그대로 더합니다. 그래서 `arch`의 첫 채널 수를 64가 아닌 값으로 주면 덧셈에서 오류가 납니다. 작은 모델을 만들고 싶을 때 흔히 걸리는 곳입니다.

# %%
try:
    ResNet(arch=((1, 16), (1, 32))).layer_summary((1, 1, 28, 28))
except RuntimeError as error:
    print('RuntimeError:', error)

# %% [markdown]
# 스템의 출력(64채널)은 만들어졌지만 첫 잔차 블록의 `Y += X`에서 16채널과 64채널을 더하려다 멈췄습니다. 그래서 아래 **훈련**의 작은 모델도 첫 단계는 64채널로 둡니다.
#
# ### ResNeXt 블록과 그룹 합성곱
#
# 책은 ResNeXt 블록을 패키지에 저장해 두고 DenseNet 다음의 CNN 설계 절에서 다시 씁니다(이 시리즈에서는 09 RegNet 노트북). d2lmini에서는 `d2l.ResNeXtBlock`입니다. 층 구성을 출력해 보면 개념 절의 식 그대로 $1\times1$ → $3\times3$ 그룹 합성곱 → $1\times1$입니다. 가운데 층에 찍힌 `groups=`는 PyTorch의 인자라서 그룹 **개수** $g$입니다. 블록에는 그룹 너비 `groups=16`을 주었으므로 병목 채널 64개가 16개씩 $g = 4$개 그룹으로 나뉩니다. PyTorch의 `nn.Conv2d(..., groups=g)`가 그룹 합성곱을 계산합니다. `LazyConv2d(0, 64, …)`의 `0`은 입력 채널 수가 아직 정해지지 않았다는 뜻입니다. 지연 초기화(lazy initialization) 층은 첫 입력을 받을 때 입력 채널 수를 정합니다.

# %%
print(d2l.ResNeXtBlock(num_channels=64, groups=16, bot_mul=1, use_1x1conv=True, strides=2))

# %% [markdown]
# **그림 3. ResNeXt 블록.** 같은 설정의 블록을 그립니다. 가운데 $3\times3$ 합성곱 상자의 그룹 수와, 숏컷의 $1\times1$ 합성곱 뒤에 배치 정규화가 있다는 점(그림 2의 `Residual`과 다른 점)을 보세요.

# %%
d2l.draw(d2l.ResNeXtBlock(num_channels=64, groups=16, bot_mul=1, use_1x1conv=True, strides=2), (1, 64, 24, 24))

# %% [markdown]
# 그룹 합성곱이 정말로 "그룹마다 따로 계산한 보통 합성곱을 이어 붙인 것"인지 숫자로 확인합니다. 입력 채널 8개, 출력 채널 8개, 그룹 4개인 합성곱의 가중치를 그룹마다 잘라 보통 합성곱 네 개로 계산한 결과와 비교합니다.

# %%
# NBVAL_CHECK_OUTPUT
torch.manual_seed(0)
grouped = nn.Conv2d(8, 8, kernel_size=3, padding=1, groups=4, bias=False)
X = torch.randn(2, 8, 5, 5)
pieces = [F.conv2d(X[:, 2 * i:2 * i + 2], grouped.weight[2 * i:2 * i + 2], padding=1) for i in range(4)]
print('가중치 모양:', tuple(grouped.weight.shape), '(출력 8, 그룹당 입력 2, 3, 3)')
print('그룹마다 따로 계산해 이어 붙인 결과와 같은가:', torch.allclose(grouped(X), torch.cat(pieces, dim=1), atol=1e-6))
print('파라미터: 그룹 4개', grouped.weight.numel(), '/ 보통 합성곱', nn.Conv2d(8, 8, 3, bias=False).weight.numel())

# %% [markdown]
# ## 모양 확인
#
# ResNet-18에 96×96 입력을 넣었을 때 스템과 네 단계, 헤드의 출력 모양입니다. 개념에서 계산한 $96 \to 48 \to 24$ (스템), $24 \to 12 \to 6 \to 3$ (단계)와 맞는지 확인하세요. `layer_summary`는 예측 모드로 계산하므로 배치 크기(batch size) 1로도 배치 정규화가 동작합니다.

# %%
# NBVAL_CHECK_OUTPUT
ResNet18().layer_summary((1, 1, 96, 96))

# %% [markdown]
# **그림 4. ResNet-18.** 같은 `ResNet18` 객체를 `depth=2`로 그려 잔차 블록 하나를 상자 하나로 보입니다. 둘째 단계부터는 단계의 첫 블록에서 해상도가 반이 되고 채널이 두 배가 되는 것, 그리고 파라미터가 뒤 단계의 블록에 몰리는 것을 보세요. `depth=1`로 바꾸면 스템·단계·헤드만 남고, `depth=3`이면 블록 안의 층까지 펼칩니다.

# %%
d2l.draw(ResNet18(), (1, 1, 96, 96), depth=2)

# %% [markdown]
# ResNeXt 블록의 모양도 확인합니다. 책과 같이 `ResNeXtBlock(32, 16, 1)`은 채널 32개를 그대로 두고(병목 채널 32개를 16개씩 2그룹으로), `use_1x1conv=True, strides=2`인 블록은 숏컷의 $1\times1$ 합성곱과 함께 해상도를 절반으로 줄입니다.

# %%
# NBVAL_CHECK_OUTPUT
X = torch.randn(4, 32, 96, 96)
print('ResNeXtBlock(32, 16, 1)                          :', tuple(d2l.ResNeXtBlock(32, 16, 1)(X).shape))
print('ResNeXtBlock(64, 16, 1, use_1x1conv=True, strides=2):',
      tuple(d2l.ResNeXtBlock(64, 16, 1, use_1x1conv=True, strides=2)(X).shape))

# %% [markdown]
# **파라미터 수와 연산량.** 단계마다 파라미터 수를 식으로 계산한 값과 실제 모델을 비교합니다. 채널이 두 배가 될 때마다 $9c^2$ 항 때문에 파라미터는 약 4배가 되어, 전체의 대부분이 마지막 단계에 몰려 있습니다. 반대로 높이와 너비가 단계마다 반이 되어 화소 수는 4분의 1이 되므로, 연산량은 단계마다 비슷합니다. 합성곱 층의 연산량은 $2 \cdot c_i k_h k_w \cdot c_o h_o w_o$ FLOPs입니다.

# %%
# NBVAL_CHECK_OUTPUT
def residual_params(c_in, c, shortcut):
    """잔차 블록의 파라미터 수를 식으로: 3x3 합성곱 두 개 + BN 두 개 (+ 1x1 숏컷)."""
    n = (9 * c_in * c + c) + (9 * c * c + c) + 4 * c
    return n + (c_in * c + c if shortcut else 0)


resnet18 = ResNet18()
resnet18.apply_init([torch.zeros(1, 1, 96, 96)])   # 지연 층의 모양을 정합니다
formula = {'b1': (1 * 64 * 7 * 7 + 64) + 2 * 64}           # 7x7 합성곱 + BN
c_in = 64
for i, (num_residuals, c) in enumerate(((2, 64), (2, 128), (2, 256), (2, 512))):
    total = 0
    for j in range(num_residuals):
        total += residual_params(c_in, c, shortcut=(j == 0 and i > 0))
        c_in = c
    formula[f'b{i + 2}'] = total
formula['last'] = 512 * 10 + 10                           # 완전 연결 층
X = torch.zeros(1, 1, 96, 96)
rows = []
for (name, stage), expected in zip(resnet18.net.named_children(), formula.values()):
    flops = d2l.count_flops(stage, X.shape)
    with torch.no_grad():
        X = stage.eval()(X)
    rows.append({'단계': 'b1' if name == '0' else name, '파라미터': d2l.num_params(stage),
                 '식': expected, 'MFLOPs': round(flops / 1e6, 2), '출력': str(tuple(X.shape))})
print(f'합계: 파라미터 {d2l.num_params(resnet18):,} (식: {sum(formula.values()):,}), '
      f'96×96 입력 한 장의 순전파 {d2l.count_flops(resnet18, (1, 1, 96, 96)) / 1e6:,.1f} MFLOPs')
pd.DataFrame(rows).set_index('단계')

# %% [markdown]
# ## 인터랙티브
#
# ### (가) 구조 바꿔 보기: 단계 수, 블록 수, 입력 크기
#
# 슬라이더로 단계 수(채널 64, 128, 256, 512 중 앞에서부터), 단계마다의 잔차 블록 수, 입력 해상도를 바꾸면 실제로 `ResNet(arch)`를 만들어 단계별 출력 모양, 파라미터 수, 연산량을 보여 줍니다. 출력 크기는 식 $\lceil n/2 \rceil$로 계산한 값과도 비교합니다. 기본값은 ResNet-18 (4단계 × 2블록, 96×96)입니다. 첫 줄의 "가중치 층"은 개념 절처럼 합성곱 층과 완전 연결 층만 센 수입니다.
#
# * 블록 수를 늘리면 파라미터와 연산량이 늘지만 모양은 그대로입니다.
# * 입력 크기를 바꾸면 연산량은 대략 면적에 비례해 바뀌지만 **파라미터 수는 그대로**입니다. 전역 평균 풀링 덕분에 헤드가 해상도와 상관없기 때문입니다.
# * 입력이 작으면 마지막 단계의 특성 맵(feature map)이 1×1까지 줄어듭니다. 28×28에서는 스템만 지나도 7×7입니다.

# %%
import math
import ipywidgets as widgets


def describe_resnet(num_stages=4, residuals_per_stage=2, input_size=96):
    arch = tuple((residuals_per_stage, 64 * 2 ** i) for i in range(num_stages))
    model = ResNet(arch=arch)
    X = torch.zeros(1, 1, input_size, input_size)
    model.apply_init([X])
    depth = 1 + 2 * residuals_per_stage * num_stages + 1
    print(f'arch = {arch}  →  가중치 층 {depth}개 (ResNet-{depth})')
    rows = []
    n = math.floor((input_size - 7 + 6) / 2) + 1       # 스템의 7x7 합성곱
    n = math.floor((n - 3 + 2) / 2) + 1                 # 스템의 최대 풀링
    with torch.no_grad():
        model.eval()
        for i, (name, stage) in enumerate(model.net.named_children()):
            name = 'b1' if name == '0' else name
            flops = d2l.count_flops(stage, X.shape) / 1e6
            X = stage(X)
            if 2 <= i <= num_stages:                     # 둘째 단계부터: 스트라이드 2
                n = math.ceil(n / 2)
            expected = '' if name == 'last' else f'{n}×{n}'
            rows.append({'단계': name, '출력 모양': str(tuple(X.shape)), '식의 크기': expected,
                         '파라미터': d2l.num_params(stage), 'MFLOPs': round(flops, 2)})
    rows.append({'단계': '합계', '출력 모양': '', '식의 크기': '', '파라미터': d2l.num_params(model),
                 'MFLOPs': round(d2l.count_flops(model, (1, 1, input_size, input_size)) / 1e6, 2)})
    return pd.DataFrame(rows).set_index('단계')


d2l.interact(
    describe_resnet,
    num_stages=widgets.IntSlider(value=4, min=1, max=4, description='단계 수'),
    residuals_per_stage=widgets.IntSlider(value=2, min=1, max=4, description='블록 수'),
    input_size=widgets.IntSlider(value=96, min=28, max=224, step=4, description='입력 크기',
                                 continuous_update=False))

# %% [markdown]
# ### (나) 깊이에 따라 첫 층에 닿는 기울기: 평범한 망 vs 잔차 망
#
# 잔차 연결이 기울기에 주는 효과를 직접 잽니다. 합성곱($3\times3$, 16채널) → 배치 정규화 → ReLU 층을 $N$개 쌓은 두 망을 만듭니다.
#
# * **평범한 망**: $\mathbf{x}_{l+1} = \mathrm{ReLU}(\mathrm{BN}(\mathrm{Conv}(\mathbf{x}_l)))$
# * **잔차 망**: $\mathbf{x}_{l+1} = \mathrm{ReLU}(\mathrm{BN}(\mathrm{Conv}(\mathbf{x}_l)) + \mathbf{x}_l)$
#
# 둘 다 입력 쪽에 합성곱 층 하나(1 → 16채널, "첫 층"), 출력 쪽에 전역 평균 풀링과 완전 연결 층을 붙이고, **실제 Fashion-MNIST 미니배치**(minibatch) 64장으로 교차 엔트로피(cross-entropy) 손실(loss)을 한 번 역전파합니다. 초기화는 같은 시드의 `d2l.init_cnn` (Xavier)입니다. 출력 첫 줄의 `데이터: real`은 실제 Fashion-MNIST를 썼다는 뜻입니다(데이터를 구하지 못하면 합성 대체 데이터를 쓰고 `synthetic`이라고 찍습니다). 그리고 첫 층과 쌓은 층마다 가중치 기울기의 노름 $\lVert \partial \mathcal{L} / \partial \mathbf{W}_l \rVert$을 기록합니다. 몇 가지 깊이에서 미리 계산해 두고, 슬라이더는 그 결과를 고르기만 합니다.

# %%
import matplotlib.pyplot as plt


class ConvBNReLU(nn.Module):
    """합성곱 → 배치 정규화 → ReLU 한 층. skip=True면 ReLU 앞에서 입력을 더합니다."""
    def __init__(self, channels, skip):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        self.bn = nn.BatchNorm2d(channels)
        self.skip = skip

    def forward(self, X):
        Y = self.bn(self.conv(X))
        return F.relu(Y + X) if self.skip else F.relu(Y)


def stacked_net(depth, skip, channels=16):
    layers = [nn.Conv2d(1, channels, kernel_size=3, padding=1),     # 첫 층
              nn.BatchNorm2d(channels), nn.ReLU()]
    layers += [ConvBNReLU(channels, skip) for _ in range(depth)]
    layers += [nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Linear(channels, 10)]
    return nn.Sequential(*layers)


def gradient_norms(depth, skip, X, y):
    """한 번 역전파한 뒤 [첫 층, 쌓은 층 1, ..., 쌓은 층 N]의 가중치 기울기 노름."""
    torch.manual_seed(0)
    net = stacked_net(depth, skip)
    net.apply(d2l.init_cnn)
    net.train()
    F.cross_entropy(net(X), y).backward()
    convs = [net[0]] + [layer.conv for layer in net if isinstance(layer, ConvBNReLU)]
    return [conv.weight.grad.norm().item() for conv in convs]


grad_data = d2l.FashionMNIST(batch_size=64)
X_batch, y_batch = next(iter(grad_data.get_dataloader(True)))
depths = [1, 2, 4, 8, 16, 32, 64]
grad_results = {(depth, skip): gradient_norms(depth, skip, X_batch, y_batch)
                for depth in depths for skip in (False, True)}
print(f'데이터: {grad_data.source}, 미니배치 {tuple(X_batch.shape)}; 첫 층 가중치 기울기의 노름:')
pd.DataFrame({'평범한 망': [grad_results[d, False][0] for d in depths],
              '잔차 망': [grad_results[d, True][0] for d in depths]},
             index=pd.Index(depths, name='깊이 N')).T


# %%
def show_gradients(depth=32):
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.5))
    for skip, color, label in ((False, 'C0', d2l.label('평범한 망', 'plain')),
                               (True, 'C3', d2l.label('잔차 망', 'residual'))):
        first = [grad_results[d, skip][0] for d in depths]
        ax1.plot(depths, first, 'o-', color=color, label=label)
        ax2.plot(range(depth + 1), grad_results[depth, skip], '.-', color=color, label=label)
    ax1.axvline(depth, color='gray', ls=':')
    ax1.set_xscale('log', base=2)
    ax1.set_yscale('log')
    ax1.set_xlabel(d2l.label('깊이 N (쌓은 층 수)', 'depth N (stacked layers)'))
    ax1.set_ylabel(d2l.label('첫 층 기울기 노름', '‖grad of first layer‖'))
    ax1.legend()
    ax2.set_yscale('log')
    ax2.set_xlabel(d2l.label('층 번호 (0 = 첫 층, 입력 쪽)', 'layer index (0 = first, input side)'))
    ax2.set_ylabel(d2l.label('가중치 기울기 노름', '‖grad of weight‖'))
    ax2.set_title(d2l.label(f'깊이 N = {depth}', f'depth N = {depth}'), fontsize=10)
    ax2.legend()
    fig.tight_layout()
    plt.show()
    plain, residual = grad_results[depth, False], grad_results[depth, True]
    ratio = plain[0] / plain[-1]
    print(f'N = {depth}: 첫 층 / 마지막 층 기울기 노름의 비 — 평범한 망 {ratio:.3g} '
          f'(층 하나에 약 {ratio ** (1 / depth):.2f}배), 잔차 망 {residual[0] / residual[-1]:.3g}')


d2l.interact(show_gradients, depth=widgets.SelectionSlider(
    options=depths, value=32, description='깊이 N', continuous_update=False))

# %% [markdown]
# 읽는 법: 오른쪽 그림은 한 깊이에서 층마다의 기울기 노름입니다. **평범한 망**에서는 출력 쪽(오른쪽)에서 입력 쪽(왼쪽)으로 갈수록 노름이 기하급수적으로 변합니다. 층을 하나 지날 때마다 야코비안이 곱해지기 때문입니다. 배치 정규화가 있는 평범한 망에서는 보통 입력 쪽으로 갈수록 **커지는** 쪽(기울기 폭발)으로 나타나고, 배치 정규화가 없으면 작아지는 쪽(기울기 소실)으로 나타나기 쉽습니다(연습문제 8). 배치 정규화를 쓰는 평범한 깊은 망이 초기화 때 기울기 폭발을 겪는다는 것은 Yang 등(2019, *A Mean Field Theory of Batch Normalization*)이 이론으로 보인 결과이기도 합니다.
#
# 이 노트북에 저장된 실행에서 평범한 망의 노름은 층 하나를 지날 때 약 1.1배<!-- run 1.13 -->씩만 커집니다. 하지만 이것이 쌓여 깊이 32에서는 첫 층과 마지막 층의 노름이 약 57배<!-- run 56.9 --> 벌어지고, 깊이 64에서는 첫 층의 노름이 약 1,900<!-- run 1898.263062 -->으로 깊이 1일 때의 수천 배가 됩니다. 층마다 기울기의 크기가 이렇게 다르면 하나의 학습률(learning rate)로 모든 층을 알맞게 훈련하기 어렵습니다. 다만 이것은 Xavier 초기화 직후 한 번의 역전파에서 잰 값이고, 층 하나에 약 1.1배<!-- run 1.13 -->라는 작은 차이가 깊이만큼 쌓인 것입니다. 개념 절에서 본 원 논문(2016a)의 관찰, 곧 배치 정규화를 쓴 평범한 망의 기울기 크기가 적절했다는 것은 훈련하는 동안의 망에서 본 것이라 이 측정과 반드시 어긋나지는 않습니다.
#
# **잔차 망**은 식의 $\mathbf{I}$ 항 덕분에 깊이 32에서도 그 비가 약 3.9배<!-- run 3.94 -->이고, 깊이 64에서도 첫 층의 노름이 비슷한 범위에 머뭅니다. 왼쪽 그림은 깊이에 따른 첫 층의 기울기 노름을 한눈에 보여 줍니다. 깊이 16까지는 두 망 모두 노름이 고르고, 오히려 잔차 망 쪽이 큽니다(깊이 16에서 약 3.7<!-- run 3.722903 --> 대 약 0.76<!-- run 0.762473 -->). 잔차 망에서는 숏컷을 지나는 길과 쌓은 층을 지나는 길의 기울기가 더해지기 때문입니다. 평범한 망의 노름이 잔차 망을 넘어 크게 벌어지는 것은 깊이 32부터입니다. 정확한 숫자는 초기화 시드와 미니배치에 따라 달라지지만, 깊이에 따른 경향은 같습니다.

# %% [markdown]
# ### (다) ResNeXt 블록: 그룹 수와 비용
#
# 출력 채널 $c$, 병목 배율(`bot_mul`), 그룹 수 $g$, 해상도를 바꾸며 `d2l.ResNeXtBlock`을 실제로 만들어 층마다 파라미터와 연산량을 셉니다. 그룹 수 1은 그룹 합성곱이 없는 ResNet 병목 블록입니다. 표의 마지막 `3×3 (식)` 행은 개념 절의 식으로 계산한 값입니다. 파라미터는 가중치 $9b^2/g$에 편향 $b$개를 더한 $9b^2/g + b$이고(`d2l.num_params`는 편향도 셉니다), 연산량은 $2 \cdot 9b^2 hw/g$입니다. 둘째 행 `3×3 (그룹)`의 실제 값과 같아야 합니다. 확인해 볼 것:
#
# * $g$를 두 배로 하면 $3\times3$ 층의 파라미터와 연산량만 절반이 되고(편향 $b$개는 그대로), 두 $1\times1$ 층은 그대로입니다. 그래서 $g$가 커지면 블록의 비용은 두 $1\times1$ 층이 거의 다 차지합니다.
# * 병목 배율을 키우면(채널 $b$가 넓어지면) $3\times3$ 층의 비용이 $b^2$에 비례해 늘어납니다. 그룹 수를 함께 키우면 그만큼을 되돌려 받을 수 있습니다. 이것이 "같은 비용에 더 넓은 병목"입니다.

# %%
def resnext_costs(c=128, bot_mul=1.0, num_groups=8, size=28):
    b = int(round(c * bot_mul))
    if b % num_groups:
        print(f'병목 채널 {b}개를 그룹 {num_groups}개로 똑같이 나눌 수 없습니다. 그룹 수를 줄이세요.')
        return
    block = d2l.ResNeXtBlock(c, groups=b // num_groups, bot_mul=bot_mul)
    X = torch.zeros(1, c, size, size)
    with torch.no_grad():
        block.eval()(X)
    layers = {'1×1 (축소)': block.conv1, '3×3 (그룹)': block.conv2, '1×1 (복원)': block.conv3}
    table = pd.DataFrame({
        '파라미터': [d2l.num_params(layer) for layer in layers.values()],
        'MFLOPs': [round(d2l.count_flops(layer, (1, layer.in_channels, size, size)) / 1e6, 2)
                   for layer in layers.values()]}, index=list(layers))
    # 개념 절의 식: 가중치 9b²/g + 편향 b, 연산량 2·9b²·(해상도)²/g (스트라이드 1)
    table.loc['3×3 (식)'] = [9 * b * b // num_groups + b,
                            round(2 * 9 * b * b // num_groups * size * size / 1e6, 2)]
    print(f'c = {c}, 병목 채널 b = {b}, 그룹 {num_groups}개 × 그룹 너비 {b // num_groups} '
          f'(d2l.ResNeXtBlock({c}, groups={b // num_groups}, bot_mul={bot_mul}))')
    print(f'블록 전체: 파라미터 {d2l.num_params(block):,}, {size}×{size}에서 '
          f'{d2l.count_flops(block.eval(), (1, c, size, size)) / 1e6:,.1f} MFLOPs')
    return table


d2l.interact(
    resnext_costs,
    c=widgets.Dropdown(options=(64, 128, 256), value=128, description='채널 c'),
    bot_mul=widgets.Dropdown(options=(0.25, 0.5, 1.0, 2.0), value=1.0, description='병목 배율'),
    num_groups=widgets.SelectionSlider(options=(1, 2, 4, 8, 16, 32, 64), value=8,
                                       description='그룹 수 g', continuous_update=False),
    size=widgets.Dropdown(options=(7, 14, 28, 56), value=28, description='해상도'))

# %% [markdown]
# ## 훈련
#
# 책의 설정은 ResNet-18을 96×96 해상도에서 확률적 경사 하강법(SGD)으로 배치 크기 128, 고정 학습률 0.01로 10에폭(epoch) 훈련하는 것입니다. 96×96 입력 한 장의 순전파가 약 637<!-- run 637.3 --> MFLOPs(**모양 확인**의 표)라서, GPU 없이 2코어 CPU에서 돌리면 10에폭에 한 시간 넘게 걸릴 것으로 어림됩니다(이 노트북에 저장된 실행의 속도로 어림하면 에폭당 약 8분<!-- run -->, 10에폭에 약 1.4시간<!-- run -->입니다. 어림하는 방법은 **결과**의 「책의 설정은 얼마나 걸릴까」 절에 있습니다). 그래서 `cpu` 프로필은 같은 `ResNet` 클래스를 쓰되 `arch`로 모델을 줄이고 해상도를 낮추며, 02~09 노트북의 모든 모델과 같은 훈련 레시피(training recipe)로 같은 예산만큼 훈련합니다.
#
# * **해상도 28×28** (원래 크기): 연산량은 면적에 비례하므로 96×96보다 약 12배 가볍습니다.
# * **`arch=((1, 64), (1, 128))`**: 블록 하나짜리 단계 두 개. 첫 단계는 위에서 본 이유로 64채널이어야 합니다. 28×28에서는 스템 뒤가 7×7, 둘째 단계 뒤가 4×4라 단계를 더 쌓아도 해상도가 거의 남지 않습니다.
# * **훈련 레시피 `d2l.CPU_RECIPE`, 8에폭, 배치 크기 128**: AdamW 옵티마이저에 원사이클(one-cycle) 스케줄로 학습률(최고 0.002)과 AdamW의 β1을 함께 바꾸고 가중치 감쇠(weight decay)와 레이블 스무딩(label smoothing)을 더한, 02~09 노트북의 모든 모델이 함께 쓰는 레시피입니다. 재료마다의 설명과 효과는 [10 모든 모델 비교 노트북의 「훈련 레시피」 절](10_comparison.ipynb)에 있고, 그 절의 표는 바로 이 모델(같은 `arch`, 28×28)에 재료를 하나씩 더해 가며 잰 것입니다.
#
# 레시피와 에폭 수는 모든 모델에 같고, 모델마다 다른 것은 해상도·너비와 초기화뿐입니다. 해상도와 너비는 2코어 CPU에서 8에폭이 4분 안에 끝나도록 정했고, 초기화는 책처럼 `d2l.init_cnn`(Xavier)입니다. 훈련 셀은 에폭마다 훈련 손실, 검증(validation) 손실, 검증 정확도(accuracy)를 그래프에 찍고, 그 결과는 **결과**에서 책의 값과 견줍니다.
#
# 설정 셀 다음 셀은 책의 ResNet-18과 `cpu` 모델이 이미지 한 장에 쓰는 연산량과 그 비를 셉니다. GPU가 있으면 저절로 고르는 `book` 프로필에서는 `arch`가 ResNet-18 그대로이고 훈련 방법도 `d2l.BOOK_RECIPE`(SGD, 고정 학습률)이므로, `ResNet(arch=cfg.arch, lr=cfg.lr)`가 곧 책의 `ResNet18(lr=0.01)` 훈련입니다. 자동 점검에 쓰는 `smoke` 프로필은 몇 초면 끝납니다. 훈련 셀이 찍는 `[d2lmini]` 두 줄은 CPU로 훈련한다는 것과, 이 CPU에서 잰 가장 빠른 계산 방법(bf16 등)을 알립니다(README의 「벤치마크」 절).

# %%
cfg = d2l.profile_settings(
    book=dict(max_epochs=10, batch_size=128, lr=0.01, resize=(96, 96),
              arch=((2, 64), (2, 128), (2, 256), (2, 512)), recipe=d2l.BOOK_RECIPE),
    cpu=dict(max_epochs=8, batch_size=128, lr=0.002, resize=(28, 28),
             arch=((1, 64), (1, 128)), recipe=d2l.CPU_RECIPE),
    smoke=dict(max_epochs=1, batch_size=64, lr=0.002, resize=(28, 28),
               arch=((1, 64), (1, 128)), recipe=d2l.CPU_RECIPE))

# %%
# 이미지 한 장의 순전파 연산량: 책의 ResNet-18(96×96)과 이 프로필의 모델
book_flops = d2l.count_flops(ResNet18(), (1, 1, 96, 96))
run_flops = d2l.count_flops(ResNet(arch=cfg.arch), (1, 1, *cfg.resize))
flops_ratio = book_flops / run_flops
print(f'책의 ResNet-18 (96×96): {book_flops / 1e6:,.1f} MFLOPs, '
      f'이 프로필의 모델 {cfg.resize}: {run_flops / 1e6:,.1f} MFLOPs → {flops_ratio:.0f}배')

# %%
trainer = d2l.Trainer(max_epochs=cfg.max_epochs, num_gpus=1, seed=0)
data = d2l.FashionMNIST(batch_size=cfg.batch_size, resize=cfg.resize)
model = ResNet(arch=cfg.arch, lr=cfg.lr)
cfg.recipe.apply(model, data)   # 훈련 방법: book은 책 그대로, cpu는 모든 모델에 같은 레시피
model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
history = trainer.fit(model, data)

# %% [markdown]
# 이번 실행을 기록해 두면 10 비교 노트북이 다른 모델과 나란히 놓습니다. 기록(`results/<프로필>/07_resnet.json`)에는 모델, 설정, 파라미터 수, 연산량, 초당 이미지 수, 에폭별 값, 시간, 기계가 들어가고, `book_figure`에는 책의 그래프에서 읽은 ResNet-18(96×96, 10에폭)의 검증 정확도 0.90을 적습니다.

# %%
d2l.record_run('07_resnet', 'ResNet', model, data, trainer, cfg, book_figure=0.90)

# %% [markdown]
# ## 결과
#
# 에폭별 기록과 훈련한 모델입니다.

# %%
print(f'모델: ResNet(arch={cfg.arch}), 입력 {cfg.resize}, 파라미터 {d2l.num_params(model):,}')
history.to_frame()

# %% [markdown]
# **에폭별 기록 읽기.** `lr` 열은 각 에폭을 시작할 때의 학습률로, 처음 두 에폭 동안 0.002까지 올랐다가 거의 0까지 내려가는 원사이클 스케줄이 보입니다(같은 스케줄이 AdamW의 β1을 0.95→0.85→0.95로 움직이지만 표에는 나오지 않습니다). 검증 정확도는 학습률이 가장 큰 3에폭 무렵에도 꺾이지 않고 에폭마다 올라, 학습률이 작아지는 마지막 에폭들에서 약 0.92<!-- run 0.9232 -->에 이르렀습니다. 훈련 손실(`train_loss`)이 검증 손실(`val_loss`)보다 큰 것은 잘못된 것이 아닙니다. 레이블 스무딩이 훈련 손실에만 들어 있어서 훈련 손실은 모델이 완벽해도 약 0.5 아래로 내려가지 않고, 검증 손실은 보통의 교차 엔트로피이기 때문입니다.
#
# **책과 견주기.** 2코어 CPU에서 `cpu` 프로필로 이 노트북에 저장된 실행은 8에폭에 약 1.7분<!-- run 1.66 -->이 걸렸고, 마지막 검증 정확도 약 0.92<!-- run 0.9232 -->는 책의 그래프에서 읽은 ResNet-18(96×96, 10에폭)의 0.90보다 약 0.02 높습니다. 이미지 한 장의 연산량이 책의 모델보다 40배<!-- run --> 적은 모델로 책의 값에 닿은 것입니다. 다만 해상도와 너비만이 아니라 훈련 레시피와 에폭 수도 책과 다르므로, 이 차이가 어느 한 가지에서 왔다고 말할 수는 없습니다.
#
# ### 책의 설정은 얼마나 걸릴까
#
# GPU가 없을 때 책의 설정(ResNet-18, 96×96, 10에폭)을 그대로 돌리면 얼마나 걸릴지 어림합니다. 훈련 시간이 이미지 한 장의 연산량에 비례한다고 보고, 이번 실행의 에폭 시간(6만 장 기준)에 **훈련** 절에서 센 연산량의 비를 곱합니다. 작은 모델은 계산 장치를 덜 바쁘게 쓰므로, 실제 시간과는 두세 배까지 어긋날 수 있는 자릿수 어림입니다. 큰 모델은 계산 장치를 더 바쁘게 쓰므로 실제 시간은 이 어림보다 짧기 쉽습니다. `book` 프로필이면 비가 1이라 이번 실행 그대로입니다. `smoke` 프로필은 데이터가 너무 작아 준비 시간이 대부분이므로 이 어림이 맞지 않습니다.

# %%
epoch_minutes = sum(history.column('seconds')) / len(history) / 60 * 60_000 / len(data.train)
print(f'이번 실행({cfg.profile}): 6만 장 한 에폭에 약 {epoch_minutes:.1f}분')
print(f'책의 설정(연산량 {flops_ratio:.0f}배) 어림: 에폭당 약 {epoch_minutes * flops_ratio:.0f}분, '
      f'10에폭에 약 {epoch_minutes * flops_ratio * 10 / 60:.1f}시간')

# %% [markdown]
# ### 어떤 클래스를 틀리나
#
# 검증 데이터 1만 장의 예측을 정답과 맞대어 봅니다. 혼동 행렬(confusion matrix)의 $(i, j)$ 칸은 정답이 $i$인데 $j$로 예측한 장수라서 대각선 밖의 큰 수가 잦은 실수이고, 그중 큰 다섯 쌍과 클래스별 정확도를 표로 함께 보여 줍니다.

# %%
report = d2l.classification_report(model, data, k=5)

# %% [markdown]
# `report.summary()`가 혼동 행렬과 두 표의 요점을 한 줄씩 뽑고, 이어서 전체 오류 가운데 네 윗옷 클래스(티셔츠·풀오버·코트·셔츠)끼리 헷갈린 것이 얼마인지 혼동 행렬에서 셉니다.

# %%
report.summary()
tops = [report.class_names.index(name) for name in ('t-shirt', 'pullover', 'coat', 'shirt')]
errors = int(report.matrix.sum() - report.matrix.trace())
top_errors = int(report.matrix[tops][:, tops].sum() - report.matrix[tops, tops].sum())
print(f'윗옷 네 클래스끼리의 오류: {top_errors}장 / 전체 오류 {errors}장 ({top_errors / errors:.0%})')

# %% [markdown]
# 이 노트북에 저장된 실행에서도 Fashion-MNIST의 전형적인 어려움이 그대로 보입니다. 정확도가 가장 낮은 클래스는 셔츠(shirt, 약 0.76<!-- run 0.758 -->)이고, 가장 흔한 실수는 셔츠를 티셔츠(t-shirt)로 본 것(95<!-- run -->장)과 그 반대(83<!-- run -->장)입니다. 오류 769<!-- run -->장 가운데 512<!-- run -->장(67%<!-- run -->), 곧 3분의 2가 티셔츠·풀오버(pullover)·코트(coat)·셔츠 네 윗옷 클래스끼리 헷갈린 것이고, 바지·샌들·스니커즈·가방·앵클부츠는 모두 0.95 이상을 맞혔습니다. 책의 값을 넘은 모델도 28×28 흑백 이미지에서는 깃, 단추, 소매 길이 같은 윗옷의 세부를 가려내기 어렵다는 뜻입니다. 아래는 틀린 예제 몇 개입니다(제목: 정답 → 예측).

# %%
d2l.show_misclassified(model, data, n=8)

# %% [markdown]
# ## 요약과 연습문제
#
# **요약**
#
# * 깊은 망이 얕은 망보다 나빠지지 않으려면 더한 층이 항등 함수를 쉽게 표현할 수 있어야 합니다. 잔차 블록은 $f(\mathbf{x}) = g(\mathbf{x}) + \mathbf{x}$로 층이 잔차 $g$만 배우게 해서, $g = 0$이면 항등 매핑이 됩니다.
# * 잔차 연결의 야코비안에는 $\mathbf{I}$가 더해져, 출력 쪽 기울기가 곱셈 없이 앞쪽 층까지 닿습니다. 실제 텐서로 재 보면 평범한 망은 깊어질수록 층마다의 기울기 크기가 기하급수적으로 벌어지고, 잔차 망은 비슷한 범위에 머뭅니다.
# * 모양이 바뀌는 블록은 숏컷에 $1\times1$ 합성곱(같은 스트라이드)을 둡니다. 스트라이드 2면 $3\times3$ (패딩 1)과 $1\times1$ (패딩 0) 모두 $\lceil n/2 \rceil$을 내므로 덧셈이 됩니다.
# * ResNet-18 = 스템($7\times7$ 합성곱 + 최대 풀링) + 블록 두 개짜리 네 단계(64→512채널) + 전역 평균 풀링과 완전 연결 층. 파라미터 11,178,378<!-- run -->개의 대부분이 마지막 단계에 있습니다.
# * 첫 단계의 채널 수는 스템 출력(64)과 같아야 합니다.
# * 그룹 합성곱은 채널을 $g$개 그룹으로 나눠 가중치와 연산량을 $\frac{1}{g}$로 줄입니다. ResNeXt 블록은 $1\times1$ → $3\times3$ 그룹 합성곱 → $1\times1$ 병목에 잔차 연결을 더한 것으로, 그룹 수를 늘리면 $3\times3$ 층의 비용을 그대로 두고 더 넓은 병목을 쓸 수 있습니다.
#
# **토론과 더 나아가기**
#
# 잔차 연결은 ResNet 이후 거의 모든 깊은 망의 기본 부품이 되었습니다. 08 DenseNet 노트북의 밀집 연결은 덧셈을 이어 붙이기로 바꾼 변형이고, 09 RegNet 노트북의 설계 공간도 ResNeXt 블록 위에 세워집니다. 합성곱을 쓰지 않는 트랜스포머(Vaswani 등, 2017)도 층마다 잔차 연결과 정규화를 두어 수십 층을 쌓습니다. 한편 ResNeXt의 그룹 합성곱을 끝까지 밀어 그룹 너비를 1로 하면 깊이별 합성곱이 되는데, 이것을 $1\times1$ 합성곱과 짝지은 구조가 MobileNet(Howard 등, 2017) 같은 가벼운 모델의 바탕입니다. 어느 쪽이든 "층이 항등 함수에서 쉽게 출발할 수 있게 하라"는 이 노트북의 생각이 깊은 망을 훈련하는 데 여전히 핵심입니다.
#
# **연습문제**
#
# 각 문제의 풀이는 [07 ResNet 풀이 노트북](solutions/07_resnet_solutions.ipynb)에 있습니다. 먼저 직접 풀어 본 뒤에 여세요.
#
# 1. 05 GoogLeNet 노트북의 인셉션 블록과 이 노트북의 잔차 블록은 무엇이 다른가요? 연산량, 정확도, 표현할 수 있는 함수 클래스의 관점에서 비교하고, 두 생각을 한 블록에 합칠 수 있을지도 생각해 보세요. *힌트: 인셉션 블록은 분기의 출력을 이어 붙이고, 잔차 블록은 입력을 더합니다. Szegedy 등(2017)의 Inception-ResNet을 찾아보세요.* [풀이](solutions/07_resnet_solutions.ipynb#연습문제-1)
# 2. 함수 클래스가 포함 관계에 있으면 클래스를 키워도 $f^*$에서 멀어지지 않습니다. 그렇다면 왜 함수의 복잡도를 끝없이 키울 수는 없을까요? *힌트: 비용, 유한한 데이터에서의 일반화, 최적화의 세 가지 면에서 생각해 보세요. 원 논문(He 등, 2016a)의 CIFAR-10 실험에는 1,202층 ResNet도 있습니다.* [풀이](solutions/07_resnet_solutions.ipynb#연습문제-2)
# 3. 덧셈 **뒤의** ReLU를 없애고 BN → ReLU → 합성곱 순서로 바꾼 "사전 활성화" 잔차 블록을 만들어 보세요. 인터랙티브 (나)의 `ConvBNReLU`를 그렇게 바꾸면 잔차 망의 기울기 그림이 어떻게 달라지나요? *힌트: $\mathbf{x}_{l+1} = \mathbf{x}_l + g_l(\mathbf{x}_l)$가 정확히 성립하게 됩니다.* [풀이](solutions/07_resnet_solutions.ipynb#연습문제-3)
# 4. 깊은 ResNet(ResNet-50 등)은 $1\times1$ → $3\times3$ → $1\times1$ 합성곱으로 채널을 줄였다 늘리는 병목 블록을 씁니다. 채널 256인 입력에 대해 $3\times3$ 합성곱 두 개짜리 블록과, 64채널로 줄이는 병목 블록의 파라미터 수를 식으로 비교해 보세요. *힌트: $c_i c_o k_h k_w + c_o$를 층마다 더하면 됩니다.* [풀이](solutions/07_resnet_solutions.ipynb#연습문제-4)
# 5. 원 논문의 표 1에는 ResNet-18 말고도 여러 깊이의 모델이 있습니다. `ResNet`의 `arch`로 ResNet-34(단계마다 블록 3, 4, 6, 3개)를 만들어 파라미터 수와 96×96 입력의 연산량을 ResNet-18과 비교해 보세요. ResNet-50 이상을 이 클래스로 만들 수 없는 까닭은 무엇인가요? *힌트: 인터랙티브 (가)의 `describe_resnet`처럼 `d2l.num_params`와 `d2l.count_flops`를 쓰세요.* [풀이](solutions/07_resnet_solutions.ipynb#연습문제-5)
# 6. `ResNet`의 스템 채널 수를 인자로 받도록 `b1`을 고치면 첫 단계의 채널 제약이 어떻게 풀리나요? *힌트: 하위 클래스에서 `b1`만 다시 정의하면 됩니다.* [풀이](solutions/07_resnet_solutions.ipynb#연습문제-6)
# 7. 28×28 입력에 맞게 스템을 $3\times3$ 합성곱(스트라이드 1) 하나로 바꾸고 최대 풀링을 없애면 단계마다의 해상도와 연산량은 어떻게 달라지나요? *힌트: `layer_summary`와 `d2l.count_flops`로 `cpu` 프로필의 모델과 비교하세요.* [풀이](solutions/07_resnet_solutions.ipynb#연습문제-7)
# 8. 인터랙티브 (나)에서 `ConvBNReLU`의 배치 정규화를 빼면(합성곱 → ReLU) 평범한 망과 잔차 망의 첫 층 기울기가 깊이에 따라 어떻게 변하나요? *힌트: 배치 정규화가 없으면 잔차 망의 값이 층마다 더해져 커질 수 있으니, 순전파 출력의 크기도 함께 출력해 보세요.* [풀이](solutions/07_resnet_solutions.ipynb#연습문제-8)
# 9. 개념 절의 "zero $\gamma$" 초기화를 인터랙티브 (나)의 잔차 망에 해 보세요. 쌓은 층마다 배치 정규화의 $\gamma$를 0으로 두면 첫 층의 기울기 노름은 깊이에 따라 어떻게 되나요? *힌트: $\gamma = 0$이면 쌓은 층은 처음에 $\mathrm{ReLU}(\mathbf{x})$만 냅니다.* [풀이](solutions/07_resnet_solutions.ipynb#연습문제-9)
# 10. 같은 "zero $\gamma$" 초기화로 이 노트북의 모델을 훈련해 보세요. `apply_init` 뒤에 모든 `Residual` 블록의 `bn2.weight`를 0으로 두고, `cpu` 프로필의 모델과 레시피로 데이터의 4분의 1(`fraction=0.25`)을 2에폭 훈련하면 첫 에폭의 훈련 손실과 2에폭 뒤의 검증 정확도가 기본 초기화와 어떻게 다른가요? 시드만 바꾼 기본 초기화 실행과도 견주어 보세요. *힌트: `model.modules()`를 돌며 `Residual`인 모듈 `m`마다 `nn.init.zeros_(m.bn2.weight)`를 부르면 됩니다. 레시피는 배치 정규화의 $\gamma$에 가중치 감쇠를 걸지 않으므로 0에서 출발한 $\gamma$가 감쇠 때문에 0 근처에 묶이지 않습니다. Tong He 등(2019)은 zero $\gamma$를 워밍업, 편향과 $\gamma$, $\beta$에 감쇠를 걸지 않기와 함께 큰 배치 훈련의 요령으로 꼽았습니다.* [풀이](solutions/07_resnet_solutions.ipynb#연습문제-10)
# 11. `cpu` 프로필에서 `arch`를 `((2, 64), (2, 128))`이나 `((1, 64), (1, 128), (1, 256))`로 바꾸거나 해상도를 56으로 올리면 이미지 한 장의 연산량, 에폭당 시간, 정확도가 어떻게 달라지나요? *힌트: 인터랙티브 (가)로 연산량을 먼저 비교해 보고, 데이터의 `fraction=0.25`로 빠르게 시험하세요.* [풀이](solutions/07_resnet_solutions.ipynb#연습문제-11)
# 12. 레시피는 그대로 두고 최고 학습률 `lr`을 0.0005나 0.01로 바꾸면, 연습문제 10과 같은 줄인 예산(데이터의 4분의 1, 2에폭)에서 첫 에폭의 훈련 손실과 2에폭 뒤의 검증 정확도는 어떻게 달라지나요? 8에폭 전체의 검증 정확도 곡선은 어떻게 될지도 예상해 보세요. *힌트: `ResNet(arch, lr=...)`의 `lr`이 원사이클의 최고 학습률입니다.* [풀이](solutions/07_resnet_solutions.ipynb#연습문제-12)
# 13. 레시피를 `d2l.BOOK_RECIPE`(SGD, 고정 학습률)로 바꿔 책의 학습률 0.01로 같은 8에폭을 훈련하면 에폭별 검증 정확도 곡선은 어떻게 달라지나요? *힌트: 레시피는 모델과 데이터를 만든 뒤 `recipe.apply(model, data)`로 붙입니다. 10 비교 노트북의 「훈련 레시피」 절에 이 실행이 기록되어 있으니 직접 훈련한 결과와 비교해 보세요.* [풀이](solutions/07_resnet_solutions.ipynb#연습문제-13)
