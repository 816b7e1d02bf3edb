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
# # 배치 정규화
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/06_batch_norm.ipynb)
#
# 층마다 미니배치 통계로 값을 표준화하는 배치 정규화를 밑바닥부터 만들고, PyTorch 층과 결과가 같은지 숫자로 확인한 뒤 LeNet에 넣어 훈련합니다.

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
# 1. 배치 정규화(batch normalization)가 미니배치(minibatch)의 평균 $\hat{\mu}_\mathcal{B}$와 분산 $\hat{\sigma}^2_\mathcal{B}$로 값을 표준화하고, 학습되는 스케일(scale) $\gamma$와 시프트(shift) $\beta$로 표현력을 되찾는 과정을 식으로 쓸 수 있습니다.
# 2. 완전 연결 층(fully connected layer)에서는 특성마다, 합성곱 층(convolutional layer)에서는 채널(channel)마다 통계를 낸다는 것을 텐서의 축으로 설명할 수 있습니다.
# 3. 훈련(training) 모드와 예측 모드가 왜 다르게 동작하는지, 예측 모드에서 쓰는 지수 이동 평균(exponential moving average)이 무엇이고 PyTorch의 `momentum=0.1`이 그 식의 어디에 해당하는지 말할 수 있습니다.
# 4. 밑바닥부터 만든 `BatchNorm`이 `nn.BatchNorm2d`와 어디까지 같고 어디서 다른지(이동 분산의 편향·불편 추정) 숫자로 확인할 수 있습니다.
# 5. 층 정규화가 배치 정규화와 달리 예제 하나 안에서 통계를 낸다는 것을 식으로 쓰고, `nn.LayerNorm`과 맞춰 볼 수 있습니다.
# 6. 배치 정규화를 넣은 LeNet을 Fashion-MNIST로 훈련하고, 배치 정규화가 없는 LeNet과 비교해 결과를 읽을 수 있습니다.

