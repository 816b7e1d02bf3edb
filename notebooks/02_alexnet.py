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
# # 심층 합성곱 신경망 AlexNet
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/02_alexnet.ipynb)
#
# LeNet과 같은 설계를 훨씬 깊고 넓게 키우고 ReLU·최대 풀링(max pooling)·드롭아웃(dropout)을 더한 AlexNet이 2012년에 무엇을 바꿨는지 살펴보고, CPU에 맞게 줄인 AlexNet을 Fashion-MNIST로 훈련합니다.

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
# 1. 2012년 이전의 이미지 인식 파이프라인(사람이 설계한 특성 + 선형 분류기)과 특성을 데이터에서 배우는 방식의 차이, 그리고 AlexNet을 가능하게 한 두 재료(대규모 데이터와 GPU)를 설명할 수 있습니다.
# 2. LeNet에서 AlexNet으로 바뀐 점(깊이와 너비, ReLU, 최대 풀링, 드롭아웃, 데이터 증강(data augmentation), GPU 두 개)을 들고, 각각이 왜 필요했는지 말할 수 있습니다.
# 3. 시그모이드와 ReLU의 도함수를 비교하고, ReLU가 기울기 소실(vanishing gradient)을 어떻게 덜어 주는지 실제 역전파(backpropagation)로 확인할 수 있습니다.
# 4. 드롭아웃이 훈련 모드(training mode)와 예측 모드(prediction mode)에서 어떻게 다르게 동작하는지, $1/(1-p)$라는 배율이 왜 기댓값을 지키는지 설명할 수 있습니다.
# 5. 224×224 입력에서 AlexNet의 층별 출력 모양과 파라미터 수를 계산하고, 파라미터의 대부분이 완전 연결 층(fully connected layer)에 있다는 것을 확인할 수 있습니다.
# 6. CPU에 맞게 줄인 AlexNet을 훈련하고 책의 결과와 비교할 수 있습니다.

