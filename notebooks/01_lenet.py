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
# # 합성곱 신경망 LeNet
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/01_lenet.ipynb)
#
# 합성곱 층(convolutional layer)과 풀링 층(pooling layer)을 쌓은 최초의 실용적인 신경망 LeNet을 직접 만들고, 층마다 모양·파라미터(parameter) 수·연산량(FLOPs)을 따져 본 뒤 Fashion-MNIST로 훈련(training)합니다.

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
# 1. 합성곱(convolution)과 풀링의 출력 크기 공식을 쓰고, LeNet의 각 층을 지날 때 모양이 어떻게 바뀌는지 손으로 계산할 수 있습니다.
# 2. 층마다 파라미터 수와 연산량을 공식으로 세고, 코드로 같은 값이 나오는지 확인할 수 있습니다.
# 3. 지연 초기화(lazy initialization) 층에 책의 `init_cnn`을 생성자에서 적용하면 왜 아무 일도 일어나지 않는지 설명할 수 있습니다.
# 4. 시그모이드(sigmoid)와 평균 풀링(average pooling)을 쓴 LeNet이 훈련 초반에 무작위 추측 수준의 정확도(accuracy)에 오래 머무는 이유를 실험으로 확인할 수 있습니다.
# 5. `d2l.Trainer`로 LeNet을 훈련하고, 혼동 행렬(confusion matrix)로 어떤 옷을 헷갈리는지 읽을 수 있습니다.