# %% [markdown]
# ## 개념
#
# ### 왜 정규화하는가
#
# 입력 데이터를 표준화(평균 0, 분산 1)하면 최적화가 쉬워진다는 것은 오래된 경험칙입니다. 특성마다 스케일이 비슷해야 하나의 학습률(learning rate)이 모든 파라미터(parameter)에 잘 맞기 때문입니다. 그런데 깊은 신경망에서는 **중간 층의 값**이 문제입니다. 훈련이 진행되어 앞쪽 층의 가중치(weight)가 바뀌면 뒤쪽 층이 받는 값의 분포도 계속 바뀌고, 층마다 값의 크기가 수십~수백 배씩 달라질 수도 있습니다. 어떤 층의 값이 다른 층보다 100배 크다면 그 층에 맞는 학습률도 달라야 할 것입니다.
#
# 이 문제를 푸는 길은 두 가지입니다. 하나는 Adam 같은 적응형 옵티마이저(adaptive optimizer)처럼 파라미터마다 학습률을 따로 조절하는 것이고, 다른 하나는 값 자체의 크기를 층마다 맞춰 주는 것입니다. 배치 정규화는 두 번째 길입니다.
#
# 배치 정규화(Ioffe & Szegedy, 2015)는 **층마다, 미니배치마다** 값을 다시 표준화해서 이 문제를 완화합니다. 원 논문은 그 효과를 내부 공변량 변화(internal covariate shift), 곧 앞 층의 가중치가 바뀌면서 뒤 층이 받는 입력의 분포가 훈련 내내 바뀌는 현상을 줄이는 데서 찾았습니다. 책도 지적하듯 이름 자체도 어색합니다. 공변량 변화는 원래 훈련 데이터와 테스트 데이터의 입력 분포가 다른 상황을 가리키는 말이라, 훈련 중 층 사이에서 일어나는 분포 변화와는 다른 현상입니다.
#
# 이 설명에는 반론이 있습니다. Santurkar 등(2018, "How Does Batch Normalization Help Optimization?")은 배치 정규화 층 뒤에 스텝마다 달라지는 잡음을 일부러 더해 분포를 흔들어도 훈련이 보통의 배치 정규화만큼 잘 되고, 배치 정규화가 그들이 잰 의미의 내부 공변량 변화를 꼭 줄이지도 않는다는 실험을 보였습니다. 그 대신 배치 정규화가 손실(loss)과 기울기(gradient)를 파라미터에 따라 더 완만하게 바뀌게 만들어(손실 지형이 매끄러워짐) 큰 학습률로도 안정적으로 내려갈 수 있게 한다는 해석을 내놓았습니다.
#
# 왜 잘 되는지는 아직 정리되지 않았지만 **더 큰 학습률을 견디고, 같은 학습률에서도 더 빨리 수렴한다**는 실용적 효과는 분명합니다. 같은 학습률에서 더 빨리 수렴하는 것은 아래 **결과**에서 같은 방법으로 훈련한, 배치 정규화가 없는 LeNet과 나란히 보고, 더 큰 학습률을 견디는 것은 연습문제 5에서 확인합니다. 또 미니배치 통계에 섞인 잡음이 일종의 규제(regularization) 역할도 합니다.
#
# ### 식으로 쓰기
#
# 미니배치 $\mathcal{B}$에 속한 입력 $\mathbf{x} \in \mathcal{B}$에 대해 배치 정규화는 다음과 같이 계산합니다.
#
# $$\hat{\boldsymbol{\mu}}_\mathcal{B} = \frac{1}{|\mathcal{B}|} \sum_{\mathbf{x} \in \mathcal{B}} \mathbf{x},
# \qquad
# \hat{\boldsymbol{\sigma}}^2_\mathcal{B} = \frac{1}{|\mathcal{B}|} \sum_{\mathbf{x} \in \mathcal{B}} \left(\mathbf{x} - \hat{\boldsymbol{\mu}}_\mathcal{B}\right)^2 + \epsilon$$
#
# $$\mathrm{BN}(\mathbf{x}) = \boldsymbol{\gamma} \odot \frac{\mathbf{x} - \hat{\boldsymbol{\mu}}_\mathcal{B}}{\hat{\boldsymbol{\sigma}}_\mathcal{B}} + \boldsymbol{\beta}$$
#
# * $\hat{\boldsymbol{\mu}}_\mathcal{B}$는 미니배치의 표본 평균, $\hat{\boldsymbol{\sigma}}^2_\mathcal{B}$는 표본 분산입니다. 제곱과 나눗셈은 원소별로 합니다. 분산은 $|\mathcal{B}|$로 나누는 **편향 추정**(biased estimate)입니다.
# * $\epsilon > 0$(코드에서는 `eps=1e-5`)은 분산이 0이어도 0으로 나누지 않도록 더하는 아주 작은 수입니다. 식에서는 $\hat{\boldsymbol{\sigma}}^2_\mathcal{B}$ 안에 넣었고, 코드에서는 `torch.sqrt(var + eps)`처럼 제곱근 안에서 더합니다. 같은 것입니다.
# * 가운데 분수는 평균 0, 분산 (거의) 1로 표준화된 값입니다. 그런데 언제나 평균 0, 분산 1로 묶어 두면 층이 표현할 수 있는 것이 줄어듭니다(예: 시그모이드의 거의 선형인 구간에만 머무름). 그래서 **학습되는 파라미터**인 스케일 $\boldsymbol{\gamma}$와 시프트 $\boldsymbol{\beta}$를 곱하고 더해 잃어버린 자유도를 되찾습니다.
# * $\boldsymbol{\gamma}, \boldsymbol{\beta}$는 통계를 내는 단위마다 하나씩입니다. 완전 연결 층 뒤에서는 특성마다 하나라 $(1, d)$ 모양이고, 합성곱 층 뒤에서는 채널마다 하나라 $(1, C, 1, 1)$ 모양입니다(아래 절). 처음에는 각각 1과 0입니다. 필요하면 $\boldsymbol{\gamma} = \hat{\boldsymbol{\sigma}}_\mathcal{B}$, $\boldsymbol{\beta} = \hat{\boldsymbol{\mu}}_\mathcal{B}$로 배워서 정규화를 사실상 되돌릴 수도 있습니다.
#
# ### 어느 축으로 평균을 내는가
#
# * **완전 연결 층**: 입력이 $(N, d)$ 모양이면 특성 $j$마다 미니배치의 $N$개 값으로 평균과 분산을 냅니다(`dim=0`, 배치 축으로 평균). 통계는 특성마다 하나씩, 모두 $d$개입니다. 배치 정규화는 아핀 변환과 활성화 함수(activation function) 사이에 넣습니다: $\mathbf{h} = \phi(\mathrm{BN}(\mathbf{W}\mathbf{x} + \mathbf{b}))$.
# * **합성곱 층**: 출력이 $(N, C, H, W)$ 모양이면 **채널마다** 하나의 평균과 분산을 냅니다. 한 채널의 특성 맵(feature map)은 모든 위치에서 같은 커널(kernel)로 계산되었으므로, 위치도 미니배치의 예제처럼 취급해서 한꺼번에 평균을 냅니다. 채널 $c$의 통계는 $m = N \cdot H \cdot W$개 값으로 계산합니다.
#
# $$\hat{\mu}_c = \frac{1}{NHW} \sum_{n=1}^{N} \sum_{i=1}^{H} \sum_{j=1}^{W} x_{n,c,i,j},
# \qquad
# \hat{\sigma}^2_c = \frac{1}{NHW} \sum_{n,i,j} \left(x_{n,c,i,j} - \hat{\mu}_c\right)^2 + \epsilon$$
#
# 코드로는 `X.mean(dim=(0, 2, 3), keepdim=True)`입니다. 채널 축(1)만 **남기고** 나머지 축으로 평균을 냅니다. $\gamma, \beta$도 채널마다 하나씩이라 `(1, C, 1, 1)` 모양이고, 브로드캐스팅(broadcasting)으로 모든 위치에 곱하고 더합니다. 그래서 배치 정규화 층 하나의 파라미터 수는 $2C$(완전 연결 층 뒤라면 $2d$)입니다.
#
# 참고로, 배치 정규화 바로 앞의 합성곱(convolution)·완전 연결 층의 편향(bias) $\mathbf{b}$는 평균을 빼는 순간 지워지므로 쓸모가 없습니다($\beta$가 그 역할을 합니다). 이 노트북은 책의 구조를 따라 편향을 그대로 두지만, 실무 코드에서는 `bias=False`로 빼는 일이 많습니다.
#
# ### 층 정규화와의 비교
#
# 책이 「배치 정규화 층」을 설명하며 한 항목으로 함께 다루는 층 정규화(layer normalization, Ba 등 2016)는 평균을 내는 방향이 반대입니다. 배치 정규화가 **특성(채널) 하나**에 대해 미니배치의 여러 예제로 통계를 낸다면, 층 정규화는 **예제 하나** 안의 모든 특성으로 통계를 냅니다. 예제 하나의 값을 모두 펼친 벡터를 $\mathbf{x} \in \mathbb{R}^{d}$라 하면(완전 연결 층 뒤라면 특성 $d$개, 합성곱 층 뒤라면 $d = C \cdot H \cdot W$)
#
# $$\mu = \frac{1}{d} \sum_{j=1}^{d} x_j, \qquad \sigma^2 = \frac{1}{d} \sum_{j=1}^{d} (x_j - \mu)^2, \qquad \mathrm{LN}(\mathbf{x}) = \boldsymbol{\gamma} \odot \frac{\mathbf{x} - \mu}{\sqrt{\sigma^2 + \epsilon}} + \boldsymbol{\beta}$$
#
# 입니다. $\mu$와 $\sigma^2$는 예제마다 하나씩인 스칼라이고, $\boldsymbol{\gamma}, \boldsymbol{\beta} \in \mathbb{R}^{d}$는 층 정규화 층이 따로 갖는 학습 파라미터입니다. PyTorch의 `nn.LayerNorm((C, H, W))`은 $\boldsymbol{\gamma}, \boldsymbol{\beta}$를 원소마다 하나씩 두고, 처음에는 각각 1과 0으로 초기화합니다. 통계가 다른 예제와 상관없으므로 배치 크기(batch size) 1에서도 동작하고, 훈련 모드와 예측 모드의 계산이 같아 이동 평균도 필요 없습니다. 또 예제 하나를 통째로 $a > 0$배 해도 ($\epsilon$을 무시하면) 출력이 그대로입니다. 아래 **구현**에서 이 식을 `nn.LayerNorm`과 맞춰 봅니다.
#
# ### 훈련 모드와 예측 모드
#
# 훈련 중에는 현재 미니배치의 $\hat{\boldsymbol{\mu}}_\mathcal{B}, \hat{\boldsymbol{\sigma}}^2_\mathcal{B}$로 정규화합니다. 그래서 같은 이미지라도 어떤 미니배치에 섞이느냐에 따라 출력이 조금씩 달라집니다. 이 잡음이 규제 효과를 내지만, **예측**할 때 출력이 함께 들어온 다른 이미지에 따라 달라지면 곤란합니다. 예측 때는 이미지 한 장만 들어올 수도 있습니다.
#
# 그래서 예측 모드에서는 미니배치 통계 대신 **훈련 데이터 전체의 평균과 분산의 추정값**을 고정해 씁니다. 훈련이 끝난 뒤 데이터 전체를 한 번 더 돌려 정확히 계산할 수도 있지만, 보통은 훈련하는 동안 미니배치 통계의 **이동 평균**(moving average)을 쌓아 두고 그것을 씁니다. 이렇게 하면 예측 결과는 입력 하나에만 달려 있고(결정적), 예측 모드의 배치 정규화는 그저 고정된 아핀 변환 $\mathbf{x} \mapsto \boldsymbol{\gamma} \odot (\mathbf{x} - \boldsymbol{\mu}) / \sqrt{\boldsymbol{\sigma}^2 + \epsilon} + \boldsymbol{\beta}$가 됩니다.
#
# ### 지수 이동 평균
#
# 매 스텝 새 값 $\theta_t$(여기서는 미니배치의 평균이나 분산)가 들어올 때 지수 이동 평균 $v_t$는
#
# $$v_t = \beta\, v_{t-1} + (1 - \beta)\, \theta_t, \qquad 0 \le \beta < 1$$
#
# 입니다(이 $\beta$는 배치 정규화의 시프트 파라미터 $\boldsymbol{\beta}$와 다른, 이동 평균의 하이퍼파라미터(hyperparameter)입니다). 식을 계속 풀어 쓰면
#
# $$v_t = (1-\beta)\,\theta_t + (1-\beta)\beta\,\theta_{t-1} + (1-\beta)\beta^2\,\theta_{t-2} + \cdots
# = (1-\beta) \sum_{k=0}^{t-1} \beta^k\, \theta_{t-k} + \beta^t v_0$$
#
# 입니다. $k$ 스텝 전의 값에는 가중치 $(1-\beta)\beta^k$가 붙어서, 오래된 값일수록 영향이 **기하급수적으로**(exponentially) 줄어듭니다. 이름이 여기서 나왔습니다. 가중치의 합은 $(1-\beta)\sum_{k=0}^{t-1}\beta^k = 1 - \beta^t$이고, 나머지 $\beta^t$는 초깃값 $v_0$ 몫입니다.
#
# **창의 크기.** $\beta = 1 - 1/n$으로 두면 $\beta^{n} = (1 - 1/n)^{n} \approx e^{-1} \approx 0.37$이므로, 약 $n = \frac{1}{1-\beta}$스텝보다 오래된 값의 가중치는 최신 값의 $1/e$ 아래로 떨어집니다. 가중치의 평균 나이도 $\sum_k k(1-\beta)\beta^k = \frac{\beta}{1-\beta} \approx \frac{1}{1-\beta}$입니다. 그래서 지수 이동 평균은 대략 **최근 $\frac{1}{1-\beta}$개 값의 평균**처럼 동작합니다. 예를 들어 $\beta = 0.98$이면 약 50스텝, $\beta = 0.9$이면 약 10스텝입니다.
#
# **PyTorch의 `momentum`.** 이 노트북의 `batch_norm`과 PyTorch의 `nn.BatchNorm2d`는 이동 평균을 이렇게 갱신합니다.
#
# $$\text{moving\_mean} \leftarrow (1 - \text{momentum}) \cdot \text{moving\_mean} + \text{momentum} \cdot \hat{\boldsymbol{\mu}}_\mathcal{B}$$
#
# $$\text{moving\_var} \leftarrow (1 - \text{momentum}) \cdot \text{moving\_var} + \text{momentum} \cdot \hat{\boldsymbol{\sigma}}^2_\mathcal{B}$$
#
# 즉 $\beta = 1 - \text{momentum}$입니다. 기본값 `momentum=0.1`은 $\beta = 0.9$, 창 크기 약 10 미니배치에 해당합니다. 이름과 달리 옵티마이저(optimizer)의 모멘텀과는 관계가 없고, **새 값** 쪽의 가중치라는 점에 주의하세요.
#
# 처음 값은 `moving_mean = 0`, `moving_var = 1`입니다. 아직 통계를 하나도 보지 못한 층이 예측 모드에서 $(\mathbf{x} - 0)/\sqrt{1 + \epsilon} \approx \mathbf{x}$, 곧 (처음 값 $\boldsymbol{\gamma} = \mathbf{1}$, $\boldsymbol{\beta} = \mathbf{0}$과 함께) 입력을 거의 그대로 내보내는 항등 매핑이 되도록 고른 값입니다. 입력이 이미 표준화되어 있다(평균 0, 분산 1)고 가정하고 시작하는 셈입니다. 분산을 0에서 시작한다면 $\sqrt{\epsilon} \approx 0.003$으로 나누게 되어 값이 300배 넘게 커집니다. 훈련이 진행되면 두 값은 실제 통계 쪽으로 옮겨 가고, $t$스텝 뒤 초깃값의 몫은 위의 식대로 $\beta^t$만 남습니다.
#
# **PyTorch와의 작은 차이.** 정규화 자체에는 두 구현 모두 편향 분산($m$으로 나눔)을 씁니다. 그런데 PyTorch는 `running_var`를 갱신할 때만 **불편 분산**(unbiased, $m-1$로 나눔) $\frac{m}{m-1}\hat{\sigma}^2_\mathcal{B}$를 씁니다($m$은 채널 하나의 값 개수: 완전 연결 층이면 $N$, 합성곱 층이면 $NHW$). 이 노트북의 `batch_norm`은 편향 분산을 그대로 씁니다. 그래서 훈련 모드의 출력과 이동 평균은 같고 이동 분산만 $\frac{m}{m-1}$배 가까이 다릅니다. 배치 크기 128이면 완전 연결 층에서 $128/127 \approx 1.008$배, 첫 합성곱 층($m = 128 \cdot 24 \cdot 24$)에서는 사실상 1배입니다. 아래 **구현**에서 숫자로 확인합니다.
#
# ### 배치 크기
#
# 미니배치 통계는 추정값이라 배치가 작을수록 잡음이 큽니다. 평균의 표준오차는 $\sigma / \sqrt{m}$으로 줄어듭니다. 극단적으로 완전 연결 층에서 **배치 크기 1**이면 $\hat{\mu}_\mathcal{B} = x$, $\hat{\sigma}^2_\mathcal{B} = \epsilon$이 되어 정규화된 값이 언제나 0, 출력은 입력과 상관없이 $\boldsymbol{\beta}$가 됩니다. 아무것도 배울 수 없습니다.
#
# 합성곱 층에서는 한 장 안에서도 $H \cdot W$개 위치로 통계를 낼 수 있어 계산은 되지만, 한 장의 통계는 믿기 어렵습니다. PyTorch는 훈련 모드에서 채널 하나에 값이 1개뿐이면(예: 입력 $1 \times C \times 1 \times 1$) 오류를 냅니다(아래 인터랙티브 (나) 뒤의 셀에서 확인합니다).
#
# 반대로 배치가 아주 크면 추정이 안정적인 대신 잡음에서 오는 규제 효과가 줄어듭니다. 책에서는 50~100 정도의 중간 크기가 잘 맞는 경우가 많다고 합니다. 이 값은 정리라기보다 경험칙입니다. 아래 **인터랙티브**에서 배치 크기에 따른 통계의 흔들림을 직접 봅니다.

# %% [markdown]
# ## 구현
#
# ### 밑바닥부터: `batch_norm` 함수
#
# 이동 평균 `moving_mean`, `moving_var`를 받아 정규화하고, 훈련 모드라면 갱신한 값을 돌려줍니다. 이 구현은 **기울기 계산이 켜져 있는지**(`torch.is_grad_enabled()`)로 모드를 정합니다. 기울기를 계산하지 않는다면 예측 중이라고 보는 것입니다(이 선택의 함정은 조금 뒤에 확인합니다).