# %% [markdown]
# ## 개념
#
# ### 2012년 이전: 특성은 사람이 만들었다
#
# LeNet(1998) 이후 십여 년 동안 이미지 인식의 주류는 신경망이 아니었습니다. 흔히 쓰이던 파이프라인은 다음과 같습니다.
#
# 1. 비싼 센서로 모은 비교적 작은 데이터셋을 준비합니다.
# 2. 광학·기하학 지식으로 이미지를 전처리합니다.
# 3. SIFT(Scale-Invariant Feature Transform), SURF, HOG(Histogram of Oriented Gradients), 시각 단어 가방(bag of visual words) 같은 정해진 **특성 추출기**에 넣습니다.
# 4. 그렇게 얻은 특성 벡터를 선형 모델이나 커널 방법(SVM 등)으로 분류합니다.
#
# 이 방식에서 정확도를 좌우한 것은 분류기가 아니라 **특성**이었습니다. 조금 더 좋은 특성을 손으로 설계하는 것이 한 편의 논문이 되던 시절입니다.
#
# 반대편에는 특성도 데이터에서 **배워야** 한다고 믿는 연구자들이 있었습니다. 원시 픽셀에서 분류 결과까지 하나의 모델을 끝에서 끝까지(end-to-end) 훈련하면, 아래층은 모서리·색·질감을, 위층은 그것들을 조합한 부분(눈, 바퀴)을, 더 위층은 물체 전체를 나타내는 **계층적 표현**을 스스로 배울 수 있다는 생각입니다.
#
# 실제로 AlexNet의 첫 합성곱 층(convolutional layer)이 배운 필터(filter)는 방향별 모서리와 색 덩어리 검출기처럼 생겼습니다(Krizhevsky 등 2012, 그림 3). 사람이 설계하던 저수준 특성과 비슷한 것을 데이터에서 얻은 셈입니다.
#
# ### 빠져 있던 두 재료: 데이터와 하드웨어
#
# 이 생각이 2012년에야 결실을 본 데에는 두 가지 이유가 있습니다.
#
# * **데이터.** 층이 많은 모델이 볼록(convex) 모델보다 나아지려면 데이터가 많아야 합니다. 1990년대 연구는 대개 수백~수천 장짜리 데이터셋을 썼습니다. 2009년에 공개된 ImageNet에서 1,000개 클래스, 훈련 이미지 약 120만 장을 골라 2010년부터 열린 ILSVRC(ImageNet Large Scale Visual Recognition Challenge)는 전례 없는 규모였습니다. ImageNet 전체는 이보다 훨씬 커서 지금은 2만 개가 넘는 범주에 1,400만 장이 넘는 이미지가 있습니다.
# * **하드웨어.** 합성곱과 행렬 곱은 같은 계산을 아주 많이 되풀이하므로 병렬화가 쉽습니다. GPU는 느리지만 단순한 코어를 수백~수천 개 가진 장치라 이런 계산에 잘 맞습니다. Krizhevsky는 합성곱을 GPU에서 빠르게 계산하는 코드(cuda-convnet)를 직접 작성했고, Krizhevsky·Sutskever·Hinton은 이 코드로 메모리 3GB짜리 NVIDIA GTX 580 두 개에서 5~6일 동안 모델을 훈련했습니다.
#
# 그 결과 AlexNet은 ILSVRC 2012에서 상위 5개 예측 오류율(top-5 error) 15.3%를 기록해 2위(26.2%)를 큰 차이로 앞섰습니다. 대규모 이미지 인식에서 배운 특성이 손으로 설계한 특성을 넘을 수 있다는 것을 처음으로 분명하게 보여 준 결과이고, 이후 컴퓨터 비전의 주류가 심층 합성곱 신경망으로 바뀌었습니다.
#
# ### LeNet에서 AlexNet으로: 무엇이 바뀌었나
#
# AlexNet의 구조는 LeNet과 아주 닮았습니다. 합성곱 층과 풀링 층을 번갈아 쌓고 완전 연결 층으로 끝납니다. 달라진 것은 규모와 몇 가지 요소입니다. 이 노트북이 만든 모델 객체로 두 구조를 나란히 그린 그림은 「훈련」 절의 그림 1입니다(저장된 그림은 `cpu` 프로필의 줄인 모델입니다).
#
# | 항목 | LeNet (책의 버전) | AlexNet (2012년 원래 모델) |
# |---|---|---|
# | 입력 | 28×28 흑백 | 224×224 컬러 (ImageNet) |
# | 합성곱 층 | 2개, 출력 채널 6·16 | 5개, 출력 채널 96·256·384·384·256 |
# | 커널 | 5×5 | 11×11 → 5×5 → 3×3 |
# | 완전 연결 층 | 120 → 84 → 10 | 4096 → 4096 → 1000 |
# | 활성화 함수(activation function) | 시그모이드 | ReLU |
# | 풀링 | 2×2 평균 풀링, 스트라이드 2 | 3×3 최대 풀링, 스트라이드 2 (창이 겹침) |
# | 규제 | 없음 | 드롭아웃($p = 0.5$), 데이터 증강, 가중치 감쇠(weight decay) |
# | 파라미터 | 약 6만 개 | 약 6천만 개 (3채널 입력, 1,000개 클래스) |
# | 훈련 장치 | CPU | GPU 두 개 |
#
# **깊이와 너비.** AlexNet은 가중치(weight)가 있는 층이 8개입니다(합성곱 층 5개, 은닉 완전 연결 층 2개, 출력층 1개). 합성곱 층의 채널 수는 LeNet의 열 배가 넘습니다. AlexNet이 받는 224×224 입력은 MNIST(28×28)보다 가로세로가 8배 크고 물체도 그만큼 많은 픽셀을 차지하므로, 첫 층은 $11 \times 11$의 큰 커널(kernel)과 스트라이드(stride) 4로 넓은 영역을 보면서 해상도(resolution)를 빨리 줄입니다. 그다음 층들은 $5 \times 5$, $3 \times 3$으로 커널이 작아집니다.
#
# **ReLU.** LeNet의 시그모이드 $\sigma(x) = 1/(1 + e^{-x})$의 도함수는
#
# $$\sigma'(x) = \sigma(x)\,\big(1 - \sigma(x)\big) \le \tfrac{1}{4}$$
#
# 이고, $|x|$가 커지면 0에 가까워집니다(포화). 역전파에서 기울기(gradient)는 층을 하나 지날 때마다 활성화 함수의 도함수를 곱하므로, 시그모이드 층을 $L$개 지나면 도함수의 곱만으로도 $(1/4)^L$배 이하로 줄어듭니다. 가중치가 이를 메워 주지 못하면 입력 쪽 층의 기울기가 사라지는데, 이것이 기울기 소실입니다. 반면 ReLU의 도함수는
#
# $$\mathrm{ReLU}(x) = \max(0, x), \qquad \mathrm{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x < 0 \end{cases}$$
#
# 로, 켜진 유닛(입력이 양수인 유닛)에서는 기울기를 **줄이지 않고** 그대로 전합니다. 지수 함수가 없어 계산도 가볍습니다. AlexNet 논문은 ReLU를 쓴 네트워크가 CIFAR-10에서 훈련 오류율 25%에 tanh 네트워크보다 여섯 배 빨리 도달했다고 보고했습니다. 아래 「인터랙티브」 절의 (가)에서 두 도함수와, 깊은 망의 층마다 실제 기울기 크기를 비교합니다.
#
# **최대 풀링.** LeNet은 평균 풀링을 썼지만 AlexNet은 최대 풀링을 씁니다. 창 안에서 가장 강한 반응만 남기므로 작은 위치 변화에 덜 민감하고, 기울기는 최댓값이 나온 위치로만 흐릅니다. AlexNet의 풀링은 창($3 \times 3$)이 스트라이드(2)보다 커서 이웃한 창이 겹칩니다.
#
# **드롭아웃.** 파라미터가 수천만 개이면 120만 장으로도 과대적합(overfitting)이 걱정됩니다. AlexNet은 두 은닉 완전 연결 층 뒤에 드롭아웃을 둡니다. 훈련 중에는 유닛마다 독립적으로 확률 $p$로 출력을 0으로 만들고, 남은 유닛은 $1/(1-p)$배로 키웁니다.
#
# $$h' = \begin{cases} 0 & \text{확률 } p \\ \dfrac{h}{1-p} & \text{확률 } 1-p \end{cases} \qquad\Longrightarrow\qquad \mathbb{E}[h'] = (1-p)\cdot\frac{h}{1-p} = h$$
#
# 기댓값이 그대로이므로, 예측할 때는 드롭아웃을 끄고(항등 함수) 입력을 그대로 내보내면 됩니다. 미니배치(minibatch)마다 다른 부분 네트워크를 훈련하는 셈이라, 특정 유닛들이 서로에게 기대는 공동 적응(co-adaptation)이 줄어듭니다. (원래 논문은 훈련 때 키우지 않고 예측 때 출력에 $1-p$를 곱했습니다. PyTorch의 `nn.Dropout`은 위 식처럼 훈련 때 키우는 쪽이고, 두 방식의 기댓값은 같습니다.) 「인터랙티브」 절의 (나)에서 같은 입력을 두 모드로 통과시켜 봅니다.
#
# **데이터 증강.** AlexNet은 256×256 이미지에서 224×224 영역을 무작위로 잘라 내고, 좌우로 뒤집고, 색을 조금씩 바꿔 훈련 데이터를 사실상 크게 늘렸습니다. 가중치 감쇠도 함께 썼습니다. 이 노트북의 `cpu` 프로필이 쓰는 훈련 레시피는 가중치 감쇠는 쓰지만 데이터 증강은 쓰지 않습니다(「훈련」 절).
#
# **GPU 두 개.** 모델이 GTX 580 한 개(3GB)에 다 들어가지 않았으므로, 원래 AlexNet은 층마다 채널을 반씩 나눠 두 GPU에 올리고 특정 층에서만 두 GPU가 데이터를 주고받게 했습니다. 지금의 GPU는 메모리가 충분하므로 책의 AlexNet(그리고 이 노트북의 구현)은 이 분할을 없애고 한 장치에서 돌립니다. 원래 모델에 있던 국소 응답 정규화(local response normalization)도 빠졌습니다.
#
# ### 출력 크기와 파라미터 수
#
# 합성곱·풀링의 출력 높이는 $\lfloor (n - k + 2p)/s \rfloor + 1$입니다(PyTorch의 `padding=p`는 위아래에 각각 $p$줄을 덧붙입니다). 책의 AlexNet에 224×224 흑백 이미지를 넣으면
#
# * 첫 합성곱($k = 11$, $s = 4$, $p = 1$): $\lfloor (224 - 11 + 2)/4 \rfloor + 1 = 54$, 최대 풀링($k = 3$, $s = 2$): $\lfloor (54 - 3)/2 \rfloor + 1 = 26$
# * 둘째 합성곱($5 \times 5$, 패딩(padding) 2)은 크기를 유지하고, 풀링 후 $\lfloor (26 - 3)/2 \rfloor + 1 = 12$
# * $3 \times 3$ 합성곱 세 개(패딩 1)도 크기를 유지하고, 마지막 풀링 후 $\lfloor (12 - 3)/2 \rfloor + 1 = 5$
#
# 이므로 펼친 길이는 $256 \times 5 \times 5 = 6400$입니다. 파라미터 수는 합성곱 층이 $c_i c_o k^2 + c_o$, 완전 연결 층이 $n_\text{in} n_\text{out} + n_\text{out}$입니다. 첫 완전 연결 층 하나만 $6400 \cdot 4096 + 4096 = 26{,}218{,}496$개로, 다섯 합성곱 층을 모두 합친 것보다 일곱 배쯤 많습니다.
#
# 연산량(FLOPs)은 반대입니다. 연산량은 부동소수점 연산의 개수로, 곱셈 하나와 덧셈 하나를 각각 1로 세므로 곱셈-덧셈 한 쌍은 2 FLOPs입니다. 이 시리즈의 `d2l.count_flops`는 이미지 한 장이 순전파(forward pass)를 한 번 지날 때의 연산량을 셉니다(편향(bias) 덧셈·활성화 함수·풀링은 세지 않습니다). 합성곱 층의 연산량 $2\, c_i k^2 c_o\, h_o w_o$에는 출력 해상도 $h_o w_o$가 곱해지지만 완전 연결 층은 $2\, n_\text{in} n_\text{out}$뿐이므로, 계산은 대부분 합성곱 층에서 일어납니다. 「모양 확인」 절에서 층마다 세어 봅니다.

# %% [markdown]
# ## 구현
#
# 필요한 모듈을 불러옵니다. 책의 `from d2l import torch as d2l` 자리에 `import d2lmini as d2l`을 씁니다.

# %%
import torch
from torch import nn
import d2lmini as d2l