# %% [markdown]
# ## 개념
#
# ### LeNet은 어떤 신경망인가
#
# LeNet(정확히는 LeNet-5)은 Yann LeCun과 동료들이 1989년부터 1998년 사이에 손글씨 숫자(우편번호, 수표의 금액)를 읽으려고 만든
# **합성곱 신경망**(convolutional neural network)입니다. 역전파(backpropagation)로 처음부터 끝까지 훈련한 합성곱 신경망이
# 실제 업무에 쓰일 만큼 잘 동작한다는 것을 처음으로 보여 준 모델이고, 이후의 합성곱 신경망 대부분이 이 뼈대를 물려받았습니다.
#
# LeNet은 두 부분으로 되어 있습니다.
#
# * **합성곱 부분**: 블록(block) 두 개. 각 블록은 $5\times5$ **커널**(kernel)을 쓰는 **합성곱 층**,
#   **시그모이드** **활성화 함수(activation function)**, 그리고 $2\times2$ 창을 스트라이드 2로 옮기는
#   **평균 풀링**으로 이루어집니다. 첫 블록은 **출력 채널**(output channel)이 6개, 둘째 블록은 16개입니다.
# * **분류 부분**: 합성곱 부분의 출력을 한 줄로 펼친 뒤 **완전 연결 층(fully connected layer)** 세 개(120 → 84 → 10)를 지나
#   10개 클래스의 점수를 냅니다.
#
# 배치 크기(batch size)가 1인 입력 한 장이 지나가는 모양을 정리하면 아래와 같습니다. 모양은 (채널, 높이, 너비) 순서입니다.
# 같은 흐름을 모델에서 바로 그린 그림은 「모양 확인」 절의 그림 1입니다.
#
# | 층 | 설정 | 출력 모양 |
# |---|---|---|
# | 입력 | 흑백 이미지 | $1\times28\times28$ |
# | 합성곱 1 + 시그모이드 | 커널 $5\times5$, 출력 채널 6, 패딩 2 | $6\times28\times28$ |
# | 평균 풀링 | 창 $2\times2$, 스트라이드 2 | $6\times14\times14$ |
# | 합성곱 2 + 시그모이드 | 커널 $5\times5$, 출력 채널 16, 패딩 0 | $16\times10\times10$ |
# | 평균 풀링 | 창 $2\times2$, 스트라이드 2 | $16\times5\times5$ |
# | 펼치기 | | $400$ |
# | 완전 연결 + 시그모이드 | | $120$ |
# | 완전 연결 + 시그모이드 | | $84$ |
# | 완전 연결 | | $10$ |
#
# ### 합성곱의 출력 크기
#
# 높이 방향만 보겠습니다(너비도 똑같이 계산합니다). 입력의 높이를 $n_h$, 커널의 높이를 $k_h$, **패딩**(padding)을 $p_h$,
# **스트라이드**(stride)를 $s_h$라고 합시다. 여기서 $p_h$는 PyTorch의 `nn.Conv2d(..., padding=p)`와 같은 약속으로,
# **위아래에 각각 $p_h$줄**을 0으로 채운다는 뜻입니다. 그래서 패딩을 더한 입력의 높이는 $n_h + 2p_h$입니다.
#
# 커널의 윗변은 $0, s_h, 2s_h, \dots$ 위치에 놓일 수 있고, 커널 전체가 패딩된 입력 안에 들어가야 하므로 위치 $t$는
# $t + k_h \le n_h + 2p_h$를 만족해야 합니다. 이런 $t$의 개수가 곧 출력의 높이입니다.
#
# $$
# n_h' = \left\lfloor \frac{n_h - k_h + 2p_h}{s_h} \right\rfloor + 1
# $$
#
# $\lfloor\cdot\rfloor$는 내림입니다. 나누어떨어지지 않으면 마지막 몇 줄은 커널이 닿지 않아 버려집니다.
# (책은 패딩을 위아래 **합계** $p_h$로 적어 $\lfloor (n_h - k_h + p_h + s_h)/s_h \rfloor$라고 씁니다. 합계 $p_h$ 자리에
# $2p_h$를 넣으면 위 식과 같습니다. 어느 쪽 약속인지 늘 확인하세요.)
#
# 자주 쓰는 특별한 경우: 스트라이드가 1이고 커널 크기가 홀수일 때 $p_h = (k_h - 1)/2$로 두면 $n_h' = n_h$, 즉 크기가 그대로 유지됩니다.
#
# ### 풀링
#
# **풀링** 층은 창 안의 값을 하나로 요약합니다. 파라미터가 없고, 채널마다 따로 계산하므로 채널 수는 바뀌지 않습니다.
# $2\times2$ 창과 스트라이드 2를 쓸 때, 출력 위치 $(i, j)$의 값은
#
# $$
# \text{평균 풀링: } y_{i,j} = \frac{1}{4}\sum_{a=0}^{1}\sum_{b=0}^{1} x_{2i+a,\;2j+b},
# \qquad
# \text{최대 풀링: } y_{i,j} = \max_{a,b\in\{0,1\}} x_{2i+a,\;2j+b}
# $$
#
# 입니다. 출력 크기는 합성곱과 같은 공식을 따릅니다(보통 패딩 0): $\lfloor (n_h - 2)/2 \rfloor + 1 = \lfloor n_h/2 \rfloor$.
# 해상도(resolution)를 절반으로 줄여 뒤쪽 층의 계산을 줄이고, 뒤쪽 층의 한 값이 입력의 더 넓은 영역을 보게 하며,
# 물체가 한두 픽셀 움직여도 결과가 덜 흔들리게 합니다(작은 이동에 대한 **이동 불변성(translation invariance)**).
# LeNet은 **평균 풀링**을 쓰지만, 요즘 모델은 대부분 **최대 풀링**(max pooling)을 씁니다.
#
# ### LeNet의 모양은 왜 이렇게 생겼나
#
# 위 공식을 그대로 적용하면
#
# $$
# 28 \xrightarrow{\;k=5,\ p=2\;} \left\lfloor\tfrac{28-5+4}{1}\right\rfloor + 1 = 28
# \xrightarrow{\;\text{풀링}\;} \left\lfloor\tfrac{28-2}{2}\right\rfloor + 1 = 14
# \xrightarrow{\;k=5,\ p=0\;} 14-5+1 = 10
# \xrightarrow{\;\text{풀링}\;} 5
# $$
#
# 이고, 마지막 **특성 맵(feature map)** $16\times5\times5$를 펼치면 $400$개의 값이 됩니다.
#
# * **첫 합성곱의 패딩 2**: 원래 LeNet-5는 $28\times28$ 숫자를 $32\times32$ 캔버스 가운데에 놓고 패딩 없이
#   합성곱했습니다($32-5+1=28$). Fashion-MNIST는 $28\times28$이므로, 양쪽에 2씩 패딩하면 같은 $28\times28$ 특성 맵이 나오고
#   그 뒤의 모양(14, 10, 5, 400)은 원래 LeNet과 똑같아집니다. 패딩은 가장자리 픽셀도 커널 중심에 올 수 있게 해 줍니다.
# * **채널은 늘고 해상도는 줄어듭니다**: $1\times28\times28\,(784) \to 6\times28\times28\,(4704) \to 16\times5\times5\,(400)$.
#   뒤로 갈수록 "어디에 있는가"의 정보는 줄이고 "무엇이 있는가"를 나타내는 채널을 늘리는 것이 합성곱 신경망의 기본 설계입니다.
# * **120과 84**: 완전 연결 층의 너비는 원 논문의 선택을 따른 것입니다. 마지막 층의 10은 클래스 수입니다.
# * **원 논문(LeCun 등 1998)의 LeNet-5와 다른 점 다섯 가지**: 층의 개수와 모양은 같지만, 책의 LeNet은 원래 모델을 요즘 도구로 단순하게 옮긴 것입니다.
#   1. **입력 크기**: 원래 모델은 $32\times32$ 입력을 패딩 없이 합성곱했습니다. 여기서는 $28\times28$ 입력에 패딩 2를 둡니다(바로 위 항목).
#   2. **활성화 함수**: 원래 모델은 시그모이드가 아니라 크기를 조정한 tanh, $f(a) = 1.7159\,\tanh(\tfrac{2}{3}a)$를 썼습니다. 출력이 0을 중심으로 $-1.7$과 $1.7$ 사이에 놓입니다.
#   3. **학습되는 서브샘플링 층**: 원래 모델의 풀링 자리(S2, S4)는 창 안 네 값을 더한 뒤 채널마다 학습되는 계수를 곱하고 학습되는 편향을 더해 활성화 함수에 통과시켰습니다. 책의 평균 풀링에는 파라미터가 없습니다.
#   4. **부분 연결**: 원래 모델의 둘째 합성곱 층(C3)에서는 16개 출력 채널이 각각 첫 풀링 층의 6개 채널 중 일부(3개, 4개 또는 6개 전부)만 입력으로 받았습니다. 파라미터를 줄이고 채널마다 서로 다른 조합을 보게 하려는 설계입니다. 여기서는 모든 채널을 연결합니다.
#   5. **출력층**: 원래 모델의 마지막 층은 완전 연결 층 + 소프트맥스(softmax)가 아니라, 84차원 입력과 클래스마다 손으로 정해 둔 기준 벡터 사이의 거리 제곱을 내는 RBF(radial basis function, 가우시안 연결) 층이었고 손실 함수도 그에 맞춘 것이었습니다. 여기서는 책처럼 완전 연결 층과 교차 엔트로피(cross-entropy)를 씁니다.
#
#   이름만 다른 것도 하나 있습니다. 원래 모델의 C5는 $5\times5$ 입력에 $5\times5$ 커널 120개를 적용하는 합성곱 층이라 $120\times1\times1$을 내므로, 입력이 $5\times5$일 때는 여기의 첫 완전 연결 층과 계산이 같습니다.
#
# ### 파라미터 수
#
# 입력 채널(input channel) $c_i$, 출력 채널 $c_o$, 커널 $k_h\times k_w$인 합성곱 층은 가중치(weight) 텐서가 $c_o\times c_i\times k_h\times k_w$,
# 편향(bias)이 $c_o$개이므로
#
# $$
# \#\text{params}_{\text{conv}} = c_i\, c_o\, k_h\, k_w + c_o
# $$
#
# 입니다. 이 값에는 **이미지 크기가 들어 있지 않습니다.** 같은 커널을 모든 위치에서 함께 쓰기 때문입니다(가중치 공유).
# 입력 $n_\text{in}$개, 출력 $n_\text{out}$개인 완전 연결 층은 $n_\text{in}\, n_\text{out} + n_\text{out}$개입니다. LeNet에 적용하면
#
# | 층 | 계산 | 파라미터 수 |
# |---|---|---:|
# | 합성곱 1 | $1\cdot6\cdot5\cdot5 + 6$ | 156 |
# | 합성곱 2 | $6\cdot16\cdot5\cdot5 + 16$ | 2,416 |
# | 완전 연결 1 | $400\cdot120 + 120$ | 48,120 |
# | 완전 연결 2 | $120\cdot84 + 84$ | 10,164 |
# | 완전 연결 3 | $84\cdot10 + 10$ | 850 |
# | 합계 | | 61,706 |
#
# 파라미터의 약 78%가 첫 완전 연결 층에 있고, 두 합성곱 층은 다 합쳐도 약 4%(2,572개)뿐입니다.
# (원 논문의 LeNet-5는 둘째 합성곱 층이 부분 연결이라 이 층의 파라미터가 1,516개로 더 적고, 서브샘플링 층에도 파라미터가 있어 숫자가 조금 다릅니다.)
#
# ### 연산량
#
# 합성곱 층의 출력이 $c_o\times n_h'\times n_w'$이면, 출력 값 하나마다 곱셈-덧셈이 $c_i k_h k_w$번 필요합니다.
#
# $$
# \text{MACs}_{\text{conv}} = c_i\, c_o\, k_h\, k_w\; n_h'\, n_w',
# \qquad
# \text{FLOPs} \approx 2\times\text{MACs}
# $$
#
# 연산량은 부동소수점 연산의 개수로, 곱셈 하나와 덧셈 하나를 각각 1로 셉니다. MAC은 곱셈 하나와 덧셈 하나의 묶음이므로
# 1 MAC이 2 FLOPs입니다. 이 시리즈의 `d2l.count_flops`는 이미지 한 장이 순전파를 한 번 지날 때의 연산량을 PyTorch의 `FlopCounterMode`로 세며,
# 편향 덧셈·활성화 함수·풀링은 세지 않습니다. 완전 연결 층은 $n_\text{in}\, n_\text{out}$ MACs입니다.
# LeNet에서는 합성곱 1이 $1\cdot6\cdot25\cdot28\cdot28 = 117{,}600$, 합성곱 2가 $6\cdot16\cdot25\cdot10\cdot10 = 240{,}000$,
# 완전 연결 층 셋이 $48{,}000 + 10{,}080 + 840 = 58{,}920$ MACs로, 모두 $416{,}520$ MACs $\approx 0.83$ MFLOPs입니다.
# **파라미터는 완전 연결 층에, 계산은 합성곱 층에** 몰려 있다는 점을 기억해 두세요. 다음 02 AlexNet과 03 VGG 노트북에서 이 대비가 훨씬 커집니다.
#
# ### 시그모이드와 평균 풀링: 훈련 초반이 느린 이유
#
# 시그모이드 $\sigma(x) = 1/(1+e^{-x})$를 미분하면 $\sigma'(x) = e^{-x}/(1+e^{-x})^2 = \sigma(x)\,(1-\sigma(x))$입니다.
# $s = \sigma(x)$라 두면 $s(1-s) = \tfrac14 - (s - \tfrac12)^2 \le \tfrac14$이고, 등호는 $s = \tfrac12$, 곧 $x = 0$일 때만 성립합니다.
# 역전파에서 **기울기**(gradient)는 시그모이드 층을 지날 때마다 이 도함수가 원소마다 곱해지므로, 가중치가 키워 주지 않는 한 층마다 $\tfrac14$ 이하로
# 줄어듭니다. $|x|$가 크면(포화) 도함수는 0에 더 가까워집니다. LeNet에는 시그모이드가 네 번 있습니다.
#
# 게다가 시그모이드의 출력은 모두 양수이고 0.5 근처에 모이므로, 다음 층의 입력이 "모든 뉴런에 공통인 큰 값 + 작은 차이"가 됩니다.
# 입력 이미지에 따라 달라지는 부분이 작아서, 처음에는 출력 점수가 이미지와 거의 상관없이 정해집니다. 이미지를 구별하지 못하는 모델이 할 수 있는
# 최선은 열 클래스에 같은 확률 $\tfrac{1}{10}$을 주는 것이므로(Fashion-MNIST는 클래스마다 이미지 수가 같습니다), **손실**(loss)이 무작위 추측 수준인
# $-\ln\tfrac{1}{10} = \ln 10 \approx 2.303$ 근처에 한동안 머뭅니다. 반면 **ReLU**는 양수 쪽에서 도함수가 1이라 층을 지나도 기울기가 깎이지 않고, 입력이 0 근처이면 출력도 0 근처라 모든 뉴런에 공통인 0.5 같은 값이 더해지지 않습니다.
#
# 풀링도 기울기의 흐름을 바꿉니다. 평균 풀링은 기울기를 창의 네 칸에 $\tfrac14$씩 나눠 보내고(기울기 벡터의 크기는 절반),
# 최대 풀링은 가장 큰 칸 하나에 그대로 보냅니다. 두 요인 중 어느 쪽이 더 중요한지는 「인터랙티브」 절의 (나)에서 실험으로 확인합니다.
#
# ### 초기화와 지연 층
#
# 책의 `init_cnn`은 합성곱 층과 완전 연결 층의 가중치를 **Xavier 초기화**(Xavier initialization)의 균등 분포 버전으로 정합니다.
# 가중치를 $U(-a, a)$에서 뽑되
#
# $$
# a = \sqrt{\frac{6}{n_\text{in} + n_\text{out}}},\qquad \operatorname{Var}(w) = \frac{a^2}{3} = \frac{2}{n_\text{in} + n_\text{out}}
# $$
#
# 로 두어(합성곱 층은 $n_\text{in} = c_i k_h k_w$, $n_\text{out} = c_o k_h k_w$), 순전파(forward pass)의 신호와 역전파의 기울기 크기가
# 층을 지나도 크게 변하지 않게 합니다.
#
# 그런데 이 모델은 `nn.LazyConv2d`, `nn.LazyLinear`처럼 입력 채널 수를 첫 순전파 때 정하는 **지연 초기화** 층을 씁니다.
# 첫 순전파 전에는 가중치의 모양이 정해지지 않았고, 층의 클래스도 아직 `LazyConv2d`입니다(첫 순전파 때 PyTorch가 클래스를
# `Conv2d`로 바꿉니다). 그래서 책의 `init_cnn` 안의 `type(module) == nn.Conv2d` 검사는 **생성자 안에서 부르면 언제나 거짓**이 되어
# 아무 일도 하지 않고 조용히 지나갑니다. 책의 LeNet 훈련 코드는 `apply_init`이 먼저 순전파로 모양을 정한 **다음에** `init_cnn`을
# 적용하므로 괜찮지만, 책의 AlexNet 절부터 여러 절에서 보듯 생성자에서 `self.net.apply(d2l.init_cnn)`을 부르는 코드는 실제로는 초기화를 하지 않습니다.
# 예를 들어 책의 AlexNet은 훈련 코드에서 `apply_init`을 부르지 않으므로 PyTorch의 기본 초기화로 훈련됩니다(02 AlexNet 노트북의 「구현」 절).
# d2lmini의 `d2l.init_cnn`은 아직 모양이 없는 층을 만나면 첫 순전파에서 가중치가 만들어지는 순간 초기화하도록 예약해 두므로
# 어느 쪽에서 불러도 됩니다.