# %%
import torch
from torch import nn
import d2lmini as d2l


def batch_norm(X, gamma, beta, moving_mean, moving_var, eps, momentum):
    # 기울기를 계산하지 않는 상태면 예측 모드로 봅니다:
    # 훈련 중에 쌓아 둔 이동 평균·이동 분산으로 정규화합니다.
    if not torch.is_grad_enabled():
        X_hat = (X - moving_mean) / torch.sqrt(moving_var + eps)
    else:
        assert len(X.shape) in (2, 4)
        if len(X.shape) == 2:
            # 완전 연결 층 (N, d): 배치 축(0)으로 평균 → 특성마다 하나
            mean = X.mean(dim=0)
            var = ((X - mean) ** 2).mean(dim=0)
        else:
            # 합성곱 층 (N, C, H, W): 채널 축(1)만 남기고 평균 → 채널마다 하나.
            # keepdim=True로 (1, C, 1, 1) 모양을 유지해 브로드캐스팅이 되게 합니다.
            mean = X.mean(dim=(0, 2, 3), keepdim=True)
            var = ((X - mean) ** 2).mean(dim=(0, 2, 3), keepdim=True)
        # 훈련 모드: 지금 미니배치의 평균·분산(편향 분산)으로 정규화합니다.
        X_hat = (X - mean) / torch.sqrt(var + eps)
        # 지수 이동 평균 갱신: beta = 1 - momentum
        moving_mean = (1.0 - momentum) * moving_mean + momentum * mean
        moving_var = (1.0 - momentum) * moving_var + momentum * var
    Y = gamma * X_hat + beta  # 스케일과 시프트 (브로드캐스팅)
    return Y, moving_mean.data, moving_var.data


# %% [markdown]
# ### `BatchNorm` 층
#
# `gamma`, `beta`는 `nn.Parameter`라서 옵티마이저가 학습합니다. `moving_mean`, `moving_var`는 학습 대상이 아니라 훈련 중에 갱신되는 통계입니다. `num_dims`는 입력이 완전 연결 층 출력(2)인지 합성곱 층 출력(4)인지를 알려 줍니다.

# %%
class BatchNorm(nn.Module):
    # num_features: 완전 연결 층의 출력 수 또는 합성곱 층의 출력 채널 수
    # num_dims: 2이면 완전 연결 층 뒤, 4이면 합성곱 층 뒤
    def __init__(self, num_features, num_dims):
        super().__init__()
        if num_dims == 2:
            shape = (1, num_features)
        else:
            shape = (1, num_features, 1, 1)
        # 스케일 gamma는 1, 시프트 beta는 0에서 시작합니다 (학습되는 파라미터)
        self.gamma = nn.Parameter(torch.ones(shape))
        self.beta = nn.Parameter(torch.zeros(shape))
        # 이동 평균은 0, 이동 분산은 1에서 시작합니다 (파라미터가 아님).
        # 통계를 보기 전의 예측 모드가 항등 매핑(x → x)이 되도록 고른 값입니다.
        self.moving_mean = torch.zeros(shape)
        self.moving_var = torch.ones(shape)

    def forward(self, X):
        # 이동 평균이 X와 다른 장치(예: CPU ↔ GPU)에 있으면 옮깁니다
        if self.moving_mean.device != X.device:
            self.moving_mean = self.moving_mean.to(X.device)
            self.moving_var = self.moving_var.to(X.device)
        # 갱신된 moving_mean, moving_var를 저장합니다
        Y, self.moving_mean, self.moving_var = batch_norm(
            X, self.gamma, self.beta, self.moving_mean,
            self.moving_var, eps=1e-5, momentum=0.1)
        return Y


# %% [markdown]
# `moving_mean`과 `moving_var`는 평범한 텐서 속성이라, `model.to(device)`가 옮겨 주지 않고(그래서 `forward`에서 직접 옮깁니다) `state_dict()`에도 저장되지 않습니다. PyTorch의 층은 이런 값을 `register_buffer`로 **버퍼**(buffer)로 등록해 두 문제를 함께 해결합니다(연습문제 2).
#
# ### 배치 정규화를 넣은 LeNet (밑바닥 구현)
#
# LeNet의 합성곱 층과 완전 연결 층마다 활성화 함수 바로 앞에 `BatchNorm`을 넣습니다. 시그모이드(sigmoid)는 그대로 두어 배치 정규화만의 효과를 보기 쉽게 했습니다. 01 LeNet 노트북의 LeNet(첫 합성곱 층에 패딩(padding) 2)과 달리 첫 합성곱 층에 패딩이 없어서 $28 \to 24$로 줄어듭니다.

# %%
class BNLeNetScratch(d2l.Classifier):
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(6, kernel_size=5), BatchNorm(6, num_dims=4),
            nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.LazyConv2d(16, kernel_size=5), BatchNorm(16, num_dims=4),
            nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Flatten(),
            nn.LazyLinear(120), BatchNorm(120, num_dims=2),
            nn.Sigmoid(),
            nn.LazyLinear(84),
            BatchNorm(84, num_dims=2), nn.Sigmoid(),
            nn.LazyLinear(num_classes))


# %% [markdown]
# ### 간결한 구현: `nn.LazyBatchNorm2d` / `nn.LazyBatchNorm1d`
#
# PyTorch의 층을 쓰면 채널(특성) 수를 적지 않아도 첫 순전파(forward pass)에서 정해집니다(지연 초기화(lazy initialization)). 합성곱 층 뒤에는 `2d`(입력 $(N, C, H, W)$), 완전 연결 층 뒤에는 `1d`(입력 $(N, d)$)를 씁니다. 모드는 기울기 여부가 아니라 `model.train()` / `model.eval()`로 정해지는 `self.training`을 따릅니다.

# %%
class BNLeNet(d2l.Classifier):
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(6, kernel_size=5), nn.LazyBatchNorm2d(),
            nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.LazyConv2d(16, kernel_size=5), nn.LazyBatchNorm2d(),
            nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Flatten(),
            nn.LazyLinear(120), nn.LazyBatchNorm1d(),
            nn.Sigmoid(),
            nn.LazyLinear(84),
            nn.LazyBatchNorm1d(), nn.Sigmoid(),
            nn.LazyLinear(num_classes))


# %% [markdown]
# `BNLeNet`을 그림으로 그립니다. 배치 정규화 층이 합성곱 층과 완전 연결 층마다 바로 뒤, 시그모이드 바로 앞에 있고, 마지막 완전 연결 층(클래스 점수) 뒤에는 없다는 것을 보세요.

# %%
d2l.draw(BNLeNet(), (1, 1, 28, 28), title='그림 1. 배치 정규화를 넣은 LeNet')


# %% [markdown]
# ### 숫자로 확인: 밑바닥 `BatchNorm`과 `nn.BatchNorm2d`
#
# 같은 $\gamma, \beta$(의미 있는 검사가 되도록 1, 0이 아닌 무작위 값)를 넣은 두 층에 같은 미니배치 5개를 차례로 넣습니다. 미니배치는 $8 \times 3 \times 5 \times 5$라서 채널마다 $m = 8 \cdot 5 \cdot 5 = 200$개 값으로 통계를 냅니다. 확인할 것:
#
# 1. 훈련 모드의 출력과 역전파(backpropagation) 기울기가 같은지 봅니다.
# 2. 이동 평균과 이동 분산이 같은지 봅니다. 두 가지 갱신 규칙(편향 분산 / 불편 분산)을 손으로 계산한 값과도 비교합니다.
# 3. 예측 모드의 출력이 각자의 통계로는 얼마나 다르고, 같은 통계를 넣으면 같아지는지 봅니다.

# %%
# NBVAL_CHECK_OUTPUT
gen = torch.Generator().manual_seed(0)
C, m_per_channel = 3, 8 * 5 * 5
ours = BatchNorm(C, num_dims=4)
ref = nn.BatchNorm2d(C, eps=1e-5, momentum=0.1)   # 기본값 그대로
with torch.no_grad():
    g = torch.rand(C, generator=gen) + 0.5
    b = torch.randn(C, generator=gen)
    ours.gamma.copy_(g.reshape(1, C, 1, 1)); ours.beta.copy_(b.reshape(1, C, 1, 1))
    ref.weight.copy_(g); ref.bias.copy_(b)
batches = [torch.randn(8, C, 5, 5, generator=gen) * 3 + 2 for _ in range(5)]

def close(a, b):
    return torch.allclose(a, b, rtol=1e-5, atol=1e-5)

# 1. 훈련 모드: 출력, 입력에 대한 기울기, gamma에 대한 기울기
ref.train()
same_out, same_grad = True, True
for X in batches:
    X1, X2 = X.clone().requires_grad_(), X.clone().requires_grad_()
    Y1, Y2 = ours(X1), ref(X2)
    w = torch.randn(Y1.shape, generator=gen)        # 임의의 손실 (Y * w).sum()
    (Y1 * w).sum().backward(); (Y2 * w).sum().backward()
    same_out &= close(Y1, Y2)
    same_grad &= close(X1.grad, X2.grad)
same_grad &= close(ours.gamma.grad.flatten(), ref.weight.grad)
print('훈련 모드 출력 일치:', same_out)
print('훈련 모드 기울기 일치 (입력, gamma):', same_grad)

# 2. 이동 평균과 이동 분산: 두 갱신 규칙을 손으로 계산
ema_mean, ema_biased, ema_unbiased = torch.zeros(C), torch.ones(C), torch.ones(C)
for X in batches:
    ema_mean = 0.9 * ema_mean + 0.1 * X.mean(dim=(0, 2, 3))
    ema_biased = 0.9 * ema_biased + 0.1 * X.var(dim=(0, 2, 3), unbiased=False)
    ema_unbiased = 0.9 * ema_unbiased + 0.1 * X.var(dim=(0, 2, 3), unbiased=True)
print('이동 평균 일치 (ours, PyTorch):', close(ours.moving_mean.flatten(), ref.running_mean))
print('이동 분산 일치 (ours, PyTorch):', close(ours.moving_var.flatten(), ref.running_var))
print('  ours.moving_var   == 편향 분산의 이동 평균:', close(ours.moving_var.flatten(), ema_biased))
print('  ref.running_var   == 불편 분산의 이동 평균:', close(ref.running_var, ema_unbiased))
print('  m/(m-1) =', round(m_per_channel / (m_per_channel - 1), 4),
      '| 이동 분산의 비 (PyTorch / ours):',
      [round(v, 4) for v in (ref.running_var / ours.moving_var.flatten()).tolist()])