# %% [markdown]
# 책의 AlexNet과 같은 층을 같은 순서로 쌓습니다. 다만 합성곱 다섯 층의 채널 수(`channels`), 두 은닉 완전 연결 층의 너비(`hidden`), 첫 합성곱 층의 커널·스트라이드·패딩(`stem`)을 인자로 받게 해서, 「훈련」 절의 작은 모델도 같은 클래스로 만듭니다. 기본값이 책의 모델입니다. 모든 층이 지연 초기화(lazy initialization) 층이라 입력 채널 수는 첫 순전파 때 정해집니다.
#
# 초기화(initialization)는 책과 한 가지가 다릅니다. 책의 생성자는 마지막에 `self.net.apply(d2l.init_cnn)`을 부르지만, 책의 `init_cnn`은 아직 모양이 없는 지연 층에서는 아무 일도 하지 않습니다(01 LeNet 노트북의 「초기화와 지연 층」 절). 그리고 책의 AlexNet 훈련 코드는 `apply_init`으로 초기화를 다시 적용하지도 않으므로, 책의 AlexNet은 Xavier 초기화(Xavier initialization)가 아니라 **PyTorch의 기본 초기화**로 훈련됩니다.
#
# `LazyConv2d`와 `LazyLinear`의 기본값은 가중치와 편향을 모두 $\pm 1/\sqrt{n_\text{in}}$ 범위의 균등 분포에서 뽑습니다($n_\text{in}$은 입력 채널 수 × 커널 크기, 완전 연결 층이면 입력 수). 반면 d2lmini의 `d2l.init_cnn`은 지연 층에도 Xavier 초기화를 예약해 두므로, 그 줄을 그대로 두면 책과 다른 모델이 됩니다. 그래서 아래 클래스에서는 그 줄을 빼고, 초기화는 「훈련」 절에서 프로필 설정(`init`)이 고르게 합니다.

# %%
class AlexNet(d2l.Classifier):
    """AlexNet (책의 한 장치 버전). 기본값이 책의 모델이고, 인자로 크기를 줄일 수 있습니다.

    channels: 합성곱 다섯 층의 출력 채널 수
    hidden:   두 은닉 완전 연결 층의 너비
    stem:     첫 합성곱 층의 (커널 크기, 스트라이드, 패딩)
    초기화는 하지 않습니다: 훈련 절의 apply_init이 프로필의 초기화를 적용합니다.
    """
    def __init__(self, lr=0.1, num_classes=10, channels=(96, 256, 384, 384, 256),
                 hidden=4096, stem=(11, 4, 1), dropout=0.5):
        super().__init__()
        self.save_hyperparameters()
        c1, c2, c3, c4, c5 = channels
        kernel, stride, padding = stem
        self.net = nn.Sequential(
            # 큰 커널·큰 스트라이드로 넓게 보며 해상도를 빨리 줄이고, 겹치는 최대 풀링
            nn.LazyConv2d(c1, kernel_size=kernel, stride=stride, padding=padding), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            # 5x5 합성곱(패딩 2: 크기 유지)으로 채널을 늘리고 다시 풀링
            nn.LazyConv2d(c2, kernel_size=5, padding=2), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            # 풀링 없이 3x3 합성곱 세 개
            nn.LazyConv2d(c3, kernel_size=3, padding=1), nn.ReLU(),
            nn.LazyConv2d(c4, kernel_size=3, padding=1), nn.ReLU(),
            nn.LazyConv2d(c5, kernel_size=3, padding=1), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2), nn.Flatten(),
            # 헤드: 드롭아웃이 붙은 큰 완전 연결 층 두 개와 출력층
            nn.LazyLinear(hidden), nn.ReLU(), nn.Dropout(p=dropout),
            nn.LazyLinear(hidden), nn.ReLU(), nn.Dropout(p=dropout),
            nn.LazyLinear(num_classes))
        # 책은 여기서 self.net.apply(d2l.init_cnn)을 부르지만 지연 층에서는 아무 일도 하지 않으므로
        # (책의 init_cnn), 책과 같은 모델이 되도록 이 줄을 뺍니다. 위 설명을 보세요.


# %% [markdown]
# ## 모양 확인
#
# 책의 AlexNet에 224×224 흑백 이미지 한 장을 넣고 층마다 출력 모양을 봅니다. 「개념」 절에서 계산한 $54 \to 26 \to 12 \to 5$와 펼친 길이 6400이 맞는지 확인하세요. `Dropout`은 모양을 바꾸지 않습니다.

# %%
# NBVAL_CHECK_OUTPUT
AlexNet().layer_summary((1, 1, 224, 224))

# %% [markdown]
# 이제 가중치가 있는 층마다 파라미터 수를 식으로 계산한 값과 실제 모델의 값을 나란히 놓고, 이미지 한 장의 연산량(`d2l.count_flops`, 표의 `MFLOPs` 열)도 셉니다. 파라미터의 몫과 연산량의 몫(표의 `FLOPs 몫(%)` 열)을 비교해 보세요.

# %%
# NBVAL_CHECK_OUTPUT
import pandas as pd
from IPython.display import display


def weighted_layers(model, X_shape):
    """가중치가 있는 층마다 (이름, 층, 입력 모양, 출력 모양)을 순서대로 돌려줍니다."""
    X = torch.zeros(X_shape)
    rows, counts = [], {'conv': 0, 'fc': 0}
    with torch.no_grad():
        for layer in model.net:
            Y = layer.eval()(X)
            if isinstance(layer, (nn.Conv2d, nn.Linear)):
                kind = 'conv' if isinstance(layer, nn.Conv2d) else 'fc'
                counts[kind] += 1
                rows.append((f'{kind}{counts[kind]}', layer, tuple(X.shape), tuple(Y.shape)))
            X = Y
    return rows


def param_formula(layer, in_shape):
    """c_i c_o k^2 + c_o (합성곱) 또는 n_in n_out + n_out (완전 연결 층)."""
    if isinstance(layer, nn.Conv2d):
        k = layer.kernel_size[0]
        return in_shape[1] * layer.out_channels * k * k + layer.out_channels
    return in_shape[1] * layer.out_features + layer.out_features


def parameter_table(model, X_shape):
    model.apply_init([torch.zeros(X_shape)])            # 지연 층의 모양을 정합니다
    rows = []
    for name, layer, in_shape, out_shape in weighted_layers(model, X_shape):
        rows.append({'층': name, '출력 모양': str(out_shape[1:]),
                     '파라미터(식)': param_formula(layer, in_shape),
                     '파라미터(모델)': d2l.num_params(layer),
                     'MFLOPs': d2l.count_flops(layer, in_shape) / 1e6})
    table = pd.DataFrame(rows).set_index('층')
    table['파라미터 몫(%)'] = 100 * table['파라미터(모델)'] / table['파라미터(모델)'].sum()
    table['FLOPs 몫(%)'] = 100 * table['MFLOPs'] / table['MFLOPs'].sum()
    return table                                        # 반올림은 보여 줄 때만 (합계가 어긋나지 않도록)


book_table = parameter_table(AlexNet(), (1, 1, 224, 224))
display(book_table.round(1))
is_conv = book_table.index.str.startswith('conv')
print(f'합성곱 층 5개: 파라미터 {book_table["파라미터(모델)"][is_conv].sum():>12,}개 '
      f'({book_table["파라미터 몫(%)"][is_conv].sum():.1f}%), '
      f'FLOPs {book_table["FLOPs 몫(%)"][is_conv].sum():.1f}%')
print(f'완전 연결 층 3개: 파라미터 {book_table["파라미터(모델)"][~is_conv].sum():>12,}개 '
      f'({book_table["파라미터 몫(%)"][~is_conv].sum():.1f}%), '
      f'FLOPs {book_table["FLOPs 몫(%)"][~is_conv].sum():.1f}%')
print(f'합계 파라미터 {book_table["파라미터(모델)"].sum():,}개, '
      f'이미지 한 장의 순전파 {book_table["MFLOPs"].sum():,.0f} MFLOPs')