# %% [markdown]
# ## 구현
#
# 필요한 모듈을 불러옵니다. 책의 `from d2l import torch as d2l` 자리에 `import d2lmini as d2l`을 씁니다.

# %%
import math
import time

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
import torch
from IPython.display import display
from torch import nn

import d2lmini as d2l

# %% [markdown]
# 책의 `init_cnn`입니다. 합성곱 층과 완전 연결 층을 만나면 가중치를 Xavier 균등 분포로 다시 뽑습니다.

# %%
def init_cnn(module):
    """CNN의 가중치를 초기화합니다 (책의 버전: 지연 층은 건너뜀)."""
    if type(module) == nn.Linear or type(module) == nn.Conv2d:
        nn.init.xavier_uniform_(module.weight)


# %% [markdown]
# LeNet 모델입니다. `d2l.Classifier`를 상속하므로 손실 함수(교차 엔트로피), 정확도, 훈련 스텝, 옵티마이저(optimizer)가
# 이미 정해져 있습니다. 옵티마이저는 학습률(learning rate)이 `lr`인 확률적 경사 하강법(SGD)입니다.
# 우리는 `self.net`만 만들면 되고, 지연 층을 쓰므로 입력 채널 수는 적지 않습니다.

# %%
class LeNet(d2l.Classifier):
    """LeNet-5: 합성곱 블록 2개(시그모이드, 평균 풀링) + 완전 연결 층 3개."""
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(6, kernel_size=5, padding=2), nn.Sigmoid(),
            nn.AvgPool2d(kernel_size=2, stride=2),
            nn.LazyConv2d(16, kernel_size=5), nn.Sigmoid(),
            nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Flatten(),
            nn.LazyLinear(120), nn.Sigmoid(),
            nn.LazyLinear(84), nn.Sigmoid(),
            nn.LazyLinear(num_classes))


# %% [markdown]
# 개념 절에서 말한 `init_cnn`의 함정을 직접 확인해 봅시다. 막 만든 모델에 책의 `init_cnn`을 적용하면 층이 아직
# `LazyConv2d`, `LazyLinear`라서 아무 일도 일어나지 않습니다. 한 번 순전파한 뒤에야 층이 `Conv2d`, `Linear`가 되고 초기화가 적용됩니다.
# 아래 셀은 첫 완전 연결 층으로 이를 확인합니다.

# %%
fresh = LeNet()
fresh.net.apply(init_cnn)                       # 생성 직후: 아직 지연 층이라 건너뜀
fc1 = fresh.net[7]                              # 첫 완전 연결 층
print('생성 직후  :', type(fc1).__name__, '| 가중치가 아직 없음:',
      isinstance(fc1.weight, nn.parameter.UninitializedParameter))
fresh(torch.zeros(1, 1, 28, 28))                # 첫 순전파에서 모양이 정해짐
print('순전파 후  :', type(fc1).__name__, tuple(fc1.weight.shape),
      f'| 최대 |w| = {fc1.weight.abs().max():.4f} (PyTorch 기본 초기화의 한계 1/√400 = {1 / math.sqrt(400):.4f})')
fresh.net.apply(init_cnn)                       # 이제는 Linear이므로 초기화됨
print('init_cnn 후:', type(fc1).__name__, tuple(fc1.weight.shape),
      f'| 최대 |w| = {fc1.weight.abs().max():.4f} (Xavier 한계 √(6/520) = {math.sqrt(6 / 520):.4f})')


# %% [markdown]
# ## 모양 확인
#
# 그림 1은 방금 정의한 `LeNet`으로 만든 모델을 `d2l.draw`가 그대로 따라가며 그린 데이터 흐름입니다. 상자 하나가 층 하나이고, 상자마다 층의 설정과 그 층의 출력 모양이 적혀 있습니다.
# 설정에서 `Conv2d 5×5, 6`의 쉼표 뒤 숫자는 출력 채널 수, `AvgPool 2×2 /2`의 `/2`는 스트라이드 2, `Linear 120`의 숫자는 출력의 수입니다.
# 해상도가 28에서 5로 줄어드는 동안 채널이 1에서 16으로 늘고, 펼친 400개의 값이 완전 연결 층 세 개를 지나 10개의 점수가 되는 흐름을 따라가 보세요.

# %%
model = LeNet()
d2l.draw(model, (1, 1, 28, 28), title='그림 1. LeNet')

# %% [markdown]
# `layer_summary`로 층마다 출력 모양을 출력합니다. 개념 절에서 손으로 계산한 표와 같은지 비교해 보세요.
# 셀 첫 줄의 `# NBVAL_CHECK_OUTPUT`은 자동 점검이 이 셀의 출력을 저장된 출력과 비교하라는 표시이고, 셀이 하는 일과는 상관없습니다.

# %%
# NBVAL_CHECK_OUTPUT
model.layer_summary((1, 1, 28, 28))

# %% [markdown]
# 층마다 파라미터 수와 연산량을 공식으로 계산하고, 실제 텐서의 원소 수 및 `d2l.num_params`, `d2l.count_flops`와 비교합니다.
# 공식은 개념 절의 $c_i c_o k_h k_w + c_o$와 $c_i c_o k_h k_w\, n_h' n_w'$입니다. 출력 모양은 순방향 훅(forward hook)으로 기록하고,
# 층 이름은 합성곱 층을 `conv1`, `conv2`, 완전 연결 층을 `fc1`, `fc2`, `fc3`으로 붙입니다.