# 3. 예측 모드: 새 입력 하나를 각자의 이동 통계로 정규화
X_test = torch.randn(4, C, 5, 5, generator=gen) * 3 + 2
ref.eval()
with torch.no_grad():
    diff = (ours(X_test) - ref(X_test)).abs().max().item()
    print('예측 모드, 각자의 통계로: 최대 절대 차이 =', round(diff, 4))
    ours.moving_mean = ref.running_mean.reshape(1, C, 1, 1).clone()
    ours.moving_var = ref.running_var.reshape(1, C, 1, 1).clone()
    print('예측 모드, PyTorch의 통계를 넣으면 일치:', close(ours(X_test), ref(X_test)))

# %% [markdown]
# 읽는 법:
#
# * **훈련 모드**에서는 출력과 기울기가 (부동소수점 오차 안에서) 같습니다. 두 구현 모두 편향 분산으로 정규화하기 때문입니다. `batch_norm`의 역전파는 우리가 쓰지 않았고 autograd가 만들어 준 것인데도, PyTorch가 따로 최적화해 둔 역전파와 같은 값이 나옵니다.
# * **이동 평균**은 같지만 **이동 분산**은 다릅니다. 손으로 계산해 보면 `ours.moving_var`는 편향 분산의 지수 이동 평균, PyTorch의 `running_var`는 불편 분산의 지수 이동 평균과 정확히 같습니다. 비가 $m/(m-1) \approx 1.005$보다 조금 작은 것은, 5스텝 뒤에도 초깃값 1이 가중치 $0.9^5 \approx 0.59$로 남아 있기 때문입니다(`momentum=0.1`이라 새 값은 한 스텝에 10%만 섞입니다).
# * 그래서 **예측 모드** 출력은 아주 조금 다르고, 같은 통계를 넣으면 다시 같아집니다. 실제 훈련에서는 $m$이 수천~수만이라 차이가 무시할 만하고, 완전 연결 층(배치 128)에서도 1% 미만입니다. 어느 쪽이 "맞다"기보다는, 모집단 분산을 추정할 때 불편 추정을 쓰느냐의 선택입니다.

# %% [markdown]
# ### 함정: 모드를 무엇으로 정하는가
#
# 이 노트북의 `batch_norm`은 `torch.is_grad_enabled()`로 모드를 정합니다. 그래서 `.eval()`만 부르고 `torch.no_grad()` 없이 계산하면 **여전히 훈련 모드로** 동작합니다. 미니배치 통계로 정규화하고 이동 평균까지 바꿔 버립니다. 반대로 `nn.BatchNorm2d`는 `.eval()`만으로 예측 모드가 됩니다. d2lmini의 `Trainer`는 검증할 때 `model.eval()`과 `torch.no_grad()`를 **함께** 쓰고 `layer_summary`, `d2l.predict`도 그렇게 하므로, 이 노트북에서는 두 구현이 같게 동작합니다.

# %%
# NBVAL_CHECK_OUTPUT
layer = BatchNorm(3, num_dims=4).eval()          # eval()을 불렀지만
before = layer.moving_mean.clone()
layer(batches[0])                                # 기울기 계산은 켜져 있음
print('ours: eval() 뒤에도 이동 평균이 바뀌었나?', not torch.equal(before, layer.moving_mean))
torch_layer = nn.BatchNorm2d(3).eval()
before = torch_layer.running_mean.clone()
torch_layer(batches[0])
print('PyTorch: eval() 뒤에도 이동 평균이 바뀌었나?', not torch.equal(before, torch_layer.running_mean))

# %% [markdown]
# ### 층 정규화를 식 그대로
#
# 개념 절의 층 정규화 식을 `nn.LayerNorm`과 맞춰 봅니다. 합성곱 층 뒤처럼 $(N, C, H, W)$ 모양의 입력에서 예제마다 $C \cdot H \cdot W$개 값으로 평균과 분산을 냅니다. $\gamma, \beta$는 의미 있는 검사가 되도록 무작위 값으로 바꿉니다. 배치 정규화와 달리 예제 하나만 넣어도 같은 값이 나오는지, 예제를 통째로 10배 해도 출력이 그대로인지도 확인합니다.

# %%
ln_gen = torch.Generator().manual_seed(4)
X_ln = torch.randn(4, 3, 5, 5, generator=ln_gen) * 3 + 2   # (N, C, H, W)
ln = nn.LayerNorm((3, 5, 5))                               # 예제 하나의 모양 = 함께 정규화할 값들
with torch.no_grad():
    ln.weight.copy_(torch.rand(3, 5, 5, generator=ln_gen) + 0.5)
    ln.bias.copy_(torch.randn(3, 5, 5, generator=ln_gen))
mu = X_ln.mean(dim=(1, 2, 3), keepdim=True)                # 예제마다 하나: (N, 1, 1, 1)
var = ((X_ln - mu) ** 2).mean(dim=(1, 2, 3), keepdim=True) # 편향 분산
ours_ln = ln.weight * (X_ln - mu) / torch.sqrt(var + ln.eps) + ln.bias
print('γ, β의 모양:', tuple(ln.weight.shape), tuple(ln.bias.shape))
print('식과 nn.LayerNorm 일치:', close(ours_ln, ln(X_ln)))
print('예제 하나만 넣어도 같은 값:', close(ln(X_ln[:1]), ln(X_ln)[:1]))
print('예제를 10배 해도 같은 값:', close(ln(10 * X_ln), ln(X_ln)))

# %% [markdown]
# ## 모양 확인
#
# 밑바닥 구현 `BNLeNetScratch`의 층별 출력 모양을 봅니다. 배치 크기가 **1**인데도 되는 이유는 `layer_summary`가 예측 모드·기울기 없음으로 계산하기 때문입니다. 즉 배치 정규화 층이 미니배치 통계가 아니라 이동 통계(처음 값 0과 1)를 쓰므로, 훈련 전의 배치 정규화 층은 입력을 거의 그대로 내보냅니다. 훈련 모드였다면 완전 연결 층 뒤의 배치 정규화는 크기 1 배치로는 의미 있는 값을 낼 수 없습니다.
#
# 출력 크기는 합성곱·풀링(pooling) 모두 $\lfloor (n_h - k_h + 2p_h)/s_h \rfloor + 1$입니다(01 LeNet 노트북의 「합성곱의 출력 크기」 절). 첫 합성곱 층은 $\lfloor (28 - 5 + 0)/1 \rfloor + 1 = 24$, 평균 풀링(average pooling)은 $\lfloor (24 - 2)/2 \rfloor + 1 = 12$, 다음 합성곱 층은 $12 - 5 + 1 = 8$, 풀링 후 $4$이므로 펼치면 $16 \cdot 4 \cdot 4 = 256$입니다. 배치 정규화는 모양을 바꾸지 않습니다.

# %%
# NBVAL_CHECK_OUTPUT
BNLeNetScratch().layer_summary((1, 1, 28, 28))

# %% [markdown]
# **파라미터 수.** 합성곱 층은 $c_i c_o k_h k_w + c_o$, 완전 연결 층은 $d_i d_o + d_o$, 배치 정규화 층은 $2C$입니다($\gamma, \beta$). 이동 평균과 이동 분산은 학습되지 않으므로 세지 않습니다.
#
# | 층 | 식 | 파라미터 수 |
# |---|---|---|
# | 합성곱 1 | $1 \cdot 6 \cdot 5 \cdot 5 + 6$ | 156 |
# | 배치 정규화 | $2 \cdot 6$ | 12 |
# | 합성곱 2 | $6 \cdot 16 \cdot 5 \cdot 5 + 16$ | 2,416 |
# | 배치 정규화 | $2 \cdot 16$ | 32 |
# | 완전 연결 1 | $256 \cdot 120 + 120$ | 30,840 |
# | 배치 정규화 | $2 \cdot 120$ | 240 |
# | 완전 연결 2 | $120 \cdot 84 + 84$ | 10,164 |
# | 배치 정규화 | $2 \cdot 84$ | 168 |
# | 완전 연결 3 | $84 \cdot 10 + 10$ | 850 |
# | 합계 | | 44,878 |
#
# 배치 정규화가 더한 파라미터는 $12 + 32 + 240 + 168 = 452$개로 전체의 1% 정도입니다. 두 구현의 파라미터 수가 같은지, PyTorch 층에서 이동 통계가 파라미터가 아닌 버퍼로 따로 있는지 확인합니다.

# %%
# NBVAL_CHECK_OUTPUT
X0 = torch.zeros(1, 1, 28, 28)
for model in (BNLeNetScratch(), BNLeNet()):
    model.apply_init([X0])                     # 지연 층의 모양을 정합니다
    bn_params = sum(p.numel() for layer in model.net
                    if isinstance(layer, (BatchNorm, nn.BatchNorm1d, nn.BatchNorm2d))
                    for p in layer.parameters())
    buffers = sum(b.numel() for name, b in model.named_buffers() if 'running' in name)
    print(f'{type(model).__name__:15s} 파라미터 {d2l.num_params(model):,} '
          f'(배치 정규화 {bn_params}), 이동 통계 버퍼 {buffers}')

# %% [markdown]
# 밑바닥 구현의 이동 통계(452개 값)는 버퍼로 등록되지 않아 0으로 나옵니다. 위에서 말한 `state_dict` 문제입니다.

# %% [markdown]
# ## 인터랙티브
#
# ### (가) 지수 이동 평균과 모멘텀
#
# 잡음이 섞인 신호(천천히 변하는 참값 + 잡음)에 지수 이동 평균을 적용합니다. 슬라이더로 PyTorch 식의 `momentum` $= 1 - \beta$를 바꿔 보세요. 배치 정규화의 이동 평균처럼 $v_0 = 0$에서 시작합니다.
#
# * `momentum`이 크면(β 작음) 최근 값만 보므로 빠르게 따라가지만 잡음이 그대로 남습니다.
# * `momentum`이 작으면(β 큼) 매끄럽지만 느리게 따라가고, 처음에는 초깃값 0 쪽으로 끌려 있습니다($\beta^t v_0$ 항과 가중치 합 $1 - \beta^t$).
# * 오른쪽 그림은 $k$ 스텝 전 값의 가중치 $(1-\beta)\beta^k$와 창 크기 $1/(1-\beta)$입니다.