# %% [markdown]
# 파라미터의 90% 이상<!-- run 92.0 -->이 완전 연결 층 세 개에, 그 가운데서도 56%<!-- run 56.1 -->가 `fc1` 하나에 몰려 있고, 연산량은 거꾸로 95% 이상<!-- run 95.4 -->이 합성곱 층에서 나옵니다. 32비트 실수로 저장하면 완전 연결 층만 170MB가 넘습니다($43{,}040{,}778 \times 4$바이트 $\approx 172 \times 10^6$바이트). 책은 두 은닉 완전 연결 층의 가중치 행렬($6400\times4096$, $4096\times4096$)을 164MB라고 적는데, 1MB를 $2^{20}$바이트(MiB)로 센 값이라 거의 같은 양입니다.
#
# 이 표의 모델은 책이 Fashion-MNIST에 맞춘 AlexNet(1채널 입력, 10개 클래스)이라 파라미터가 약 4,676만 개입니다. 위 비교표의 "약 6천만 개"는 2012년 ImageNet용 원래 AlexNet(3채널 입력, 1,000개 클래스)의 값입니다. 이런 크기가 GPU 두 개로 나눠야 했던 이유 가운데 하나입니다(활성화 값도 메모리를 많이 차지합니다). 두 숫자가 왜 다른지는 연습문제 3에서 따져 봅니다.
#
# 드롭아웃을 완전 연결 층에 둔 것도 파라미터가 가장 많아 과대적합하기 쉬운 곳이 거기이기 때문입니다. 다음 03 VGG 노트북의 VGG는 너비 4096의 이 무거운 헤드를 그대로 물려받고, 그다음 04 NiN 노트북의 NiN은 완전 연결 층을 없애고 전역 평균 풀링으로 바꿉니다.

# %% [markdown]
# ## 인터랙티브
#
# ### (가) 시그모이드와 ReLU의 기울기
#
# 왼쪽 그림은 입력 범위 $[-r, r]$에서 두 활성화 함수의 도함수입니다. 시그모이드의 도함수는 $x = 0$에서 가장 큰 값 $1/4$이고 $|x|$가 커지면 0으로 사라지지만, ReLU의 도함수는 양수 쪽에서 언제나 1입니다.
#
# 오른쪽 그림은 그 차이가 깊은 망에서 어떻게 쌓이는지 봅니다. 너비 128의 완전 연결 층을 $L$개 쌓은 두 망(활성화 함수만 시그모이드와 ReLU로 다름, 같은 시드의 Xavier 초기화)에 **실제 Fashion-MNIST 미니배치** 256장을 넣고 교차 엔트로피(cross-entropy) 손실(loss)을 한 번 역전파한 뒤, 층마다 가중치 기울기의 노름 $\lVert \partial \mathcal{L} / \partial \mathbf{W}_l \rVert$을 그립니다(층 1이 입력 쪽). 슬라이더로 입력 범위 $r$과 깊이 $L$을 바꿔 보세요.

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt
from torch.nn import functional as F

grad_data = d2l.FashionMNIST(batch_size=256)
X_grad, y_grad = next(iter(grad_data.get_dataloader(True)))
print(f'데이터: {grad_data.source}, 미니배치 {tuple(X_grad.shape)}')


def mlp_gradient_norms(activation, depth, width=128):
    """너비가 width인 완전 연결 층 depth개 + 출력층을 쌓고, 한 번 역전파한 뒤
    은닉층마다 가중치 기울기의 노름을 입력 쪽부터 돌려줍니다."""
    torch.manual_seed(0)
    layers = [nn.Flatten()]
    for i in range(depth):
        layers += [nn.Linear(784 if i == 0 else width, width), activation()]
    net = nn.Sequential(*layers, nn.Linear(width, 10))
    net.apply(d2l.init_cnn)
    F.cross_entropy(net(X_grad), y_grad).backward()
    return [m.weight.grad.norm().item() for m in net if isinstance(m, nn.Linear)][:-1]


def show_activation_gradients(x_range=6.0, depth=10):
    x = torch.linspace(-x_range, x_range, 401, requires_grad=True)
    sig_grad, = torch.autograd.grad(torch.sigmoid(x).sum(), x)
    relu_grad = (x > 0).float()
    grads = {name: mlp_gradient_norms(act, depth)
             for name, act in (('sigmoid', nn.Sigmoid), ('ReLU', nn.ReLU))}
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.5))
    ax1.plot(x.detach(), sig_grad, color='C0', label=d2l.label("시그모이드의 도함수", "sigmoid'(x)"))
    ax1.plot(x.detach(), relu_grad, color='C3', label=d2l.label("ReLU의 도함수", "ReLU'(x)"))
    ax1.axhline(0.25, color='gray', ls=':')
    ax1.set_xlabel('x')
    ax1.set_ylim(-0.05, 1.1)
    ax1.legend()
    layers = range(1, depth + 1)
    ax2.plot(layers, grads['sigmoid'], 'o-', color='C0', label=d2l.label('시그모이드', 'sigmoid'))
    ax2.plot(layers, grads['ReLU'], 'o-', color='C3', label='ReLU')
    ax2.set_yscale('log')
    ax2.set_xlabel(d2l.label('은닉층 (1 = 입력 쪽)', 'hidden layer (1 = input side)'))
    ax2.set_ylabel(d2l.label('‖가중치 기울기‖', '‖grad of weight‖'))
    ax2.set_title(d2l.label(f'은닉층 {depth}개, Fashion-MNIST 미니배치', f'{depth} hidden layers, Fashion-MNIST batch'),
                  fontsize=10)
    ax2.legend()
    fig.tight_layout()
    plt.show()
    edge = torch.sigmoid(torch.tensor(x_range))
    print(f"|x| = {x_range:g}에서 시그모이드의 도함수: {(edge * (1 - edge)).item():.2g} (ReLU는 x > 0이면 1)")
    for name, g in grads.items():
        print(f'{name:>7s}: 입력 쪽 첫 층 / 출력 쪽 마지막 은닉층 기울기 노름의 비 = {g[0] / g[-1]:.2g}')


d2l.interact(
    show_activation_gradients,
    x_range=widgets.FloatSlider(value=6.0, min=1.0, max=10.0, step=0.5, description='입력 범위 r'),
    depth=widgets.IntSlider(value=10, min=2, max=20, description='깊이 L', continuous_update=False))

# %% [markdown]
# 읽는 법: 시그모이드 망에서는 출력 쪽(오른쪽)에서 입력 쪽(왼쪽)으로 갈수록 기울기 노름이 층마다 대략 4분의 1씩 줄어, 깊이가 커질수록 첫 층의 기울기가 기하급수적으로 작아집니다. 층마다 도함수($\le 1/4$)가 곱해지기 때문입니다. `cpu` 프로필로 이 노트북에 저장된 실행의 기본값(깊이 10)에서는 첫 층과 마지막 은닉층의 비가 시그모이드에서 약 4.5e-06<!-- run -->, ReLU에서 약 1.2<!-- run -->입니다(위 출력). 그러면 입력 쪽 층은 거의 훈련되지 않습니다. ReLU 망에서는 켜진 유닛의 도함수가 1이라 같은 깊이에서도 층마다의 노름이 훨씬 좁은 범위에 머뭅니다. 정확한 숫자는 초기화 시드와 미니배치에 따라 달라지지만, 깊이에 따른 경향은 같습니다.

# %% [markdown]
# ### (나) 드롭아웃: 훈련 모드와 예측 모드
#
# 같은 입력 $\mathbf{h}$(양수 16개)를 `nn.Dropout(p)`에 훈련 모드와 예측 모드로 통과시킵니다.
#
# * 왼쪽: 입력(회색), 훈련 모드에서 한 번 통과한 출력(파랑), 예측 모드의 출력(빨강 테두리). 훈련 모드에서는 약 $p$의 비율이 0이 되고, 남은 값은 $1/(1-p)$배가 됩니다. 예측 모드에서는 입력이 그대로 나옵니다.
# * 오른쪽: 훈련 모드로 10,000번 통과시킨 출력의 평균을 입력과 비교합니다. 점이 대각선 $y = x$ 위에 있으면 기댓값이 지켜진 것입니다.
#
# `1/(1-p) 배율`을 끄면 마스크만 곱하는(키우지 않는) 드롭아웃을 직접 계산합니다. 이때는 평균이 $(1-p)\,\mathbf{h}$로 줄어, 훈련 때와 예측 때 다음 층이 받는 입력의 크기가 달라집니다.