# %%
# NBVAL_CHECK_OUTPUT
def layer_costs(model, X_shape):
    """합성곱·완전 연결 층마다 (이름, 공식 파라미터 수, 실제 파라미터 수, 공식 MACs)를 돌려줍니다."""
    rows, hooks = [], []

    def record(name):
        def hook(layer, inputs, output):
            if isinstance(layer, nn.Conv2d):
                c_o, c_i, k_h, k_w = layer.weight.shape
                formula = c_i * c_o * k_h * k_w + c_o
                macs = c_i * c_o * k_h * k_w * output.shape[-2] * output.shape[-1]
            else:
                n_out, n_in = layer.weight.shape
                formula = n_in * n_out + n_out
                macs = n_in * n_out
            actual = sum(p.numel() for p in layer.parameters())
            rows.append((name, formula, actual, macs))
        return hook

    counts = {'conv': 0, 'fc': 0}
    for layer in model.net:
        if isinstance(layer, (nn.Conv2d, nn.Linear)):  # 지연 층도 이 클래스들의 하위 클래스
            kind = 'conv' if isinstance(layer, nn.Conv2d) else 'fc'
            counts[kind] += 1
            hooks.append(layer.register_forward_hook(record(f'{kind}{counts[kind]}')))
    with torch.no_grad():
        model(torch.zeros(*X_shape))
    for h in hooks:
        h.remove()
    return rows


costs = pd.DataFrame(layer_costs(model, (1, 1, 28, 28)),
                     columns=['층', '공식 파라미터', '실제 파라미터', 'MACs']).set_index('층')
print(f'파라미터 합계: 공식 {costs["공식 파라미터"].sum():,} / d2l.num_params {d2l.num_params(model):,}')
print(f'FLOPs: 공식 2×MACs = {2 * costs["MACs"].sum():,} / d2l.count_flops = {d2l.count_flops(model, (1, 1, 28, 28)):,}')
costs

# %% [markdown]
# ## 인터랙티브
#
# ### (가) 출력 크기 계산기
#
# 입력 크기 $n$, 커널 $k$, 패딩 $p$, 스트라이드 $s$를 바꾸면 공식 $\lfloor (n - k + 2p)/s \rfloor + 1$로 출력 크기를 계산하고,
# 실제 `nn.Conv2d`에 텐서를 통과시켜 나온 모양과 비교합니다. 그림의 맨 아래 줄은 패딩된 입력의 한 행입니다(회색은 패딩, 흰색은 입력).
# 그 위의 선 하나하나가 출력 값 하나를 만드는 커널 창의 위치이고, 선의 개수가 곧 출력 크기입니다. 내림 때문에 어떤 창에도 들어가지 않는
# 칸이 있으면 빨간색으로 표시합니다.
#
# 해 볼 것: LeNet의 두 합성곱($n=28, k=5, p=2, s=1$ / $n=14, k=5, p=0, s=1$)을 확인하고, 스트라이드를 2나 3으로 올리면서
# 버려지는 칸이 생기는 조합을 찾아보세요.

# %%
def conv_output_size(n, k, p, s):
    """PyTorch 약속(`padding=p`는 양쪽에 p씩)으로 계산한 합성곱 출력 크기."""
    return (n - k + 2 * p) // s + 1


def show_conv_shape(n=28, k=5, p=2, s=1):
    padded = n + 2 * p
    print(f'입력 {n}×{n}, 커널 {k}×{k}, 패딩 {p} (양쪽에 {p}줄씩 → {padded}×{padded}), 스트라이드 {s}')
    if padded < k:
        print('커널이 패딩된 입력보다 큽니다: n + 2p가 k 이상이어야 출력이 생깁니다.')
        return
    out = conv_output_size(n, k, p, s)
    print(f'공식     : ⌊({n} − {k} + 2·{p}) / {s}⌋ + 1 = ⌊{n - k + 2 * p} / {s}⌋ + 1 = {out}')
    conv = nn.Conv2d(1, 1, kernel_size=k, padding=p, stride=s)
    with torch.no_grad():
        Y = conv(torch.zeros(1, 1, n, n))
    verdict = '일치' if tuple(Y.shape[-2:]) == (out, out) else '불일치!'
    print(f'nn.Conv2d: 출력 모양 {tuple(Y.shape)} → 공식과 {verdict}')
    unused = padded - ((out - 1) * s + k)
    if unused:
        print(f'마지막 {unused}칸은 커널이 닿지 않아 버려집니다(공식의 내림).')

    rows = min(out, 30)  # 창이 아주 많으면 앞의 30개만 그립니다
    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.09 * rows))
    for x in range(padded):
        is_pad = x < p or x >= p + n
        color = '0.75' if is_pad else 'white'
        if x >= padded - unused:
            color = 'salmon'
        ax.add_patch(plt.Rectangle((x, 0), 1, 1, facecolor=color, edgecolor='0.4', lw=0.6))
    for j in range(rows):  # j번째 출력 값을 만드는 커널 창: [j·s, j·s + k) 칸
        ax.hlines(1.6 + 0.35 * j, j * s + 0.1, j * s + k - 0.1, lw=2.5,
                  color=plt.cm.viridis(j / max(rows - 1, 1)))
    ax.set_xlim(-0.5, padded + 0.5)
    ax.set_ylim(-0.2, 2.0 + 0.35 * rows)
    ax.set_yticks([])
    ax.set_xlabel(d2l.label(f'패딩된 입력 칸(회색: 패딩, 빨강: 버려짐), 선 하나 = 커널 창 하나 (창 {out}개)',
                            f'padded input cells (gray = padding, red = never covered); '
                            f'one line per kernel window ({out} windows)'))
    plt.show()


# %% [markdown]
# `d2l.interact`는 기본값(LeNet의 첫 합성곱)으로 그린 결과를 보통 출력으로 남기고, 슬라이더를 움직이면 그 자리의 결과를 바꿉니다.
# 그래서 커널 없이 노트북을 열어도(예: GitHub) 기본값의 결과는 보입니다.

# %%
d2l.interact(
    show_conv_shape,
    n=widgets.IntSlider(value=28, min=4, max=40, description='입력 n'),
    k=widgets.IntSlider(value=5, min=1, max=11, description='커널 k'),
    p=widgets.IntSlider(value=2, min=0, max=5, description='패딩 p'),
    s=widgets.IntSlider(value=1, min=1, max=4, description='스트라이드 s'))

# %% [markdown]
# ### (나) 시그모이드 + 평균 풀링 vs ReLU + 최대 풀링
#
# 이제 LeNet과 모양은 같고 활성화 함수와 풀링만 바꿀 수 있는 모델을 만들어, 네 가지 조합을 같은 조건에서 짧게 훈련해 봅니다.
# 먼저 초기화 직후 미니배치(minibatch) 하나에 대해 층마다 가중치 기울기의 크기를 비교합니다.
# 앞쪽 층(합성곱 1)으로 갈수록 시그모이드 모델의 기울기가 얼마나 작아지는지(**기울기 소실(vanishing gradient)**) 보세요.

# %%
class LeNetVariant(d2l.Classifier):
    """LeNet과 같은 모양에서 활성화 함수와 풀링 층만 바꿀 수 있게 한 모델."""
    def __init__(self, activation=nn.Sigmoid, pooling=nn.AvgPool2d, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(6, kernel_size=5, padding=2), activation(),
            pooling(kernel_size=2, stride=2),
            nn.LazyConv2d(16, kernel_size=5), activation(),
            pooling(kernel_size=2, stride=2),
            nn.Flatten(),
            nn.LazyLinear(120), activation(),
            nn.LazyLinear(84), activation(),
            nn.LazyLinear(num_classes))


VARIANTS = {'시그모이드 + 평균 풀링 (LeNet)': (nn.Sigmoid, nn.AvgPool2d),
            '시그모이드 + 최대 풀링': (nn.Sigmoid, nn.MaxPool2d),
            'ReLU + 평균 풀링': (nn.ReLU, nn.AvgPool2d),
            'ReLU + 최대 풀링': (nn.ReLU, nn.MaxPool2d)}
# 한글 글꼴이 없는 환경(예: Colab)에서 그림의 범례에 쓸 영어 이름
ENGLISH = dict(zip(VARIANTS, ('sigmoid + avg pool (LeNet)', 'sigmoid + max pool',
                              'ReLU + avg pool', 'ReLU + max pool')))

small = d2l.FashionMNIST(batch_size=64, limit=(10000, 1000), seed=0)
X_probe, y_probe = next(iter(small.train_dataloader()))