# %%
import math
import matplotlib.pyplot as plt
import ipywidgets as widgets

signal_gen = torch.Generator().manual_seed(1)
steps = torch.arange(300, dtype=torch.float32)
truth = torch.sin(steps / 40) + 0.5           # 천천히 변하는 참값
noisy = truth + 0.6 * torch.randn(300, generator=signal_gen)


def ema(values, beta, v0=0.0):
    out, v = [], v0
    for theta in values.tolist():
        v = beta * v + (1 - beta) * theta
        out.append(v)
    return torch.tensor(out)


def show_ema(momentum=0.1):
    beta = 1 - momentum
    smooth = ema(noisy, beta)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.2), width_ratios=(2, 1))
    ax1.plot(steps, noisy, '.', ms=2.5, color='lightgray', label=d2l.label('잡음 섞인 값 θ_t', 'noisy value θ_t'))
    ax1.plot(steps, truth, 'k--', lw=1, label=d2l.label('참값', 'true signal'))
    ax1.plot(steps, smooth, color='C3', lw=2,
             label=d2l.label(f'지수 이동 평균 (momentum={momentum:.2f})', f'EMA (momentum={momentum:.2f})'))
    ax1.set_xlabel(d2l.label('스텝 t', 'step t'))
    ax1.legend(loc='lower left', fontsize=8)
    k = torch.arange(60)
    ax2.bar(k, (1 - beta) * beta ** k.float(), color='C3')
    window = 1 / (1 - beta)
    if window <= 60:
        ax2.axvline(window, color='k', ls=':', label=f'1/(1-β) = {window:.1f}')
        ax2.legend(fontsize=8)
    ax2.set_xlabel(d2l.label('k (몇 스텝 전)', 'k (steps ago)'))
    ax2.set_title(d2l.label('가중치 (1-β)β^k', 'weight (1-β)β^k'), fontsize=9)
    fig.tight_layout()
    plt.show()
    error = (smooth[50:] - truth[50:]).abs().mean().item()
    print(f'β = {beta:.2f}, 창 크기 ≈ 1/(1-β) = {1 / (1 - beta):.1f}스텝, '
          f'50스텝 이후 참값과의 평균 절대 오차 = {error:.3f} '
          f'(잡음만의 평균 절대 오차는 약 {0.6 * math.sqrt(2 / math.pi):.3f})')


d2l.interact(show_ema, momentum=widgets.FloatSlider(
    value=0.1, min=0.01, max=1.0, step=0.01, description='momentum',
    continuous_update=False))

# %% [markdown]
# `momentum=1` ($\beta = 0$)이면 이동 평균은 마지막 값 그대로이고, `momentum`을 아주 작게 하면 참값의 변화를 따라가지 못합니다. 배치 정규화의 이동 통계도 같습니다. 훈련 초반에는 가중치가 빠르게 바뀌어 통계도 변하므로 너무 느린 평균은 낡은 값을 기억하고, 너무 빠른 평균은 마지막 몇 미니배치의 잡음을 그대로 예측 모드에 가져옵니다. 그림 아래 줄의 오차는 $v_0 = 0$의 영향이 사라진 50스텝 이후만 재고, 괄호 안의 값은 이동 평균 없이 $\theta_t$를 그대로 쓸 때의 오차(잡음의 평균 절댓값)입니다.
#
# ### (나) 배치 크기와 미니배치 통계의 잡음
#
# 어떤 채널의 활성값이 ReLU를 거친 값처럼 한쪽으로 치우친 분포($\max(0, u)$, $u \sim \mathcal{N}(0.3, 1)$)를 따른다고 합시다. 이 분포에서 크기 $m$인 미니배치를 2,000번 뽑아 $\hat{\mu}_\mathcal{B}$, $\hat{\sigma}^2_\mathcal{B}$가 얼마나 흔들리는지 봅니다. 세 번째 그림은 값이 $x = 1$인 예제 하나가 나머지 $m-1$개의 무작위 예제와 한 미니배치에 들어갔을 때 어떤 값으로 정규화되는지입니다. 배치 크기를 1로 내려 보세요.

# %%
population_gen = torch.Generator().manual_seed(2)
population = torch.relu(torch.randn(200_000, generator=population_gen) + 0.3)
true_mean, true_var = population.mean().item(), population.var().item()


def show_batch_noise(batch_size=32, trials=2000):
    gen = torch.Generator().manual_seed(3)
    idx = torch.randint(len(population), (trials, batch_size), generator=gen)
    samples = population[idx]
    mu = samples.mean(dim=1)
    var = samples.var(dim=1, unbiased=False)
    # 값 x = 1이 미니배치의 한 예제일 때(나머지 m - 1개는 무작위) 정규화된 값
    with_x = samples.clone()
    with_x[:, 0] = 1.0
    x_hat = (1.0 - with_x.mean(dim=1)) / torch.sqrt(with_x.var(dim=1, unbiased=False) + 1e-5)
    fig, axes = plt.subplots(1, 3, figsize=(12, 3))
    for ax, values, true, title in (
            (axes[0], mu, true_mean, d2l.label('미니배치 평균', 'batch mean')),
            (axes[1], var, true_var, d2l.label('미니배치 분산 (편향 추정)', 'batch variance (biased)')),
            (axes[2], x_hat, (1 - true_mean) / math.sqrt(true_var),
             d2l.label('x = 1의 정규화 값', 'normalized value of x = 1'))):
        ax.hist(values.numpy(), bins=50, color='C0')
        ax.axvline(true, color='k', ls='--', label=d2l.label('모집단', 'population'))
        ax.set_title(title, fontsize=9)
    axes[0].legend(fontsize=8)
    fig.suptitle(d2l.label(f'배치 크기 m = {batch_size}, 미니배치 {trials}개',
                           f'batch size m = {batch_size}, {trials} batches'), fontsize=10)
    fig.tight_layout()
    plt.show()
    print(f'평균의 표준편차: 측정 {mu.std().item():.3f}, 이론 σ/√m = '
          f'{math.sqrt(true_var / batch_size):.3f}')
    print(f'x = 1의 정규화 값: 모집단 기준 {(1 - true_mean) / math.sqrt(true_var):.2f}, '
          f'미니배치 기준 평균 {x_hat.mean().item():.2f} ± {x_hat.std().item():.2f}')
    if batch_size == 1:
        print('배치 크기 1: x 자신이 평균이고 분산은 0이라 정규화 값은 언제나 (x - x)/√ε = 0입니다. '
              '입력이 무엇이든 출력은 β입니다.')


d2l.interact(show_batch_noise, batch_size=widgets.SelectionSlider(
    options=[1, 2, 4, 8, 16, 32, 64, 128, 256, 512], value=32, description='배치 크기',
    continuous_update=False), trials=widgets.fixed(2000))

# %% [markdown]
# 배치 크기가 4배가 될 때마다 평균의 흔들림은 절반($1/\sqrt{m}$)이 됩니다. 작은 배치에서는 같은 값 $x=1$이 미니배치에 따라 아주 다른 값으로 정규화되는데, 이것이 훈련 중 잡음(과 규제 효과)의 정체입니다. 출력 줄에서 미니배치 기준의 평균(0.69<!-- run -->)이 모집단 기준(0.63<!-- run -->)보다 조금 큰 것도 분산 때문입니다. 가운데 그림처럼 미니배치 분산은 오른쪽 꼬리가 길어 모집단 분산보다 작게 나오는 미니배치가 더 많고(편향 추정이라 평균도 조금 작습니다), 작은 분산으로 나누면 값이 커집니다. 배치 크기 2에서는 분산 추정이 특히 불안정하고, 1에서는 모든 정보가 사라집니다.
#
# 「배치 크기」 절에서 말한 PyTorch 층의 오류를 $1 \times C \times 1 \times 1$ 입력으로 확인해 봅니다. 같은 한 장이라도 $4 \times 4$ 특성 맵이면 채널마다 값이 16개라 계산은 됩니다(믿을 만하지는 않습니다). 예측 모드에서는 이동 통계를 쓰므로 크기 1도 문제없습니다.

# %%
torch_bn = nn.BatchNorm2d(3).train()
try:
    torch_bn(torch.randn(1, 3, 1, 1))
except ValueError as error:
    print('훈련 모드, 1×3×1×1 →', type(error).__name__ + ':', error)
print('훈련 모드, 1×3×4×4 → 출력 모양', tuple(torch_bn(torch.randn(1, 3, 4, 4)).shape))
print('예측 모드, 1×3×1×1 → 출력 모양', tuple(torch_bn.eval()(torch.randn(1, 3, 1, 1)).shape))

# 밑바닥 구현은 오류 없이 계산하지만, 완전 연결 층 뒤에서는 출력이 입력과 상관없이 beta입니다
scratch_bn = BatchNorm(4, num_dims=2)
with torch.no_grad():
    scratch_bn.beta.copy_(torch.tensor([[0.1, 0.2, 0.3, 0.4]]))
print('밑바닥 구현, 크기 1 배치 두 개의 출력:')
print(' ', scratch_bn(torch.randn(1, 4)).detach())
print(' ', scratch_bn(torch.randn(1, 4) * 100).detach())