# %%
h = torch.linspace(0.5, 2.0, 16)


def show_dropout(p=0.5, scaled=True):
    torch.manual_seed(0)
    dropout = nn.Dropout(p)

    def train_pass(X):
        if scaled:
            return dropout.train()(X)                           # 0 또는 X / (1 - p)
        return X * (torch.rand_like(X) >= p).float()            # 마스크만 곱하고 키우지 않음

    once = train_pass(h)
    mean = train_pass(h.repeat(10_000, 1)).mean(dim=0)          # 10,000번 통과의 평균
    predicted = dropout.eval()(h)                               # 예측 모드: 항등 함수

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.5))
    idx = torch.arange(len(h))
    ax1.bar(idx - 0.2, h, width=0.4, color='lightgray', label=d2l.label('입력 h', 'input h'))
    ax1.bar(idx + 0.2, once, width=0.4, color='C0', label=d2l.label('훈련 모드 (한 번 통과)', 'train mode (one pass)'))
    ax1.bar(idx, predicted, width=0.9, fill=False, edgecolor='C3', label=d2l.label('예측 모드', 'prediction mode'))
    ax1.set_xlabel(d2l.label('유닛', 'unit'))
    ax1.set_ylim(0, 2.2 / (1 - p) + 0.5)
    ax1.legend(fontsize=8, loc='upper left')
    ax2.plot(h, mean, 'o', color='C0', label=d2l.label('훈련 모드 10,000번 통과의 평균', 'mean of 10,000 train passes'))
    ax2.plot([0, 2.2], [0, 2.2], color='gray', ls=':', label='y = x')
    ax2.set_xlim(0, 2.2)
    ax2.set_ylim(0, 2.6)
    ax2.set_xlabel(d2l.label('입력 h', 'input h'))
    ax2.set_ylabel(d2l.label('출력', 'output'))
    ax2.legend(fontsize=8, loc='upper left')
    fig.tight_layout()
    plt.show()
    kept = once[once > 0] / h[once > 0]
    scale = f'{kept.mean().item():.2f}' if len(kept) else '-'
    print(f'p = {p:.1f}, 배율 {"1/(1-p)" if scaled else "없음"}: 한 번 통과에서 0이 된 비율 '
          f'{(once == 0).float().mean().item():.2f}, 남은 값의 배율 {scale}')
    print(f'입력의 평균 {h.mean().item():.3f} | 훈련 모드 10,000번 평균 {mean.mean().item():.3f} | '
          f'예측 모드 {predicted.mean().item():.3f}')


d2l.interact(
    show_dropout,
    p=widgets.FloatSlider(value=0.5, min=0.0, max=0.9, step=0.1, description='p'),
    scaled=widgets.Checkbox(value=True, description='1/(1-p) 배율'))

# %% [markdown]
# $p$를 바꿔도 `1/(1-p) 배율`이 켜져 있으면 훈련 모드의 평균(오른쪽 점)은 대각선에 머물고, 예측 모드 출력과 평균이 같습니다. 다만 $p$가 클수록 한 번 통과한 출력의 흔들림(분산)은 커집니다. 배율을 끄면 점들이 기울기 $1-p$인 직선으로 내려앉습니다. 이 경우 예측 때 출력에 $1-p$를 곱해야 맞는데, 원래 AlexNet 논문이 그렇게 했습니다.

# %% [markdown]
# ## 훈련
#
# 책의 설정은 위의 AlexNet을 224×224로 키운 Fashion-MNIST에서 배치 크기(batch size) 128, 학습률(learning rate) 0.01의 확률적 경사 하강법(SGD)으로 10에폭(epoch) 훈련하는 것입니다. 「모양 확인」 절에서 본 것처럼 이 모델은 이미지 한 장의 순전파에 약 1,900<!-- run 1,876 --> MFLOPs가 듭니다. 2코어 CPU에서는 10에폭에 몇 시간이 걸리므로, `cpu` 프로필은 같은 `AlexNet` 클래스의 인자로 모델을 줄이고 훈련 방법을 바꿉니다. 구조(합성곱 5개 + 드롭아웃이 붙은 완전 연결 층 2개 + 출력층, ReLU, 겹치는 최대 풀링)는 그대로입니다.
#
# `cpu` 프로필의 해상도와 너비는 2코어 CPU에서 모델마다 4분, 노트북 01~09의 훈련 11개를 합쳐 20분 안에 끝나도록 모델마다 한 번 정했습니다. 모델에 따라 고르는 것은 해상도, 너비, 초기화입니다.
#
# * **해상도 32×32**: 책의 첫 합성곱($11 \times 11$, 스트라이드 4)을 그대로 쓰면 한 변이 $32 \to 6$, 첫 풀링 뒤 2가 되어 둘째 풀링에서 맵이 사라지므로, 첫 합성곱을 $5 \times 5$, 스트라이드 2, 패딩 2로 바꿉니다. 특성 맵의 한 변은 첫 합성곱에서 $32 \to 16$, 그 뒤 최대 풀링 세 번에서 $16 \to 7 \to 3 \to 1$이 됩니다. 마지막 특성 맵이 $1 \times 1$이라 첫 완전 연결 층은 채널 64개만 받습니다. 40×40에서도 마지막 맵은 $1 \times 1$이지만 연산량이 약 1.7배이고, 56×56이면 마지막 맵이 $2 \times 2$로 남지만 연산량이 약 3.5배입니다. AMX(Intel CPU의 행렬 곱 명령어)가 없는 2코어 CPU(예: AMD Zen 4)를 흉내 낸 어림(README의 「벤치마크」 절)에서 40×40이어도 AlexNet 하나는 약 2.3분으로 4분 안이지만, 32×32로 줄이면 연산량이 줄어든 만큼 짧아져 시리즈 전체의 20분 예산에 여유가 더 생깁니다. AlexNet은 32×32에서도 책의 값(약 0.83)을 크게 넘으므로(「결과」 절), 해상도를 줄여도 잃는 것이 적습니다.
# * **채널 4분의 1** `(24, 64, 96, 96, 64)`, **은닉 완전 연결 층 512** (책은 4096).
# * **He 초기화**(He initialization, `d2l.init_he`): `cpu` 프로필은 책의 실행이 쓰는 PyTorch 기본 초기화 대신 일부러 He 초기화를 씁니다. 8에폭뿐인 짧은 훈련에서 초반 정체를 피하려는 것입니다. 가중치 분산이 $1/(3n_\text{in})$인 기본 초기화에서는 배치 정규화(batch normalization)가 없는 ReLU 층을 하나 지날 때마다 신호의 분산이 대략 $n_\text{in} \cdot \tfrac{1}{3n_\text{in}} \cdot \tfrac12 = \tfrac16$배로 줄지만, He 초기화는 분산을 $2/n_\text{in}$으로 골라 이 배율을 1로 지킵니다(04 NiN 노트북의 「훈련이 어려운 이유: 층마다 작아지는 신호」 절).
#
# 이렇게 하면 이미지 한 장의 연산량이 책의 모델보다 200배 넘게<!-- run 230 --> 작아집니다. 훈련 방법은 02~09 노트북의 모든 모델이 함께 쓰는 **훈련 레시피**(training recipe) `d2l.CPU_RECIPE`이고, 예산(8에폭, 배치 크기 128)도 같습니다. 레시피는 AdamW 옵티마이저(optimizer)에 원사이클(one-cycle) 스케줄(학습률과 AdamW의 β1을 함께 바꿉니다), 가중치 감쇠, 훈련 손실에만 넣는 레이블 스무딩(label smoothing)을 더하고 데이터 증강은 쓰지 않으며, 재료마다 무엇을 하는지는 [10 모든 모델 비교 노트북의 「훈련 레시피」 절](10_comparison.ipynb)에서 다룹니다.
#
# 이 예산은 모든 모델이 2코어 CPU에서 4분 안에 책의 그림에서 읽은 정확도(AlexNet은 약 0.83)에 닿는 것을 목표로 골랐고, 실제로 걸린 시간과 정확도는 결과 절에 출력됩니다. `book` 프로필(GPU가 있으면 자동 선택)은 책과 똑같이 `AlexNet(lr=0.01)`을 PyTorch 기본 초기화(`init='default'`)와 책의 훈련 방법(`d2l.BOOK_RECIPE`: SGD, 고정 학습률, 다른 재료 없음)으로 훈련합니다. `smoke` 프로필은 `cpu`와 같은 모델과 레시피를 1에폭, 배치 크기 64로 돌리고 라이브러리가 데이터도 줄이는, 몇 초 안에 끝나는 자동 점검용입니다.