fig, ax = plt.subplots(figsize=(7, 3))
layer_names = ['conv1', 'conv2', 'fc1', 'fc2', 'fc3']
for i, (name, (act, pool)) in enumerate(VARIANTS.items()):
    torch.manual_seed(0)
    probe = LeNetVariant(act, pool)
    probe.apply_init([X_probe], d2l.init_cnn)
    probe.loss(probe(X_probe), y_probe).backward()
    norms = [layer.weight.grad.norm().item() for layer in probe.net
             if isinstance(layer, (nn.Conv2d, nn.Linear))]
    ax.bar([x + 0.2 * i - 0.3 for x in range(5)], norms, width=0.2, label=d2l.label(name, ENGLISH[name]))
ax.set_xticks(range(5), layer_names)
ax.set_yscale('log')
ax.set_ylabel(d2l.label('초기화 직후 ‖가중치 기울기‖', '|grad of weight| at init'))
ax.legend(fontsize=7, loc='upper left', bbox_to_anchor=(1.01, 1))   # 막대를 가리지 않게 그림 밖에
plt.show()

# %% [markdown]
# 이제 네 조합을 세 가지 학습률로 각각 짧게 훈련합니다. 훈련 데이터 10,000장에서 배치 크기 64로 미니배치를 뽑아 480스텝
# (책의 설정으로 치면 약 한 에폭(epoch) 분량의 갱신 횟수)을 진행하고, 40스텝마다 검증(validation) 데이터 1,000장의 정확도와 그동안의 평균 훈련 손실을
# 기록합니다. 열두 번의 실행을 한 번만 미리 해 두고(2코어 CPU에서 실행당 몇 초이며, 모두 합한 시간을 셀이 출력합니다), 아래 위젯은 그 결과에서 고른 곡선만 그리므로 위젯을 움직여도
# 다시 훈련하지 않습니다.

# %%
LRS = (0.1, 0.3, 1.0)
sweep = d2l.profile_settings(book=dict(num_steps=480, eval_every=40),
                             cpu=dict(num_steps=480, eval_every=40),
                             smoke=dict(num_steps=40, eval_every=10))
NUM_STEPS, EVAL_EVERY = sweep.num_steps, sweep.eval_every


def short_run(activation, pooling, lr, num_steps=NUM_STEPS, eval_every=EVAL_EVERY):
    """작은 부분집합으로 num_steps 스텝 훈련하며 (스텝, 훈련 손실, 검증 정확도) 목록을 돌려줍니다.

    실행마다 같은 초기화 시드와 같은 미니배치 순서를 쓰므로 조합끼리 공정하게 비교됩니다.
    """
    small = d2l.FashionMNIST(batch_size=64, limit=(10000, 1000), seed=0)
    torch.manual_seed(0)
    model = LeNetVariant(activation, pooling, lr=lr)
    model.apply_init([X_probe], d2l.init_cnn)
    optim = model.configure_optimizers()
    curve, losses, step = [], [], 0
    while step < num_steps:
        for X, y in small.train_dataloader():
            loss = model.loss(model(X), y)
            optim.zero_grad()
            loss.backward()
            optim.step()
            losses.append(loss.item())
            step += 1
            if step % eval_every == 0:
                model.eval()
                with torch.no_grad():
                    correct = sum((model(Xv).argmax(1) == yv).sum().item()
                                  for Xv, yv in small.val_dataloader())
                model.train()
                curve.append((step, sum(losses) / len(losses), correct / len(small.val)))
                losses = []
            if step == num_steps:
                break
    return curve


start = time.perf_counter()
curves = {(name, lr): short_run(act, pool, lr)
          for name, (act, pool) in VARIANTS.items() for lr in LRS}
print(f'실행 {len(curves)}번에 {time.perf_counter() - start:.0f}초가 걸렸습니다.')
print(f'훈련 {len(small.train)}장, 검증 {len(small.val)}장, {NUM_STEPS}스텝 후 검증 정확도:')
for lr in LRS:
    print(f'  학습률 {lr}: ' + ', '.join(f'{name} {curves[(name, lr)][-1][2]:.2f}'
                                        for name in VARIANTS))

# %% [markdown]
# 위젯에서 학습률과 보고 싶은 조합(여러 개는 Ctrl/Shift 클릭)을 고르세요. 왼쪽은 훈련 손실, 오른쪽은 검증 정확도이고,
# 점선은 무작위 추측 수준(손실 $\ln 10$, 정확도 0.1)입니다. 확인할 것:
#
# * 학습률 0.1에서 시그모이드 + 평균 풀링(책의 LeNet)은 무작위 추측 수준의 평평한 구간에 머무는데, ReLU 쪽은 곧바로 내려가나요?
# * 풀링만 바꾼 쌍(시그모이드 + 평균 ↔ 시그모이드 + 최대)과 활성화 함수만 바꾼 쌍(시그모이드 + 평균 ↔ ReLU + 평균) 중 어느 쪽 차이가 더 큰가요?
# * 학습률을 키우면 시그모이드 모델의 평평한 구간은 짧아지나요? 같은 학습률에서 ReLU 모델은 어떻게 되나요?
#
# (두 시그모이드 곡선처럼 거의 겹치는 곡선은 하나만 보일 수 있습니다. 위젯에서 하나씩 골라 보세요.)

# %%
def plot_curves(lr=0.1, variants=tuple(VARIANTS)):
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 3.3))
    for name in variants:
        steps, losses, accs = zip(*curves[(name, lr)])
        ax_loss.plot(steps, losses, label=d2l.label(name, ENGLISH[name]))
        ax_acc.plot(steps, accs, label=d2l.label(name, ENGLISH[name]))
    ax_loss.axhline(math.log(10), ls=':', color='gray')
    ax_acc.axhline(0.1, ls=':', color='gray')
    title = d2l.label(f'학습률 {lr}', f'lr = {lr}')
    ax_loss.set(xlabel=d2l.label('스텝', 'step'), ylabel=d2l.label('훈련 손실', 'train loss'), title=title)
    ax_acc.set(xlabel=d2l.label('스텝', 'step'), ylabel=d2l.label('검증 정확도', 'val accuracy'),
               ylim=(0, 1), title=title)
    ax_acc.legend(fontsize=7, loc='center right')   # 아래쪽의 시그모이드 곡선을 가리지 않게
    plt.show()


d2l.interact(
    plot_curves,
    lr=widgets.ToggleButtons(options=LRS, value=0.1, description='학습률'),
    variants=widgets.SelectMultiple(options=tuple(VARIANTS), value=tuple(VARIANTS), rows=4,
                                    description='조합', layout=widgets.Layout(width='420px')))

# %% [markdown]
# **위 질문의 답.** 2코어 CPU에서 `cpu` 프로필로 이 노트북에 저장된 실행의 결과(열두 번의 실행을 마친 셀이 출력한 480스텝 뒤 검증 정확도와, 위젯의 기본값인 학습률 0.1의 그림)로 답하면 다음과 같습니다.
# 다시 실행하면 숫자는 조금 달라질 수 있습니다.
#
# * **학습률 0.1**: 두 시그모이드 모델은 480스텝 내내 손실이 $\ln 10$ 점선에 붙어 있고, 검증 정확도도 한 번 잠깐 오른 것을 빼면 0.10<!-- run -->에 머뭅니다.
#   두 ReLU 모델은 첫 기록(40스텝)부터 손실이 뚜렷이 내려가, 480스텝 뒤의 검증 정확도가 평균 풀링이 0.79<!-- run -->, 최대 풀링이 0.80<!-- run -->입니다.
# * **어느 쪽 차이가 큰가**: 활성화 함수입니다. 풀링만 바꾼 두 시그모이드 곡선은 거의 겹치고(그래서 그림에서 하나만 보입니다),
#   두 ReLU 모델의 차이도 몇 퍼센트포인트에 그칩니다. 반면 활성화 함수만 바꾸면 무작위 추측 수준과 0.7 이상<!-- run 0.79 -->으로 갈립니다.
#   위의 기울기 막대그래프와도 맞습니다. 합성곱 1의 기울기는 시그모이드 모델이 ReLU 모델보다 백 배쯤 작고, 풀링을 바꿔도 거의 달라지지 않습니다.
# * **학습률을 키우면**: 학습률 0.3에서 두 시그모이드 모델은 480스텝 뒤 0.18<!-- run -->로 무작위 추측 수준을 조금 벗어났습니다.
#   평평한 구간이 짧아지기 시작한 것으로 볼 수 있지만, 같은 학습률의 ReLU 모델(0.77<!-- run -->, 0.81<!-- run -->)에는 한참 못 미칩니다.
#   학습률 1.0에서는 네 조합 모두 0.10<!-- run -->입니다. 이 학습률은 ReLU 모델에도 너무 커서 훈련이 망가진 것으로 보입니다.
#   위젯에서 학습률 1.0을 골라 손실 곡선이 어떻게 되는지 확인해 보세요. 학습률만 키워서는 시그모이드의 평평한 구간을 안전하게 없앨 수 없습니다.