# %% [markdown]
# ## 훈련
#
# 책의 설정은 배치 정규화를 넣은 LeNet을 28×28 해상도(resolution), 배치 크기 128, 학습률 0.1로 10에폭(epoch) 훈련하는 것입니다(`book` 프로필). 훈련 방법은 확률적 경사 하강법(SGD)에 고정 학습률(`d2l.BOOK_RECIPE`)입니다. 책은 배치 정규화가 없는 LeNet도 같은 학습률 0.1로 훈련하는데, 배치 정규화가 있으면 같은 학습률에서 훨씬 빨리 배웁니다(책은 배치 정규화가 더 큰 학습률도 견디게 한다고 설명합니다).
#
# 이 모델은 작아서 2코어 CPU에서도 한 에폭에 10초가 채 걸리지 않지만, `cpu` 프로필은 책의 설정 대신 02~09 노트북의 모든 모델과 같은 **훈련 레시피**(training recipe) `d2l.CPU_RECIPE`와 **같은 예산**(8에폭, 배치 크기 128)을 씁니다. 훈련 방법이 같아야 10 모든 모델 비교 노트북에서 모델 사이의 정확도 차이를 구조의 차이로 읽을 수 있기 때문입니다. 이 레시피(AdamW, 학습률과 AdamW의 β1을 함께 바꾸는 원사이클(one-cycle) 스케줄, 가중치 감쇠(weight decay), 레이블 스무딩(label smoothing))의 재료마다의 설명과 몫은 [10 모든 모델 비교 노트북](10_comparison.ipynb)의 「훈련 레시피」 절에 있습니다. 가중치 감쇠는 합성곱·완전 연결 층의 가중치에만 걸고 편향과 배치 정규화 층의 $\gamma, \beta$에는 걸지 않습니다. 해상도는 책과 같은 28×28이고 초기화도 책처럼 Xavier 초기화(`d2l.init_cnn`)라, 이 모델에서 프로필마다 다른 것은 훈련 방법과 에폭 수뿐입니다. 2코어 CPU에서 `cpu` 프로필로 이 노트북에 저장된 실행은 간결 구현의 8에폭에 약 0.5분<!-- run 0.49 -->이 걸렸습니다.
#
# 훈련 셀에서는 모델을 만든 바로 뒤에 `cfg.recipe.apply(model, data)`가 모델의 옵티마이저와 손실, 데이터의 훈련 미니배치를 프로필의 레시피에 맞춥니다(`book` 프로필이면 책의 방법 그대로). `smoke` 프로필은 자동 점검용으로 몇 초 안에 끝나는 설정입니다(라이브러리가 데이터를 훈련 256 / 검증 128개, 에폭을 1로 줄입니다).
#
# 먼저 간결한 구현 `BNLeNet`을 훈련합니다.

# %%
cfg = d2l.profile_settings(
    book=dict(max_epochs=10, batch_size=128, lr=0.1, resize=(28, 28), recipe=d2l.BOOK_RECIPE),
    cpu=dict(max_epochs=8, batch_size=128, lr=0.002, resize=(28, 28), recipe=d2l.CPU_RECIPE),
    smoke=dict(max_epochs=1, batch_size=64, lr=0.002, resize=(28, 28), recipe=d2l.CPU_RECIPE))

# %%
trainer = d2l.Trainer(max_epochs=cfg.max_epochs, num_gpus=1, seed=0)
data = d2l.FashionMNIST(batch_size=cfg.batch_size, resize=cfg.resize)
model = BNLeNet(lr=cfg.lr)
cfg.recipe.apply(model, data)   # 훈련 방법: book은 책 그대로, cpu는 모든 모델에 같은 레시피
model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
history = trainer.fit(model, data)

# %% [markdown]
# 두 구현의 실행은 각각 `d2l.record_run`으로 `results/<프로필>/06_batch_norm.json`에 남깁니다. `book_figure`에는 책의 그래프에서 읽은 10에폭 뒤 검증 정확도(간결 구현 약 0.87, 밑바닥 구현 약 0.88)를 줍니다.

# %%
d2l.record_run('06_batch_norm', 'BN-LeNet (간결)', model, data, trainer, cfg, book_figure=0.87)

# %% [markdown]
# 같은 설정으로 밑바닥 구현 `BNLeNetScratch`도 훈련합니다. 데이터 모듈을 새로 만들어 미니배치 순서도 같게 하고, 같은 시드로 초기 가중치도 같게 합니다. 훈련 모드의 계산이 같으므로 곡선도 거의 같아야 합니다. 다만 부동소수점 연산 순서가 달라 생기는 아주 작은 차이가 스텝마다 쌓이고, 검증 때 쓰는 이동 분산의 갱신 규칙도 조금 다르므로 숫자가 완전히 같지는 않습니다. 레시피는 합성곱·완전 연결 층의 가중치에만 가중치 감쇠를 걸므로, 밑바닥 `BatchNorm`의 `gamma`, `beta`도 PyTorch 층의 것처럼 감쇠를 받지 않습니다.
#
# 속도는 어떨까요? PyTorch 층은 평균, 분산, 정규화, 이동 평균 갱신을 한 번에 계산하는 전용 커널을 쓰고, 밑바닥 구현은 이것을 작은 텐서 연산 여러 개로 나눠 계산하며 역전파도 그만큼 여러 단계를 거치므로, PyTorch 층이 더 빠르리라 기대할 수 있습니다. 2코어 CPU에서 `cpu` 프로필로 이 노트북에 저장된 실행에서도 그랬습니다.
#
# 초당 훈련 이미지 수가 간결 구현 17,238<!-- run -->장, 밑바닥 구현 10,641<!-- run -->장이었고, 검증을 뺀 순수 훈련 시간은 밑바닥 구현이 간결 구현의 1.6배<!-- run -->였습니다. 다만 이렇게 작은 모델의 시간은 기계와 PyTorch 판에 따라, 같은 기계에서도 실행마다 달라질 수 있으니 한 번의 측정으로만 읽으세요. 이번 실행의 비는 아래 두 번째 `record_run` 셀이 함께 출력합니다.
#
# 이 비에는 계산 방법의 차이도 섞여 있습니다. 두 훈련 셀의 `[d2lmini]` 줄이 모델마다 고른 계산 방법을 알립니다([01 LeNet 노트북](01_lenet.ipynb)의 「훈련」 절). 이 노트북에 저장된 실행에서는 두 구현 모두 bf16을 골랐으므로(잰 속도는 float32·기본 메모리 배치(channels_last를 쓰지 않음)보다 간결 구현이 1.1배<!-- run -->, 밑바닥 구현이 1.0배<!-- run -->), 위의 비는 주로 구현 방식의 차이에서 옵니다. 다른 CPU에서는 두 구현이 서로 다른 계산 방법을 고를 수 있고, 그러면 그 차이도 비에 섞입니다.

# %%
trainer_scratch = d2l.Trainer(max_epochs=cfg.max_epochs, num_gpus=1, seed=0)
data_scratch = d2l.FashionMNIST(batch_size=cfg.batch_size, resize=cfg.resize)
model_scratch = BNLeNetScratch(lr=cfg.lr)
cfg.recipe.apply(model_scratch, data_scratch)
model_scratch.apply_init([next(iter(data_scratch.get_dataloader(True)))[0]], d2l.init_cnn)
history_scratch = trainer_scratch.fit(model_scratch, data_scratch)

# %%
d2l.record_run('06_batch_norm', 'BN-LeNet (밑바닥)', model_scratch, data_scratch, trainer_scratch, cfg,
               book_figure=0.88)
print(f'순수 훈련 시간(검증 제외): 간결 구현 {trainer.train_seconds:.0f}초, '
      f'밑바닥 구현 {trainer_scratch.train_seconds:.0f}초 '
      f'→ 밑바닥 구현이 {trainer_scratch.train_seconds / trainer.train_seconds:.1f}배')

# %% [markdown]
# ## 결과
#
# ### 배치 정규화가 없는 LeNet과 나란히
#
# 요약에서 "배치 정규화 덕분에 더 빨리 수렴한다"고 말하려면 비교 대상이 있어야 하고, 그 대상은 훈련 방법이 같아야 합니다. 방법이 다르면 차이의 어디까지가 배치 정규화의 몫인지 가릴 수 없기 때문입니다. 그래서 아래 셀은 01 LeNet 노트북의 실행 가운데 이 노트북과 **같은 훈련 방법**으로 훈련한 것을 고릅니다. `cpu` 프로필이면 01 노트북의 「같은 LeNet, 다른 훈련 방법」 절에서 같은 레시피(`d2l.CPU_RECIPE`, 학습률 0.002, 8에폭)로 훈련한 `LeNet (cpu 레시피)` 실행이고, `book` 프로필이면 책의 방법(학습률 0.1로 고정한 SGD, 10에폭)으로 훈련한 실행입니다. 어느 쪽이든 두 모델은 시그모이드와 평균 풀링을 쓰는 같은 뼈대에 같은 Xavier 초기화를 쓰고, 다른 것은 배치 정규화 층의 유무와 첫 합성곱 층의 패딩(그래서 첫 완전 연결 층의 입력 크기)뿐입니다. 두 실행의 에폭별 검증 정확도(accuracy)와 첫 에폭의 손실을 나란히 놓습니다.
#
# 비교할 LeNet 실행은 `d2l.results_with_reference('cpu')`에서 고릅니다. 이 함수는 여러분이 직접 `cpu` 프로필로 실행해 기록한 실행을 먼저, 그다음에 패키지와 함께 오는 기준 실행을 돌려줍니다. 그래서 01 노트북을 `cpu` 프로필로 직접 실행했다면 그 기록(`results/cpu/01_lenet.json`)을, 아니면 기준 실행, 곧 2코어 CPU에서 `cpu` 프로필로 실행해 패키지에 넣어 둔 01 노트북의 실행을 씁니다(Colab처럼 저장소 없이 이 노트북만 열어도 됩니다). 셀의 첫 줄이 어느 쪽을 골랐는지 알려 줍니다. 이 노트북을 `book` 프로필(GPU)로 실행하면 `cpu` 기록 가운데 책의 방법으로 훈련한 LeNet 실행(01 노트북의 첫 실행)과 비교하므로, 훈련 방법은 같지만 장치는 다릅니다.

# %%
import pandas as pd

recorded = d2l.results_with_reference('cpu')  # 직접 실행한 cpu 기록이 먼저, 그다음 패키지의 기준 실행
lenet = recorded[recorded.notebook == '01_lenet']
# 같은 훈련 방법의 LeNet과 비교합니다: cpu면 01의 「같은 LeNet, 다른 훈련 방법」 실행, book이면 01의 본 실행
lenet = lenet[[d2l.recipe_name(s) == cfg.recipe.name for s in lenet['settings']]]
runs = {'BN-LeNet (간결, 이번 실행)': list(history), 'BN-LeNet (밑바닥, 이번 실행)': list(history_scratch)}
if len(lenet):
    chosen = lenet.iloc[0]  # 직접 실행이 있으면 그것, 없으면 기준 실행
    print(f'비교할 LeNet 실행: {chosen.origin}, 장치 {chosen.device}, '
          f'{chosen.epochs}에폭 뒤 검증 정확도 {chosen.val_acc:.3f}')
    runs['LeNet (01 노트북)'] = chosen.history