# %%
cfg = d2l.profile_settings(
    book=dict(max_epochs=10, batch_size=128, lr=0.01, resize=(224, 224),
              channels=(96, 256, 384, 384, 256), hidden=4096, stem=(11, 4, 1), init='default',
              recipe=d2l.BOOK_RECIPE),
    cpu=dict(max_epochs=8, batch_size=128, lr=0.002, resize=(32, 32),
             channels=(24, 64, 96, 96, 64), hidden=512, stem=(5, 2, 2), init='he',
             recipe=d2l.CPU_RECIPE),
    smoke=dict(max_epochs=1, batch_size=64, lr=0.002, resize=(32, 32),
               channels=(24, 64, 96, 96, 64), hidden=512, stem=(5, 2, 2), init='he',
               recipe=d2l.CPU_RECIPE))

# %% [markdown]
# 이번 프로필의 모델을 책의 모델과 나란히 놓고 크기를 비교합니다.

# %%
def model_for(settings):
    return AlexNet(lr=settings.lr, channels=settings.channels, hidden=settings.hidden,
                   stem=settings.stem)


run_table = parameter_table(model_for(cfg), (1, 1, *cfg.resize))
display(run_table.round(1))
book_flops, run_flops = book_table['MFLOPs'].sum(), run_table['MFLOPs'].sum()
print(f'책의 모델 (224×224): 파라미터 {book_table["파라미터(모델)"].sum():>11,}개, {book_flops:8,.1f} MFLOPs')
print(f'이번 모델 ({cfg.resize[0]}×{cfg.resize[1]}): 파라미터 {run_table["파라미터(모델)"].sum():>11,}개, '
      f'{run_flops:8,.1f} MFLOPs  (연산량 {book_flops / run_flops:.0f}분의 1)')

# %% [markdown]
# 그림 1은 이번 프로필의 AlexNet(`model_for(cfg)`)을 01 LeNet 노트북의 LeNet(`d2l.LeNet`) 옆에 그린 것입니다. 상자마다 층의 설정과 출력 모양이 적혀 있습니다.
# 두 모델이 "합성곱과 풀링으로 해상도를 줄이며 채널을 늘리고, 완전 연결 층으로 분류한다"는 같은 뼈대를 가졌다는 것을 확인하고,
# AlexNet에서 달라진 곳(합성곱 층 셋 추가, ReLU, 겹치는 최대 풀링, 완전 연결 층 뒤의 드롭아웃)을 찾아보세요. `cfg`가 바뀌면 그림의 AlexNet도 그 설정대로 그려집니다.

# %%
d2l.draw([d2l.LeNet(), model_for(cfg)], [(1, 1, 28, 28), (1, 1, *cfg.resize)],
         titles=['LeNet', f'AlexNet ({cfg.profile})'])

# %% [markdown]
# 훈련 셀은 책의 훈련 코드 그대로이고 설정 값만 `cfg`에서 읽습니다. 모델을 만든 직후의 `cfg.recipe.apply(model, data)`는 프로필이 고른 훈련 방법대로 모델의 옵티마이저·손실과 데이터의 훈련 미니배치를 맞춥니다. 초기화 이름은 `d2l.initializer(cfg.init)`이 함수로 바꿔 줍니다(`'he'` → `d2l.init_he`, `'xavier'` → `d2l.init_cnn`, `'default'` → `None`). `apply_init`은 첫 미니배치로 한 번 순전파해 지연 층의 모양을 정한 다음 그 함수를 적용하고, `None`을 받으면 모양만 정한 채 PyTorch 기본 초기화를 남겨 둡니다. 셀이 출력하는 `[d2lmini]` 줄은 01 LeNet 노트북의 「훈련」 절에서 설명한 것과 같은 안내입니다.

# %%
trainer = d2l.Trainer(max_epochs=cfg.max_epochs, num_gpus=1, seed=0)
data = d2l.FashionMNIST(batch_size=cfg.batch_size, resize=cfg.resize)
model = model_for(cfg)
cfg.recipe.apply(model, data)   # 훈련 방법: book은 책 그대로, cpu는 모든 모델에 같은 레시피
init = d2l.initializer(cfg.init)
model.apply_init([next(iter(data.get_dataloader(True)))[0]], init)
history = trainer.fit(model, data)
d2l.record_run('02_alexnet', 'AlexNet', model, data, trainer, cfg, book_figure=0.83)

# %% [markdown]
# ## 결과
#
# 이번 실행의 숫자와 에폭별 기록을 출력합니다. 책의 그림에서 읽은 값(AlexNet, 224×224, 10에폭 뒤 검증 정확도 약 0.83)과의 비교는 표 아래에 있습니다.

# %%
print(f'프로필: {cfg.profile}, 데이터: {data.source} '
      f'(훈련 {len(data.train):,} / 검증 {len(data.val):,}장)')
print(f'모델: AlexNet(channels={cfg.channels}, hidden={cfg.hidden}, stem={cfg.stem}), '
      f'입력 {cfg.resize}, 파라미터 {d2l.num_params(model):,}개')
print(f'에폭 {len(history)}, 훈련 시간 {sum(history.column("seconds")) / 60:.1f}분, '
      f'최종 검증 정확도 {history.column("val_acc")[-1]:.3f}')
history.to_frame()