# %% [markdown]
# ## 훈련
#
# 설정은 아래 한곳에서 프로필별로 정합니다. `book`은 책과 똑같이 10에폭, 배치 크기 128, 학습률 0.1, 해상도 28입니다.
# LeNet은 아주 작은 모델(파라미터 약 6만 개, 이미지 한 장에 약 0.8 MFLOPs)이라 2코어 CPU에서도 책의 설정 그대로 몇 분 안에 훈련이 끝나므로,
# `cpu` 프로필도 `book`과 **똑같은** 설정과 훈련 방법(SGD, 고정 학습률)을 씁니다(2코어 CPU에서 `cpu` 프로필로 이 노트북에 저장된 실행은 약 0.5분<!-- run 0.52 -->이 걸렸습니다).
# 덕분에 결과를 책의 숫자와 직접 비교할 수 있습니다.
#
# 02~09 노트북의 `cpu` 프로필이 쓰는 훈련 레시피로 같은 LeNet을 훈련한 결과는 「같은 LeNet, 다른 훈련 방법」 절에서 봅니다.
# `smoke` 프로필은 노트북이 끝까지 도는지만 확인하는 자동 점검용으로, 1에폭과 배치 크기 64를 쓰고 라이브러리가 데이터를 훈련 256장·검증 128장으로 더 줄입니다.
#
# 아래 셀은 고른 프로필과 그 이유, 그리고 실제 설정을 출력합니다. 둘째 줄(`설정: …`)이 이 실행에서 실제로 쓰는 값이고, LeNet에서는 `cpu`의 값이 `book`과 같습니다.

# %%
cfg = d2l.profile_settings(
    book=dict(max_epochs=10, batch_size=128, lr=0.1, resize=28, recipe=d2l.BOOK_RECIPE),
    cpu=dict(max_epochs=10, batch_size=128, lr=0.1, resize=28, recipe=d2l.BOOK_RECIPE),
    smoke=dict(max_epochs=1, batch_size=64, lr=0.1, resize=28, recipe=d2l.BOOK_RECIPE))

# %% [markdown]
# 책의 훈련 코드에 `cfg.recipe.apply(model, data)` 한 줄을 더했습니다. 이 실행의 `cfg.recipe`는 세 프로필 모두 책의 방법(`d2l.BOOK_RECIPE`: SGD, 고정 학습률)이라 훈련 방법은 책과 똑같고, 이 줄은 어떤 방법으로 훈련했는지를 기록에 함께 남깁니다. `apply_init`이 첫 미니배치로 순전파해 지연 층의 모양을 정한 뒤 `init_cnn`을 적용합니다(이 순서라면 책의 `init_cnn`과 `d2l.init_cnn`이 똑같이 동작합니다).
# 에폭마다 훈련 손실, 검증 손실, 검증 정확도가 그래프에 그려집니다. 훈련 셀의 `[d2lmini]` 줄은 GPU가 없어 CPU로 훈련한다는 것과 이 CPU에서 고른 계산 방법(bf16, channels_last 등)을 알립니다(README의 「벤치마크」 절). 달라지는 것은 합성곱과 행렬 곱의 정밀도나 메모리 배치뿐이고, 훈련 방법은 그대로입니다.

# %%
trainer = d2l.Trainer(max_epochs=cfg.max_epochs, num_gpus=1, seed=0)
data = d2l.FashionMNIST(batch_size=cfg.batch_size, resize=cfg.resize)
model = LeNet(lr=cfg.lr)
cfg.recipe.apply(model, data)   # 책의 방법: SGD, 고정 학습률(아래 「같은 LeNet, 다른 훈련 방법」과 비교)
model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
history = trainer.fit(model, data)

# %% [markdown]
# 훈련이 끝나면 `d2l.record_run`이 이번 실행을 `results/<프로필>/01_lenet.json`에 기록하고 한 줄로 알려 줍니다.
# 파라미터 수, 이미지 한 장의 연산량, 초당 훈련 이미지 수, 에폭별 기록, 훈련 시간, 마지막 검증 정확도, 실행한 기계가 들어갑니다.
# 마지막 노트북은 모든 노트북의 이 기록을 모아 모델들을 나란히 비교합니다. 책의 값(`book_figure`)은 책의 그래프에서 읽은
# 10에폭 후 검증 정확도입니다.

# %%
d2l.record_run('01_lenet', 'LeNet', model, data, trainer, cfg, book_figure=0.73)

# %% [markdown]
# ### 같은 LeNet, 다른 훈련 방법
#
# 위 실행은 책의 훈련 방법(SGD, 고정 학습률 0.1)을 그대로 따랐습니다(결과는 「결과」 절에서 읽습니다). 02~09 노트북의 `cpu` 프로필은 모든 모델을 하나의 **훈련 레시피**(training recipe) `d2l.CPU_RECIPE`로 같은 예산(8에폭, 배치 크기 128)만큼 훈련합니다. 레시피의 재료는 다음 네 가지이고, 데이터 증강(data augmentation)은 쓰지 않습니다.
#
# * **AdamW** 옵티마이저.
# * **원사이클**(one-cycle) 스케줄: 학습률을 처음 4분의 1 동안 최고값 0.002까지 올렸다가(워밍업) 코사인 모양으로 거의 0까지 내리고, 그동안 AdamW의 β1은 거꾸로 0.95에서 0.85로 내렸다가 다시 0.95로 올립니다.
# * **가중치 감쇠**(weight decay) 0.05: 합성곱·완전 연결 층의 가중치에만 겁니다.
# * **레이블 스무딩**(label smoothing) 0.1: 훈련 손실에만 넣습니다.
#
# 재료마다 무엇을 하고 정확도를 얼마나 더하는지는 [10 모든 모델 비교 노트북의 「훈련 레시피」 절](10_comparison.ipynb)에서 잽니다.
#
# 구조는 그대로 두고 훈련 방법만 그 레시피로 바꾸면 시그모이드 LeNet이 어떻게 되는지 봅니다. `recipe.apply(model, data)`가 모델의 옵티마이저와 손실, 데이터의 훈련 미니배치를 레시피에 맞춥니다. 이 실행은 10 모든 모델 비교 노트북이 다른 모델과 같은 예산으로 비교할 때 LeNet의 점이 되고, 06 배치 정규화 노트북이 배치 정규화를 넣은 LeNet과 견줄 때의 상대도 됩니다. `book` 프로필에서도 같은 레시피로 돌립니다. 이 셀의 목적이 레시피를 보여 주는 것이기 때문입니다.

# %%
recipe_cfg = d2l.profile_settings(
    book=dict(max_epochs=8, batch_size=128, lr=0.002, resize=28, recipe=d2l.CPU_RECIPE),
    cpu=dict(max_epochs=8, batch_size=128, lr=0.002, resize=28, recipe=d2l.CPU_RECIPE),
    smoke=dict(max_epochs=1, batch_size=64, lr=0.002, resize=28, recipe=d2l.CPU_RECIPE))
recipe_trainer = d2l.Trainer(max_epochs=recipe_cfg.max_epochs, num_gpus=1, seed=0)
recipe_data = d2l.FashionMNIST(batch_size=recipe_cfg.batch_size, resize=recipe_cfg.resize)
recipe_model = LeNet(lr=recipe_cfg.lr)
recipe_cfg.recipe.apply(recipe_model, recipe_data)
recipe_model.apply_init([next(iter(recipe_data.get_dataloader(True)))[0]], d2l.init_cnn)
recipe_history = recipe_trainer.fit(recipe_model, recipe_data)

# %%
d2l.record_run('01_lenet', 'LeNet (cpu 레시피)', recipe_model, recipe_data, recipe_trainer,
               recipe_cfg, book_figure=0.73)