else:
    print('01_lenet의 기록을 찾지 못했습니다: 01_lenet 노트북을 cpu 프로필로 실행하면 비교할 수 있습니다.')
comparison = pd.DataFrame.from_dict({name: {'첫 에폭 훈련 손실': rows[0]['train_loss'],
                                            '첫 에폭 검증 정확도': rows[0]['val_acc'],
                                            '마지막 검증 정확도': rows[-1]['val_acc'],
                                            '에폭 수': len(rows)} for name, rows in runs.items()},
                                    orient='index')
comparison.round(3)

# %%
plot_labels = [d2l.label('BN-LeNet (간결)', 'BN-LeNet (concise)'),
               d2l.label('BN-LeNet (밑바닥)', 'BN-LeNet (scratch)'),
               d2l.label('LeNet, 배치 정규화 없음 (01)', 'LeNet, no BN (notebook 01)')]
fig, ax = plt.subplots(figsize=(6, 3.2))
for label, rows in zip(plot_labels, runs.values()):
    ax.plot([r['epoch'] for r in rows], [r['val_acc'] for r in rows], 'o-', label=label)
ax.axhline(0.1, ls=':', color='gray', label=d2l.label('무작위 추측 수준', 'chance level'))
ax.set(xlabel=d2l.label('에폭', 'epoch'), ylabel=d2l.label('검증 정확도', 'validation accuracy'), ylim=(0, 1))
ax.legend(fontsize=8, loc='lower right')
plt.show()

# %% [markdown]
# 같은 레시피로 훈련해도 차이는 첫 에폭부터 뚜렷합니다. 01 노트북에 저장된 `LeNet (cpu 레시피)` 실행(2코어 CPU)에서 배치 정규화가 없는 LeNet은 첫 에폭 뒤 검증 정확도가 약 0.61<!-- run 0.614 -->이고 8에폭 뒤에는 약 0.84<!-- run 0.838 -->입니다. 이 노트북에 저장된 실행(같은 기계, `cpu` 프로필)에서 BN-LeNet은 첫 에폭 뒤 이미 약 0.78<!-- run 0.783 -->이고, 곡선에서 보듯 3에폭째에 LeNet의 8에폭 결과를 넘어섭니다. 검증 정확도는 5에폭에 한 번 조금 내려갔다가 학습률이 줄어드는 마지막 에폭들에서 다시 올라, 8에폭 뒤 약 0.90<!-- run 0.896 -->으로 LeNet보다 0.06쯤 높습니다.
#
# 두 구현 모두 책의 값에 도달했습니다. 간결 구현은 책의 값(약 0.87)보다 0.03쯤, 밑바닥 구현은 책의 값(약 0.88)보다 0.015쯤 높습니다. 책보다 두 에폭 적은 8에폭으로 얻은 결과입니다. 두 구현은 훈련 모드의 계산이 같으니, 책의 두 값(0.87과 0.88)의 차이도 실행마다의 흔들림으로 보는 것이 자연스럽습니다. 실제로 이 실행에서 두 구현의 곡선은 거의 겹칩니다(첫 에폭 뒤 0.783<!-- run -->과 0.781<!-- run -->, 8에폭 뒤 0.896<!-- run -->과 0.895<!-- run -->).
#
# 표의 첫 에폭 훈련 손실은 두 모델 모두 레이블 스무딩을 넣은 목표로 잰 값이라 서로 견줄 수 있습니다. 레이블 스무딩을 넣어도 모든 클래스에 같은 확률을 주는 무작위 추측의 손실은 $\ln 10 \approx 2.30$ 그대로입니다. LeNet의 첫 에폭 평균(약 2.08<!-- run 2.084 -->)은 이 값에 가깝고, BN-LeNet(약 1.38<!-- run 1.380 -->)은 훨씬 일찍 배우기 시작합니다. 레이블 스무딩 0.1에서는 완벽하게 맞혀도 훈련 손실이 약 0.5 아래로 내려가지 않습니다. 검증 손실은 레이블 스무딩 없이 정답 레이블로 재므로 0 가까이 내려갈 수 있어, BN-LeNet의 `train_loss`가 `val_loss`보다 큰 것도 정상입니다.
#
# 두 실행은 옵티마이저, 학습률과 그 스케줄, 가중치 감쇠, 레이블 스무딩, 에폭 수가 모두 같으므로, 이 차이는 배치 정규화 층(과 첫 합성곱 층의 패딩)에서 온 것으로 읽을 수 있습니다. 두 모델 모두 파라미터마다 학습률을 조절하는 AdamW로 훈련했는데도 배치 정규화가 이만큼 더한다는 점도 눈여겨볼 만합니다. 다만 모델마다 한 번씩 실행한 비교입니다.
#
# ### 학습된 스케일과 시프트
#
# 학습된 첫 배치 정규화 층의 $\gamma$와 $\beta$를 봅니다. 처음 값(1과 0)에서 벗어나 있다면, 모델이 채널마다 "표준화 그대로"가 아닌 다른 스케일과 시프트를 골랐다는 뜻입니다.

# %%
pd.DataFrame({'gamma (스케일)': model.net[1].weight.tolist(),
              'beta (시프트)': model.net[1].bias.tolist()},
             index=[f'채널 {c}' for c in range(6)]).round(3).T

# %% [markdown]
# 이 노트북에 저장된 `cpu` 실행에서는 첫 층의 $\gamma$가 여섯 채널 모두 1보다 큰 약 1.3<!-- run 1.26 -->~1.9<!-- run 1.914 -->입니다. 표준화된 값을 그만큼 넓혀, 시그모이드의 거의 선형인 가운데 구간을 벗어나 비선형성을 더 쓰도록 배운 것으로 읽을 수 있습니다. 개념 절에서 $\gamma, \beta$가 필요한 이유로 든 예가 실제로 일어난 셈입니다. $\beta$는 채널마다 부호도 크기도 달라, 시그모이드의 어느 쪽 구간을 쓸지도 채널마다 따로 고릅니다.

# %% [markdown]
# ### 어떤 옷을 헷갈리는가
#
# 혼동 행렬(confusion matrix)로 어떤 옷을 어떤 옷과 헷갈리는지 봅니다. 행이 정답, 열이 예측이고, 대각선 밖의 큰 수가 자주 하는 실수입니다.

# %%
report = d2l.classification_report(model, data)

# %% [markdown]
# Fashion-MNIST의 전형적인 어려움이 그대로 보입니다. 이 노트북에 저장된 `cpu` 실행에서 셔츠(shirt)는 티셔츠·풀오버·코트와 실루엣이 비슷해서 클래스별 정확도가 가장 낮고(약 0.69<!-- run 0.693 -->), 가장 흔한 실수도 셔츠를 티셔츠로 본 것(128<!-- run -->장)입니다. 셔츠 다음으로 정확도가 낮은 것도 윗옷인 풀오버(0.826<!-- run -->)와 코트(0.838<!-- run -->)입니다. 바지·가방처럼 모양이 뚜렷한 클래스는 거의 틀리지 않고(0.97 이상<!-- run 0.970 -->), 신발 종류(샌들·스니커즈·앵클부츠)가 서로 섞이는 일은 혼동 행렬에서 확인해 보세요. 28×28 흑백의 작은 LeNet으로는 윗옷의 세부(단추, 깃, 소매 길이)를 구별하기 어렵다고 볼 수 있습니다. 아래는 틀린 예제 몇 개입니다(제목: 정답 → 예측).

# %%
d2l.show_misclassified(model, data, n=8)