# %% [markdown]
# 2코어 CPU(AMX가 있는 Intel Xeon, bf16)에서 `cpu` 프로필로 이 노트북에 저장된 실행은 약 1.1분<!-- run -->에 끝났고, 최종 검증 정확도는 약 0.91<!-- run 0.9068 -->로 책의 그림에서 읽은 값(약 0.83)보다 약 0.08 높습니다. 2에폭 뒤에 이미 약 0.87<!-- run 0.8660 -->로 책의 최종값을 넘어, 4분 안에 책의 값에 닿는다는 목표를 이뤘습니다. 이미지 한 장의 연산량이 책의 모델의 약 230<!-- run -->분의 1이고 에폭도 책(10에폭)보다 적은데도 그렇습니다.
#
# 책의 그림에서 읽으면 책의 실행은 첫 에폭을 무작위 추측 수준(검증 정확도 약 0.10)에서 보내고, 10에폭이 끝날 때까지도 정확도가 오르는 중이었습니다. 책의 실행은 학습률 0.01인 SGD에 PyTorch 기본 초기화를 썼으므로, 「훈련」 절의 He 초기화 항목에서 본 것처럼 ReLU 층마다 신호가 줄어 처음 한동안 손실이 잘 내려가지 않았다고 볼 수 있습니다.
#
# 이 결과는 28×28 흑백 이미지인 Fashion-MNIST에 224×224로 키운 입력과 너비 4096의 헤드가 꼭 필요하지는 않다는 것을 시사합니다. 다만 두 실행은 크기뿐 아니라 초기화와 훈련 방법도 다르므로, 차이가 어디서 왔는지는 이 비교만으로 나눌 수 없습니다.
#
# 이 노트북에 저장된 실행에서 두 가지를 더 읽어 보세요.
#
# * 훈련 손실이 모든 에폭에서 검증 손실보다 높습니다(마지막 에폭 약 0.63<!-- run 0.628443 --> 대 약 0.33<!-- run 0.334181 -->). 잘못된 것이 아닙니다. 훈련 손실은 레이블 스무딩 0.1을 넣은 목표(정답 0.91, 나머지 클래스 0.01씩)로 재므로 모델이 아무리 잘 맞혀도 약 0.5 아래로 내려가지 않습니다. 게다가 드롭아웃이 켜진 훈련 모드에서, 에폭 초반의 덜 훈련된 모델까지 포함해 평균을 낸 값입니다. 검증 손실은 에폭이 끝난 뒤 드롭아웃이 꺼진 예측 모드로 잰 보통의 교차 엔트로피라서, 두 손실의 차이로는 과대적합을 판단할 수 없고 검증 손실과 정확도의 추세를 봐야 합니다.
#
# * 표의 `lr` 열은 에폭을 시작할 때의 학습률입니다. 1에폭은 최고값의 25분의 1인 0.00008<!-- run 0.000080 -->에서 시작해(워밍업) 3에폭을 시작할 때 최고값 0.002에 닿고, 그 뒤로 코사인 모양으로 줄어듭니다. 이 노트북에 저장된 실행에서는 검증 정확도가 에폭마다 올랐고, 학습률이 줄어드는 뒤쪽 에폭에서도 4에폭의 약 0.89<!-- run 0.8889 -->에서 8에폭의 약 0.91<!-- run 0.9068 -->이 되었습니다. 검증 손실도 7에폭까지 에폭마다 줄었고, 마지막 에폭에서는 거의 그대로였습니다. 다시 실행하면 에폭별 숫자는 조금씩 달라질 수 있습니다.
#
# 혼동 행렬(confusion matrix)과 가장 많이 헷갈린 클래스 쌍, 클래스별 정확도입니다. 행이 정답, 열이 예측입니다.

# %%
report = d2l.classification_report(model, data)

# %% [markdown]
# Fashion-MNIST에서는 흔히 셔츠(shirt)가 가장 어렵고, 틀린 것은 주로 티셔츠·풀오버·코트 같은 윗옷으로 갑니다. 이 노트북에 저장된 실행에서도 shirt의 정확도가 약 0.73<!-- run 0.727 -->으로 가장 낮고, 가장 많이 헷갈린 쌍은 t-shirt와 shirt 사이(양쪽 방향)와 shirt → coat입니다. 바지·가방·샌들처럼 모양이 뚜렷한 클래스는 정확도가 0.98 이상<!-- run 0.980 -->입니다. 아래는 틀린 예제 몇 개입니다(위: 정답, 아래: 예측).

# %%
d2l.show_misclassified(model, data, n=8)