print(f"책의 방법 {len(history)}에폭: 검증 정확도 {history[-1]['val_acc']:.3f}, "
      f"cpu 레시피 {len(recipe_history)}에폭: {recipe_history[-1]['val_acc']:.3f}")

# %% [markdown]
# ## 결과
#
# 에폭별 기록입니다(초 단위 시간 `seconds`는 검증까지 포함한 에폭 하나의 시간입니다).

# %%
history.to_frame()

# %% [markdown]
# 검증 데이터 전체에 대한 혼동 행렬입니다. 행은 정답, 열은 예측이고, 칸의 색은 그 정답 클래스 중 해당 예측의 비율입니다.
# 대각선 밖의 큰 값이 모델이 자주 헷갈리는 쌍입니다. 대각선의 합으로 구한 정확도는 훈련 기록의 마지막 검증 정확도와 소수 셋째 자리에서 조금 다를 수 있습니다.
# 훈련 중의 검증은 훈련과 같은 계산 방법(이 실행에서는 bf16)으로, `d2l.predict`는 float32로 계산하기 때문입니다. 이 노트북에서는 보고서를 만드는 조각(`predict` → `confusion_matrix` →
# 그림, 클래스별 정확도, 가장 많이 헷갈린 쌍)을 하나씩 보여 줍니다. 다음 노트북부터는 같은 일을 하는
# `d2l.classification_report(model, data)` 한 줄을 씁니다.

# %%
preds, labels = d2l.predict(model, data)
matrix = d2l.confusion_matrix(preds, labels)
class_names = data.text_labels(range(10))
display(d2l.plot_confusion_matrix(matrix, class_names))
per_class = matrix.diag() / matrix.sum(dim=1).clamp(min=1)
display(pd.DataFrame({'클래스별 정확도': per_class.tolist()}, index=class_names).round(2).T)
pd.DataFrame(d2l.most_confused(matrix, class_names, k=4), columns=['정답', '예측', '개수'])

# %% [markdown]
# 틀린 예제 몇 개입니다(제목: 정답 → 예측).

# %%
d2l.show_misclassified(model, data, n=8)

# %% [markdown]
# **결과 읽기.** 위의 출력에서 다음을 찾아보세요. 아래 설명은 이 노트북에 저장된 실행(2코어 CPU, `cpu` 프로필)의 출력을 읽은 것이며, `smoke` 프로필로 돌리면 데이터와 에폭이 아주 적어 다르게 보입니다.
#
# * 바지(trouser), 가방(bag), 그리고 신발 세 종류(sandal, sneaker, ankle boot)처럼 실루엣이 뚜렷한 클래스는 대각선 값이 높습니다.
#   신발끼리는 서로 헷갈리는 일이 있어도 옷과 헷갈리는 일은 드뭅니다. 길쭉한 실루엣끼리인 바지와 원피스(dress)가 섞이는 경우도 보입니다.
# * 윗옷 계열(t-shirt, pullover, coat, shirt)은 $28\times28$ 흑백에서 모양이 비슷해 서로 가장 많이 헷갈립니다.
#   특히 shirt는 다른 윗옷 세 종류 모두와 섞이기 쉬워, 이 실행에서도 클래스별 정확도가 가장 낮습니다(0.31<!-- run -->).
# * 훈련 곡선의 처음 두 에폭은 손실이 $\ln 10 \approx 2.3$에 붙어 있고 검증 정확도도 무작위 추측 수준 근처(0.2 이하<!-- run 0.1471 -->)입니다(인터랙티브 (나)에서 본 평평한 구간).
#   그 구간을 벗어난 뒤에는 꾸준히 좋아지지만 10에폭이 끝날 때도 손실이 아직 내려가는 중입니다. 마지막 검증 정확도는 약 0.74<!-- run 0.737 -->로
#   책의 값(약 0.73)과 거의 같습니다. 에폭을 늘리거나, ReLU로 바꾸거나(연습문제 1), 훈련 방법을 바꾸면 정확도가 더 올라갑니다.
# * 「같은 LeNet, 다른 훈련 방법」 절의 실행은 구조가 똑같은데도 8에폭 뒤 검증 정확도가 약 0.84<!-- run 0.838 -->로, 책의 방법 10에폭(약 0.74<!-- run 0.737 -->)보다 0.1쯤 높고 책의 값(약 0.73)도 넘습니다.
#   그 실행의 그래프에서는 책의 방법이 두 에폭 동안 머문 평평한 구간이 첫 에폭 안에 끝납니다. 훈련 손실이 검증 손실보다 위에 있는 것은 잘못된 것이 아닙니다.
#   훈련 손실은 레이블 스무딩을 넣은 목표로 잰 값이고, 레이블 스무딩 0.1에서는 모델이 완벽해도 약 0.5 아래로 내려갈 수 없습니다.
#   레시피의 재료가 한꺼번에 바뀌었으므로 이 차이가 어느 재료에서 왔는지는 이 비교만으로 알 수 없습니다(10 모든 모델 비교 노트북의 「훈련 레시피」 절).