# %% [markdown]
# ## 요약과 연습문제
#
# **요약**
#
# * 배치 정규화는 층의 출력을 미니배치 평균 $\hat{\mu}_\mathcal{B}$와 분산 $\hat{\sigma}^2_\mathcal{B}$로 표준화한 뒤, 학습되는 스케일 $\gamma$와 시프트 $\beta$로 표현력을 되찾습니다: $\mathrm{BN}(\mathbf{x}) = \gamma \odot (\mathbf{x} - \hat{\mu}_\mathcal{B})/\hat{\sigma}_\mathcal{B} + \beta$.
# * 완전 연결 층에서는 특성마다 배치 축으로, 합성곱 층에서는 채널마다 배치·높이·너비 축으로 통계를 냅니다. 파라미터는 층마다 $2C$개(완전 연결 층 뒤라면 $2d$개)입니다.
# * 훈련 모드는 미니배치 통계를, 예측 모드는 훈련 중 쌓은 지수 이동 평균 $v_t = \beta v_{t-1} + (1-\beta)\theta_t$를 씁니다. 창 크기는 약 $1/(1-\beta)$이고, PyTorch의 `momentum`은 $1-\beta$입니다(기본 0.1 → 약 10 미니배치).
# * 밑바닥 구현은 훈련 모드에서 PyTorch와 출력·기울기가 같고, 이동 분산만 다릅니다(PyTorch는 불편 분산 $\frac{m}{m-1}\hat{\sigma}^2_\mathcal{B}$로 갱신).
# * 이동 평균과 이동 분산은 0과 1에서 시작합니다. 통계를 하나도 보지 못한 층의 예측 모드가 항등 매핑이 되도록 고른 값입니다.
# * 배치가 작을수록 통계가 흔들리고, 완전 연결 층에서 배치 크기 1이면 출력이 $\beta$로 고정됩니다.
# * 층 정규화는 예제 하나 안의 모든 특성으로 평균과 분산을 내고 자기만의 $\gamma, \beta$를 곱하고 더합니다. 배치 크기와 상관없고 훈련·예측 모드의 구별도 없습니다.
# * 같은 훈련 레시피(AdamW)로 8에폭 훈련하면 배치 정규화가 없는 LeNet은 첫 에폭 뒤 검증 정확도가 약 0.61<!-- run 0.614 -->, 마지막에 약 0.84<!-- run 0.838 -->이고, BN-LeNet은 첫 에폭 뒤 이미 약 0.78<!-- run 0.783 -->, 마지막에 약 0.90<!-- run 0.896 -->입니다(결과 절의 표). 첫 합성곱 층의 패딩 말고는 배치 정규화 층의 유무만 다르므로, 적응형 옵티마이저 위에서도 배치 정규화가 이만큼 더한다고 읽을 수 있습니다.
#
# **토론과 더 나아가기**
#
# 배치 정규화는 깊은 신경망을 훈련하는 거의 기본 부품이 되었습니다. 07 ResNet 노트북의 잔차 블록도 합성곱마다 배치 정규화를 붙입니다. 그런데 왜 잘 되는지에 대한 설명은 여러 번 바뀌었습니다(「왜 정규화하는가」 절). 지금은 손실 지형을 매끄럽게 한다는 해석과 함께, 미니배치 잡음이 규제로 작용한다는 해석(Teye 등 2018, Luo 등 2018) 등이 거론됩니다. 효과는 분명한데 이유는 아직 다투는, 딥러닝에서 드물지 않은 경우입니다.
#
# 실무에서는 세 가지를 기억해 두면 좋습니다. 첫째, 예측 모드의 배치 정규화는 고정된 아핀 변환이므로 바로 앞의 합성곱이나 완전 연결 층의 가중치와 편향에 합쳐 넣을 수 있어, 배포할 때는 따로 드는 계산이 없습니다. 둘째, 훈련 모드와 예측 모드의 동작이 달라서 `model.eval()`을 빠뜨리는 실수가 흔하고(「함정: 모드를 무엇으로 정하는가」 절), 배치가 작으면 통계가 흔들립니다. 셋째, 그래서 배치가 작거나 예제마다 길이가 다른 경우(순환 신경망, 트랜스포머)에는 층 정규화가 널리 쓰이고, 채널을 몇 묶음으로 나눠 예제 안에서 정규화하는 그룹 정규화(Wu & He, 2018)도 있습니다.
#
# **연습문제**
#
# 먼저 스스로 풀어 본 뒤 [풀이 노트북](solutions/06_batch_norm_solutions.ipynb)과 맞춰 보세요.
#
# 1. `batch_norm`의 이동 분산 갱신을 PyTorch처럼 불편 분산으로 바꾸고, 「숫자로 확인」 절의 셀에서 이동 분산과 예측 모드 출력이 모두 일치하는지 확인해 보세요. *힌트: 채널 하나의 값 개수 $m$은 `X.numel() / X.shape[1]`이고, `var * m / (m - 1)`을 이동 평균에 넣으면 됩니다.* [풀이](solutions/06_batch_norm_solutions.ipynb#연습문제-1)
# 2. `BatchNorm`의 `moving_mean`, `moving_var`를 `self.register_buffer(...)`로 등록하고 `forward`의 장치 옮기기 코드를 지워 보세요. `state_dict()`에 무엇이 새로 나타나나요? *힌트: 버퍼는 `model.to(device)`를 따라 옮겨지고 저장·불러오기에도 포함됩니다.* [풀이](solutions/06_batch_norm_solutions.ipynb#연습문제-2)
# 3. `BatchNorm`이 모드를 `torch.is_grad_enabled()` 대신 `self.training`으로 정하도록 바꾸면 「함정: 모드를 무엇으로 정하는가」 절의 셀 결과가 어떻게 바뀌나요? *힌트: `batch_norm`에 모드를 알리는 인자를 하나 더 주고, `forward`에서 `self.training`을 넘기세요.* [풀이](solutions/06_batch_norm_solutions.ipynb#연습문제-3)
# 4. 결과 절의 `cpu` 비교는 공통 레시피에서 배치 정규화가 더하는 몫을 보여 줍니다. 책의 방법(`d2l.BOOK_RECIPE`, 학습률 0.1)으로도 두 모델을 비교해 보세요. 배치 정규화가 더하는 몫은 어느 방법에서 더 큰가요? *힌트: 이 노트북을 `book` 프로필로 실행하면 결과 절의 셀이 01 노트북의 책 방법 실행과 비교합니다. CPU에서 해 보려면 `BNLeNet`에서 배치 정규화 층을 뺀 모델(첫 합성곱 층에 패딩이 없는 LeNet)과 `BNLeNet`을 만들고, 모델을 만든 뒤 `d2l.BOOK_RECIPE.apply(model, data)`처럼 레시피를 붙이세요. `d2l.FashionMNIST(..., fraction=0.25)`처럼 데이터를 줄이면 빨리 비교할 수 있습니다.* [풀이](solutions/06_batch_norm_solutions.ipynb#연습문제-4)
# 5. 책의 방법에서 학습률을 0.1보다 키워 가면(예: 0.3, 1.0, 3.0) 배치 정규화가 없는 LeNet과 `BNLeNet`은 각각 어디까지 훈련되나요? 배치 정규화가 있으면 얼마나 큰 학습률까지 견디나요? *힌트: 학습률은 `BNLeNet(lr=1.0)`처럼 모델을 만들 때 줍니다. 손실이 `nan`이 되거나 검증 정확도가 0.1에 머물면 최적화가 실패한 것입니다.* [풀이](solutions/06_batch_norm_solutions.ipynb#연습문제-5)
# 6. 배치 정규화 바로 앞의 합성곱·완전 연결 층에서 편향을 빼면(`bias=False`) 파라미터 수와 정확도는 어떻게 되나요? 왜 그런가요? *힌트: 편향 $b$는 평균을 빼는 순간 $\hat{\mu}_\mathcal{B}$에 그대로 더해졌다 빠집니다. `nn.LazyConv2d(6, kernel_size=5, bias=False)`처럼 씁니다.* [풀이](solutions/06_batch_norm_solutions.ipynb#연습문제-6)
# 7. 배치 정규화를 활성화 함수 **뒤**에 두면(합성곱 → 시그모이드 → 배치 정규화) 결과가 달라지나요? *힌트: 시그모이드의 출력은 0과 1 사이라 평균이 0이 아닙니다. 배치 정규화를 앞에 두면 시그모이드가 받는 값의 범위를 정하고, 뒤에 두면 다음 층이 받는 값의 범위를 정합니다.* [풀이](solutions/06_batch_norm_solutions.ipynb#연습문제-7)
# 8. 배치 정규화가 모든 층에 필요할까요? `BNLeNet`에서 배치 정규화 층을 일부만 남긴 모델(예: 합성곱 층 뒤에만, 또는 첫 합성곱 층 뒤에만)을 만들어 같은 설정으로 훈련하고 비교하세요. *힌트: `nn.Sequential`에서 `nn.LazyBatchNorm1d()`를 빼면 됩니다.* [풀이](solutions/06_batch_norm_solutions.ipynb#연습문제-8)
# 9. 평균만 빼는 "가벼운" 배치 정규화($\boldsymbol{\gamma} \odot (\mathbf{x} - \hat{\boldsymbol{\mu}}_\mathcal{B}) + \boldsymbol{\beta}$)와 분산으로만 나누는 배치 정규화($\boldsymbol{\gamma} \odot \mathbf{x} / \hat{\boldsymbol{\sigma}}_\mathcal{B} + \boldsymbol{\beta}$)를 만들어 `BNLeNet`의 배치 정규화 층을 바꿔 보세요. 각각 어떻게 동작하나요? *힌트: `batch_norm`에서 `X_hat`을 계산하는 줄만 바꾸면 되고, 예측 모드에서도 같은 것을 빼거나 나눠야 합니다.* [풀이](solutions/06_batch_norm_solutions.ipynb#연습문제-9)
# 10. 스케일 $\gamma$와 시프트 $\beta$를 학습하지 않고 $\gamma = 1$, $\beta = 0$으로 고정한 채 훈련해 보세요. 정확도는 어떻게 되나요? 결과 절의 「학습된 스케일과 시프트」 표와 연결해 설명하세요. *힌트: `nn.LazyBatchNorm2d(affine=False)`와 `nn.LazyBatchNorm1d(affine=False)`는 $\gamma, \beta$가 없는 배치 정규화입니다.* [풀이](solutions/06_batch_norm_solutions.ipynb#연습문제-10)
# 11. 배치 정규화가 드롭아웃(dropout)을 대신할 수 있을까요? 배치 정규화 없이 완전 연결 층 뒤에 드롭아웃을 둔 LeNet, `BNLeNet`, 둘 다 쓴 모델을 같은 설정으로 훈련해 검증 정확도와, 훈련 손실과 검증 손실의 차이를 비교하세요. *힌트: 배치 정규화의 규제 효과는 미니배치 통계의 잡음에서 옵니다. 드롭아웃은 `nn.Dropout(0.5)`로 시그모이드 뒤에 넣습니다.* [풀이](solutions/06_batch_norm_solutions.ipynb#연습문제-11)
# 12. 배치 크기를 8, 32, 512로 바꿔 `BNLeNet`을 같은 에폭 수만큼 훈련해 보세요. 작은 배치와 큰 배치에서 무엇이 달라지나요? 인터랙티브 (나)의 그림과 연결해 설명해 보세요. *힌트: 배치가 커지면 에폭당 스텝 수도 줄어드므로 학습률도 함께 생각해야 합니다.* [풀이](solutions/06_batch_norm_solutions.ipynb#연습문제-12)
# 13. `BNLeNet`의 배치 정규화 층을 층 정규화로 바꿔 같은 설정으로 훈련해 보세요. 정확도는 어떻게 다르고, 훈련 모드에서 배치 크기 1을 넣으면 어떻게 되나요? *힌트: 합성곱 층 뒤에는 예제 하나의 모양을 넣은 `nn.LayerNorm((6, 24, 24))`, `nn.LayerNorm((16, 8, 8))`, 완전 연결 층 뒤에는 `nn.LayerNorm(120)`, `nn.LayerNorm(84)`를 씁니다.* [풀이](solutions/06_batch_norm_solutions.ipynb#연습문제-13)
# 14. 배치 정규화는 특성(채널)마다 따로 표준화하므로 특성 사이의 상관은 그대로 남습니다. 미니배치의 공분산 행렬 전체로 특성을 백색화(whitening)해 상관까지 없애면 무엇이 좋아지고 무엇이 어려워질까요? 책이 권하는 다른 정규화 변환도 생각해 보세요. 공분산 전체 대신 블록 대각 행렬처럼 더 간단한 행렬을 쓰거나, 값마다 자기 분포의 누적분포함수를 씌우는 확률 적분 변환(probability integral transform)으로 정규화하면 어떨까요? *힌트: 특성 $d$개의 공분산은 $d \times d$ 행렬이고, 백색화에는 그 역제곱근이 필요합니다. 미니배치 크기가 $d$보다 작으면 공분산 행렬은 어떻게 될까요?* [풀이](solutions/06_batch_norm_solutions.ipynb#연습문제-14)