# %% [markdown]
# ## 요약과 연습문제
#
# * 2012년 이전의 이미지 인식은 사람이 설계한 특성(SIFT, HOG 등)에 선형 분류기를 붙였습니다. AlexNet은 특성까지 데이터에서 배우는 심층 합성곱 신경망이 이 방식을 크게 앞설 수 있음을 ILSVRC 2012에서 보였습니다. 대규모 데이터(ImageNet)와 GPU가 그 바탕이었습니다.
# * 구조는 LeNet과 닮았지만 훨씬 깊고 넓습니다: 합성곱 층 5개(11×11 → 5×5 → 3×3), 드롭아웃이 붙은 너비 4096의 완전 연결 층 2개, 출력층.
# * ReLU의 도함수는 켜진 유닛에서 1이라, 도함수가 $1/4$ 이하인 시그모이드보다 깊은 망에서 기울기가 덜 사라집니다.
# * 드롭아웃은 훈련 모드에서 확률 $p$로 출력을 0으로 만들고 남은 값을 $1/(1-p)$배로 키워 기댓값을 지키고, 예측 모드에서는 항등 함수입니다.
# * 224×224 흑백 입력과 10개 클래스에 맞춘 책의 AlexNet은 파라미터가 약 4,676만 개이고(2012년 ImageNet용 원래 모델은 약 6천만 개), 그중 90% 이상이 완전 연결 층에 있지만 연산량은 대부분 합성곱 층에서 나옵니다.
# * 책의 AlexNet 훈련은 `apply_init`을 부르지 않아 PyTorch 기본 초기화로 진행됩니다. `cpu` 프로필은 짧은 훈련을 위해 일부러 He 초기화를 쓰고, 모든 모델에 같은 훈련 레시피로 8에폭 훈련합니다. 입력을 32×32로 줄이고 너비도 줄인 모델이 2코어 CPU에서 약 1.1분<!-- run --> 만에 약 0.91<!-- run 0.9068 -->에 닿아 책의 값(약 0.83)을 넘었습니다.
#
# **토론.** 코드로 보면 AlexNet은 LeNet에 층 몇 줄을 더한 것에 지나지 않습니다. 그런데도 학계가 이 방식을 받아들이기까지는 오랜 시간이 걸렸습니다. 바뀐 것은 코드보다 생각, 곧 특성을 사람이 설계하지 않고 데이터에서 끝에서 끝까지 배운다는 생각과, 그것을 가능하게 한 데이터와 GPU였습니다. ReLU, 드롭아웃, 데이터 증강처럼 지금은 당연해진 요소도 이때 함께 자리를 잡았습니다.
#
# 한편 「모양 확인」 절의 표가 보여 주듯 AlexNet의 비용은 두 곳에 나뉘어 있습니다. 파라미터와 메모리는 마지막 완전 연결 층들이, 계산은 합성곱 층이 차지합니다. 다음 노트북들은 이 두 비용을 줄이는 방향으로 나아갑니다. VGG는 같은 모양의 블록을 반복해 설계를 단순하게 만들고, NiN과 GoogLeNet은 무거운 완전 연결 헤드를 없앱니다.
#
# **연습문제**
#
# 문제마다 끝에 있는 풀이 링크는 답을 직접 구해 본 다음에 여세요([풀이 노트북 전체](solutions/02_alexnet_solutions.ipynb)). 훈련해야 답할 수 있는 문제는 풀이에서 훈련 데이터와 에폭을 줄여 답합니다.
#
# 1. **시그모이드로 바꾸기.** `cpu` 설정의 모델에서 `nn.ReLU`를 `nn.Sigmoid`로 바꿔(클래스를 복사해 고치면 됩니다) 같은 설정으로 훈련해 보세요. 첫 에폭의 손실과 정확도는 어떻게 다른가요? *힌트: 손실이 $\ln 10 \approx 2.303$ 근처에 머무는지 보세요. 빠르게 시험하려면 `d2l.FashionMNIST(..., fraction=0.25)`를 쓰세요.* [풀이](solutions/02_alexnet_solutions.ipynb#연습문제-1)
# 2. **드롭아웃 끄기.** `AlexNet(..., dropout=0.0)`으로 드롭아웃을 끄고 같은 설정으로 훈련하세요. 훈련 손실과 검증 손실의 차이는 어떻게 달라지나요? 에폭 수를 늘리면 어떻게 되나요? *힌트: `history.to_frame()`으로 두 실행의 에폭별 기록을 나란히 놓아 보세요. 훈련 손실에는 레이블 스무딩이 들어 있으므로, 차이의 크기 자체보다 두 실행 사이에서 그 차이가 어떻게 변하는지를 보세요.* [풀이](solutions/02_alexnet_solutions.ipynb#연습문제-2)
# 3. **원래 AlexNet의 파라미터 수.** 원래 AlexNet은 224×224 컬러(3채널) 입력에 1,000개 클래스였습니다. `AlexNet(num_classes=1000)`에 `(1, 3, 224, 224)` 입력을 넣어 파라미터 수를 세고, 완전 연결 층의 몫을 다시 구해 보세요. 결과는 약 5,080만 개로, 원래 AlexNet의 약 6천만 개보다 적습니다. 차이는 어디서 올까요? *힌트: 위의 `parameter_table`을 그대로 쓸 수 있습니다. 입력 채널과 클래스 수가 바뀌면 `conv1`과 `fc3`만 달라집니다. 원래 모델은 실제로는 227×227 입력을 패딩 없이 받아 마지막 특성 맵(feature map)이 $6 \times 6$이었으므로 `fc1`의 입력이 $256 \cdot 6 \cdot 6 = 9216$이었고, 두 GPU 분할 때문에 `conv2`, `conv4`, `conv5`는 입력 채널의 절반만 보았습니다(연습문제 6).* [풀이](solutions/02_alexnet_solutions.ipynb#연습문제-3)
# 4. **레이블 스무딩 끄기.** `recipe = d2l.CPU_RECIPE.replace(label_smoothing=0)`로 레이블 스무딩만 끈 레시피를 만들고, 훈련 셀의 `cfg.recipe.apply(model, data)` 자리에 `recipe.apply(model, data)`를 써서 같은 설정으로 훈련하세요. 검증 정확도와 두 손실은 어떻게 달라지나요? *힌트: 모델, 데이터, `Trainer`를 새로 만들어 훈련 셀을 그대로 되풀이하면 됩니다. 레이블 스무딩을 끄면 훈련 손실이 약 0.5 아래로도 내려갈 수 있습니다.* [풀이](solutions/02_alexnet_solutions.ipynb#연습문제-4)
# 5. **데이터 증강 켜기.** 옷은 좌우로 뒤집거나 몇 픽셀 옮겨도 같은 옷입니다. 이런 불변성을 전처리로 이용하는 것이 데이터 증강입니다. `d2l.CPU_RECIPE.replace(augment=True)`로 증강을 더해 같은 설정으로 훈련하면 정확도가 오르나요? 에폭이 짧을 때와 길 때 답이 같을까요? *힌트: `d2l.augment_batch`의 설명에서 무엇을 하는지 먼저 읽고, [10 모든 모델 비교 노트북의 「훈련 레시피」 절](10_comparison.ipynb)의 표와 비교해 보세요.* [풀이](solutions/02_alexnet_solutions.ipynb#연습문제-5)
# 6. **두 GPU 분할.** 원래 AlexNet의 두 GPU 분할은 일부 합성곱 층이 입력 채널의 절반만 보는 것과 같습니다. `conv2`, `conv4`, `conv5`를 `groups=2`인 합성곱으로 바꾸면 파라미터 수가 얼마나 줄어드나요? *힌트: 그룹이 $g$개인 합성곱의 가중치는 $c_i c_o k^2 / g$개입니다. ResNeXt의 그룹 합성곱(grouped convolution)과 같은 연산입니다.* [풀이](solutions/02_alexnet_solutions.ipynb#연습문제-6)
# 7. **메모리와 연산량.** 책의 AlexNet(224×224)에서 합성곱 층과 완전 연결 층이 차지하는 메모리를 따로 구하세요. 파라미터(32비트)와, 이미지 한 장이 지나갈 때 층마다 나오는 활성화 값을 나눠 셉니다. 어느 쪽이 더 큰가요? 연산량은 「모양 확인」 절의 표와 견주어 보세요. [풀이](solutions/02_alexnet_solutions.ipynb#연습문제-7)
# 8. **메모리 대역폭과 지연 시간.** 메모리의 크기, 대역폭(초당 읽고 쓰는 양), 지연 시간은 계산 속도에 어떤 영향을 주나요? 훈련과 추론(예측)에서 그 영향은 어떻게 다른가요? *힌트: 층마다 "FLOPs ÷ 읽고 쓰는 바이트 수"(산술 강도)를 배치 크기 1과 128에서 견주어 보세요. 훈련은 역전파를 위해 활성화 값을 저장해 두어야 합니다.* [풀이](solutions/02_alexnet_solutions.ipynb#연습문제-8)
# 9. **칩 설계.** 여러분이 칩 설계자라서 계산 능력과 메모리 대역폭 사이에서 절충해야 한다고 합시다. 더 빠른 칩은 전력을 더 쓰고 면적도 더 차지할 수 있고, 더 넓은 메모리 대역폭은 핀과 제어 회로, 곧 면적을 더 씁니다. 어떻게 최적화하면 될까요? [풀이](solutions/02_alexnet_solutions.ipynb#연습문제-9)
# 10. **벤치마크.** 요즘 엔지니어들은 왜 AlexNet으로 성능 벤치마크를 발표하지 않을까요? [풀이](solutions/02_alexnet_solutions.ipynb#연습문제-10)
# 11. **더 오래 훈련하기.** 에폭을 늘려 AlexNet을 훈련하면 LeNet과 비교해 결과가 어떻게 다를까요? 그 이유는 무엇일까요? *힌트: 01 LeNet 노트북과 이 노트북의 에폭별 기록은 `d2l.reference_results()`의 `history` 열에 있습니다. 원사이클 스케줄은 에폭 수가 바뀌면 모양 전체가 그만큼 늘어난다는 점도 생각해 보세요.* [풀이](solutions/02_alexnet_solutions.ipynb#연습문제-11)
# 12. **더 단순한 모델.** `cpu` 모델을 더 줄여 훈련을 빠르게 하되 정확도는 크게 떨어지지 않게 해 보세요. 어느 부분을 줄여야 시간이 가장 많이 줄어들까요? *힌트: 「훈련」 절의 표에서 연산량의 몫이 큰 층과 파라미터의 몫이 큰 층을 따로 보세요.* [풀이](solutions/02_alexnet_solutions.ipynb#연습문제-12)
# 13. **28×28에서 바로 동작하는 모델.** 입력을 키우지 않고 28×28 그대로 받는 AlexNet 모양의 모델을 설계해 보세요. *힌트: 첫 합성곱을 $3 \times 3$, 스트라이드 1, 패딩 1로 바꾸면 최대 풀링 세 번으로 $28 \to 13 \to 6 \to 2$가 되는지 출력 크기 공식으로 확인하세요.* [풀이](solutions/02_alexnet_solutions.ipynb#연습문제-13)
# 14. **배치 크기.** 배치 크기를 바꾸면 처리량(초당 이미지 수), 정확도, 메모리는 어떻게 달라지나요? *힌트: 처리량은 몇십 스텝만 재어도 비교할 수 있습니다. GPU가 없으면 메모리는 활성화 값의 바이트 수로 셈해 보세요.* [풀이](solutions/02_alexnet_solutions.ipynb#연습문제-14)
# 15. **LeNet에 드롭아웃과 ReLU.** 01 LeNet 노트북의 LeNet에서 시그모이드를 ReLU로 바꾸고 두 은닉 완전 연결 층 뒤에 드롭아웃을 넣으면 좋아지나요? 이미지의 불변성을 이용하는 전처리(연습문제 5의 데이터 증강)로 더 좋게 할 수 있을까요? [풀이](solutions/02_alexnet_solutions.ipynb#연습문제-15)
# 16. **과대적합 만들기.** AlexNet을 과대적합하게 만들 수 있나요? 어떤 요소를 빼거나 바꿔야 훈련이 망가지나요? *힌트: 훈련 데이터를 아주 작게(예: 512장) 줄이고 드롭아웃, 가중치 감쇠, 레이블 스무딩을 끈 채 여러 에폭 훈련해 보세요. 훈련을 망가뜨리는 쪽으로는 학습률과 초기화를 떠올려 보세요.* [풀이](solutions/02_alexnet_solutions.ipynb#연습문제-16)