# %% [markdown]
# ## 요약과 연습문제
#
# **요약**
#
# * LeNet은 합성곱 블록 2개(합성곱 $5\times5$ → 시그모이드 → $2\times2$ 평균 풀링)와 완전 연결 층 3개(120, 84, 10)로 이루어집니다.
# * 출력 크기는 $\lfloor (n - k + 2p)/s \rfloor + 1$입니다(PyTorch의 `padding=p`는 양쪽에 $p$씩). LeNet은 $28 \to 28 \to 14 \to 10 \to 5$,
#   펼치면 $16\cdot5\cdot5 = 400$입니다. 첫 합성곱의 패딩 2는 원래 LeNet의 $32\times32$ 입력을 흉내 낸 것입니다.
# * 책의 LeNet은 1998년의 LeNet-5와 층의 모양은 같지만 다섯 가지가 다릅니다. 입력 크기($32\times32$ 대신 $28\times28$과 패딩 2), 활성화 함수(크기를 조정한 tanh 대신 시그모이드),
#   서브샘플링 층(학습되는 계수와 편향 대신 파라미터 없는 평균 풀링), 둘째 합성곱 층의 연결(부분 연결 대신 전부 연결), 출력층(RBF 층 대신 완전 연결 층과 소프트맥스)입니다.
# * 합성곱 층의 파라미터 수 $c_i c_o k_h k_w + c_o$는 이미지 크기와 무관하고, 연산량 $2\,c_i c_o k_h k_w n_h' n_w'$ FLOPs는 출력 크기에 비례합니다.
#   LeNet의 파라미터 61,706개 중 78%가 첫 완전 연결 층에 있지만, 계산의 86%는 합성곱 층이 합니다.
# * 시그모이드($\sigma' \le \tfrac14$)는 앞쪽 층의 기울기를 크게 줄여 훈련 초반에 무작위 추측 수준의 평평한 구간을 만듭니다. 인터랙티브 (나)의 실행에서는 ReLU로 바꾸자
#   이 구간이 사라졌고, 평균 풀링과 최대 풀링의 차이는 그에 비하면 작았습니다.
# * 책의 설정(SGD, 학습률 0.1, 10에폭)으로 훈련한 LeNet은 검증 정확도 약 0.74<!-- run 0.737 -->로 책의 값(약 0.73)과 거의 같았습니다. 구조는 그대로 두고
#   훈련 방법만 02~09 노트북이 함께 쓰는 훈련 레시피로 바꾸면 8에폭에 약 0.84<!-- run 0.838 -->였습니다. 같은 구조라도 훈련 방법에 따라 정확도가 달라집니다.
# * 책의 `init_cnn`은 생성자 안에서 지연 층에 적용하면 아무 일도 하지 않습니다. `apply_init`처럼 모양을 정한 뒤 적용하거나, d2lmini의 `d2l.init_cnn`을 씁니다.
#
# **토론.** LeNet에서 다층 퍼셉트론(MLP)과 달라진 점은 두 가지입니다. 합성곱이 가까운 픽셀끼리만 묶고(국소성), 같은 커널을 모든 위치에 함께 써서(가중치 공유)
# 합성곱 층의 파라미터가 이미지 크기와 무관해졌습니다(펼친 뒤의 완전 연결 층은 여전히 특성 맵 크기에 따라 커집니다). 그 결과 6만 개 남짓한 파라미터로 손글씨 숫자의 오류율을 1% 아래로 낮춰, 당시 지도 학습의 주류였던
# 서포트 벡터 머신(SVM)과 어깨를 나란히 했습니다(LeCun 등 1998). 실제로 수표와 우편번호를 읽는 데 쓰였고, ATM의 수표 입금 처리에도 들어갔습니다.
# 그때는 이런 망 하나를 C++와 어셈블리 코드로 몇 달에 걸쳐 구현했다고 책은 전합니다. 이 노트북에서는 같은 망이 `nn.Sequential` 한 덩어리입니다.
#
# 그런데도 이후 십여 년 동안 합성곱 신경망이 주류가 되지 못한 것은 구조가 모자라서가 아니라, 더 큰 모델을 훈련할 데이터와 계산 능력이 없었기 때문이라고 흔히 설명합니다.
# "합성곱 블록으로 해상도를 줄이며 채널을 늘리고, 완전 연결 층으로 분류한다"는 LeNet의 뼈대는 그대로 두고 규모와 활성화 함수, 풀링, 규제를 바꾼 것이
# 다음 02 AlexNet 노트북의 AlexNet입니다.
#
# **연습문제**
#
# 먼저 스스로 풀어 본 뒤 [풀이 노트북](solutions/01_lenet_solutions.ipynb)과 맞춰 보세요. 훈련이 필요한 문제도 풀이는 몇 초에서 몇십 초짜리 짧은 실행으로 답합니다.
#
# 1. **ReLU와 최대 풀링으로 바꾸기.** `LeNetVariant(nn.ReLU, nn.MaxPool2d, lr=0.1)`을 훈련 절과 같은 설정(책의 방법, 10에폭)으로 훈련하고 책의 LeNet과 정확도를 비교하세요.
#    *힌트*: 훈련 절의 코드에서 모델 한 줄만 바꾸면 됩니다. 인터랙티브 (나)의 곡선으로 결과를 미리 예측해 보세요. [풀이](solutions/01_lenet_solutions.ipynb#연습문제-1)
# 2. **다른 활성화 함수.** 평균 풀링은 그대로 두고 활성화 함수만 `nn.Tanh`(원래 LeNet-5가 쓴 크기를 조정한 tanh와 모양이 같습니다), `nn.LeakyReLU`, `nn.GELU`로 바꿔
#    인터랙티브 (나)와 같은 짧은 실행(학습률 0.1, 480스텝)으로 비교하세요. 시그모이드처럼 무작위 추측 수준에 머무는 함수가 있나요?
#    *힌트*: 훈련하기 전에 함수마다 $x = 0$에서의 값과 도함수의 최댓값을 적어 보세요. `short_run(nn.Tanh, nn.AvgPool2d, 0.1)`처럼 부르면 됩니다. [풀이](solutions/01_lenet_solutions.ipynb#연습문제-2)
# 3. **구조를 바꾼 효과와 훈련 방법을 바꾼 효과.** 연습문제 1의 모델을 「같은 LeNet, 다른 훈련 방법」 절처럼 레시피(`d2l.CPU_RECIPE`, 학습률 0.002, 8에폭)로도 훈련하세요.
#    (시그모이드 + 평균 풀링, ReLU + 최대 풀링) × (책의 방법, 레시피)의 네 정확도를 표로 만들면, 두 효과는 서로 더해지나요? [풀이](solutions/01_lenet_solutions.ipynb#연습문제-3)
# 4. 원래 LeNet-5처럼 첫 합성곱의 패딩을 0으로 하고 `resize=32`로 입력을 $32\times32$로 키우면 각 층의 모양은 어떻게 되나요?
#    *힌트*: 출력 크기 공식으로 먼저 계산한 뒤 `layer_summary((1, 1, 32, 32))`로 확인하세요. [풀이](solutions/01_lenet_solutions.ipynb#연습문제-4)
# 5. 둘째 합성곱의 출력 채널을 16에서 32로 늘리면 파라미터 수가 가장 많이 늘어나는 층은 어디인가요? 연산량이 가장 많이 늘어나는 층은요?
#    *힌트*: 펼친 벡터의 길이가 $32\cdot5\cdot5$가 됩니다. 모양 확인 절의 `layer_costs`로 확인하세요. [풀이](solutions/01_lenet_solutions.ipynb#연습문제-5)
# 6. **커널 크기.** ReLU와 최대 풀링을 쓴 LeNet에서 두 합성곱의 커널을 $3\times3$으로 줄이면(첫 합성곱의 패딩은 1로 바꿔 크기를 유지) 층마다 모양, 파라미터 수, 연산량은 어떻게 되나요? 정확도는 어떻게 달라지나요?
#    *힌트*: 둘째 합성곱의 출력이 $12\times12$가 되어 펼친 길이도 바뀝니다. 먼저 손으로 계산하고 `layer_costs`로 확인하세요. 정확도는 `short_run`을 본떠 모델을 인자로 받는 함수를 만들어 재면 됩니다. [풀이](solutions/01_lenet_solutions.ipynb#연습문제-6)
# 7. **층의 개수.** 연습문제 6의 기준 모델(ReLU와 최대 풀링, $5\times5$ 커널)에서 합성곱 층을 하나 더 넣거나(예: 둘째 풀링 뒤에 $3\times3$, 패딩 1, 출력 채널 16) 완전 연결 층 하나(84)를 빼면 파라미터 수, 연산량, 정확도는 어떻게 달라지나요? [풀이](solutions/01_lenet_solutions.ipynb#연습문제-7)
# 8. **원래 MNIST.** 연습문제 1의 모델을 원래의 손글씨 숫자 데이터셋 MNIST로 훈련하면 Fashion-MNIST보다 정확도가 높을까요, 낮을까요? 그 이유는 무엇일까요?
#    *힌트*: `d2l.FashionMNIST`는 Fashion-MNIST 파일만 읽습니다(체크섬으로 확인합니다). MNIST는 `torchvision.datasets.MNIST`로 받을 수 있습니다. 내려받을 수 없다면 두 데이터셋의 이미지가 어떻게 다른지(배경, 획, 클래스끼리 닮은 정도)로 따져 보세요. [풀이](solutions/01_lenet_solutions.ipynb#연습문제-8)
# 9. **층의 활성화 보기.** 훈련한 모델에 pullover와 coat 이미지를 몇 장씩 넣고, 첫째·둘째 합성곱 층(활성화 함수 뒤)의 출력 채널을 이미지로 그려 보세요. 두 클래스는 어느 층에서 더 달라 보이나요?
#    *힌트*: `model.net[:2](X)`는 첫 합성곱과 활성화 함수까지, `model.net[:5](X)`는 둘째 합성곱과 활성화 함수까지의 출력입니다. [풀이](solutions/01_lenet_solutions.ipynb#연습문제-9)
# 10. **아주 다른 입력.** 무작위 잡음, 모두 0인 이미지, 밝기를 뒤집은 옷 이미지를 넣으면 활성화와 예측 확률(소프트맥스)은 어떻게 되나요? 모델이 "모르겠다"고 답할 수 있나요? [풀이](solutions/01_lenet_solutions.ipynb#연습문제-10)
# 11. 생성자 안에서 `self.net.apply(init_cnn)`(책의 버전)을 부르는 LeNet을 만들고, `apply_init` 없이 훈련하면 가중치가 Xavier
#     초기화되지 않았음을 보이세요. *힌트*: 첫 순전파 뒤 `model.net[-1].weight.abs().max()`를 Xavier 한계 $\sqrt{6/(84+10)}$ 및 PyTorch
#     기본 초기화의 한계 $1/\sqrt{84}$와 비교해 보세요. [풀이](solutions/01_lenet_solutions.ipynb#연습문제-11)
# 12. 평균 풀링을 스트라이드 2인 $2\times2$ 합성곱(`nn.LazyConv2d(c, kernel_size=2, stride=2)`)으로 바꾸면 모양과 파라미터 수는 어떻게 되고,
#     정확도는 어떻게 달라질까요? 풀링 층에는 왜 파라미터가 없어도 되는지 함께 생각해 보세요.
#     *힌트*: `LeNet`을 본떠 두 풀링 자리에 `nn.LazyConv2d(6, kernel_size=2, stride=2)`와 `nn.LazyConv2d(16, kernel_size=2, stride=2)`를
#     넣은 모델을 만들고, `layer_summary`와 `d2l.num_params`로 먼저 확인하세요. [풀이](solutions/01_lenet_solutions.ipynb#연습문제-12)
