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
# # 밀집 연결 네트워크 DenseNet: 연습문제 풀이
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/solutions/08_densenet_solutions.ipynb)
#
# [08 DenseNet 노트북](../08_densenet.ipynb)에는 연습문제가 11개 있습니다. 여기서는 같은 번호 아래에 문제를 옮기고, 추론(식은 끝까지), 그것을 확인하는 코드, 출력에서 읽을 점을 이어서 둡니다. 스스로 풀어 본 다음에 맞춰 보는 데 쓰세요.
#
# **훈련 예산.** 문제 1, 7, 8, 10, 11의 훈련은 모두 줄인 예산입니다. 모델(32×32 입력, 스템 32채널, 성장률 16, 블록마다 단위 3개)과 레시피는 `cpu` 프로필 그대로이고, 훈련 15,000장·검증 2,500장으로 2에폭만 돌립니다. DenseNet 한 번이 2코어 CPU에서 10초 안팎이어서 노트북 전체가 2분 안에 끝납니다. 이 예산의 검증 정확도는 표준오차가 약 0.007이고($\sqrt{0.86 \times 0.14 / 2500}$), 두 실행의 차이는 그 $\sqrt{2}$배인 약 0.01만큼 흔들립니다(10 모든 모델 비교 노트북의 「잡음: 얼마나 달라야 "다르다"고 할까」 절과 같은 계산). 그래서 약 0.01보다 작은 차이는 구별하지 않고, 0.01과 그 두 배인 0.02 사이의 차이는 한 번씩의 짧은 실행으로는 확정하지 않습니다. 기준 설정을 시드만 바꿔 한 번 더 돌려 이 흔들림도 직접 봅니다(문제 1). 나머지 문제는 파라미터, 연산량, 활성값을 세어서 답합니다.
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
# 풀이에 쓰는 모델과 도구입니다. 본문의 모델은 `d2l.DenseNet`, `d2l.ResNet18`처럼 d2lmini에서 가져옵니다(DenseNet은 08 DenseNet 노트북의 「구현」 절, ResNet18은 07 ResNet 노트북과 같은 코드). 아래의 `DenseNet`은 `d2l.DenseNet`의 하위 클래스로, 단위를 만드는 함수와 전이 층의 풀링을 고르는 인자 두 개만 더했습니다. `short_run`은 줄인 예산의 훈련 한 번입니다.

# %%
import math

import pandas as pd
import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.checkpoint import checkpoint
import d2lmini as d2l


class DenseNet(d2l.DenseNet):
    """본문의 DenseNet에 인자 두 개를 더했습니다: unit(단위를 만드는 함수)과 pool(전이 층의 풀링)."""
    def __init__(self, num_channels=64, growth_rate=32, arch=(4, 4, 4, 4), lr=0.1,
                 num_classes=10, unit=d2l.conv_block, pool=nn.AvgPool2d):
        super().__init__(num_channels, growth_rate, arch, lr, num_classes)
        self.save_hyperparameters()
        for name, block in self.net.named_children():
            if name.startswith('dense_blk'):      # 같은 수의 단위를 unit으로 다시 만듭니다
                block.net = nn.Sequential(*[unit(growth_rate) for _ in block.net])
            elif name.startswith('tran_blk'):     # 전이 층의 마지막 층(풀링)만 바꿉니다
                block[-1] = pool(kernel_size=2, stride=2)


CPU = dict(num_channels=32, growth_rate=16, arch=(3, 3, 3, 3))    # cpu 프로필의 모델


def short_run(model, recipe=d2l.CPU_RECIPE, seed=0, resize=(32, 32)):
    """줄인 예산: 훈련·검증 데이터의 4분의 1로 2에폭. 나머지는 cpu 프로필의 훈련 셀과 같습니다."""
    trainer = d2l.Trainer(max_epochs=2, num_gpus=1, seed=seed, plot=False, progress=False)
    data = d2l.FashionMNIST(batch_size=128, resize=resize, fraction=0.25)
    recipe.apply(model, data)
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    history = trainer.fit(model, data)
    seconds = sum(history.column('seconds')) / len(history) * 4
    return {'val_acc': history.column('val_acc')[-1], '에폭당 초(6만 장)': round(seconds)}


def costs(model, shape=(1, 1, 32, 32)):
    return {'파라미터': d2l.num_params(model, shape), 'MFLOPs': round(d2l.count_flops(model, shape) / 1e6, 2)}


# %% [markdown]
# ## 연습문제 1
#
# *전이 층에서 최대 풀링 대신 평균 풀링을 쓰는 까닭은 무엇일까요?*
#
# 논문(Huang 등, 2017)은 전이 층을 "배치 정규화, $1\times1$ 합성곱, $2\times2$ 평균 풀링"으로 정했을 뿐 최대 풀링과 비교한 결과를 싣지 않았습니다. 그래서 아래는 구조에서 끌어낸 설명과 짧은 실험입니다.
#
# * **모든 특성을 고르게 전합니다.** 전이 층의 입력에는 블록 입력부터 마지막 단위까지의 특성이 모두 들어 있고, 다음 블록은 이것을 다시 쓰려고 합니다. 평균은 $2\times2$ 칸의 값을 모두 $\frac{1}{4}$씩 섞어 전하고, 최대는 한 칸의 값만 전합니다.
# * **기울기가 모든 칸에 갑니다.** 평균 풀링의 역전파는 네 칸에 기울기를 $\frac{1}{4}$씩 나누어 주지만, 최대 풀링은 가장 큰 한 칸에만 줍니다. 그래서 전이 층 앞의 특성 맵에서 기울기를 받는 위치가 4분의 1로 줄어듭니다. 아래 코드가 이 비율을 잽니다.
# * **$1\times1$ 합성곱과 순서를 바꿀 수 있습니다.** 평균 풀링도 $1\times1$ 합성곱도 선형이라 $\mathrm{AvgPool}(\mathrm{Conv}_{1\times1}(\mathbf{z})) = \mathrm{Conv}_{1\times1}(\mathrm{AvgPool}(\mathbf{z}))$입니다. 곧 전이 층은 "채널을 선형으로 섞어 줄이고 공간을 평균으로 줄이는" 압축 하나이고, 순서를 바꾸면 합성곱의 연산량이 4분의 1이 됩니다. 최대 풀링은 이런 성질이 없습니다.

# %%
z = torch.randn(8, 16, 8, 8, requires_grad=True)
for name, pool in (('평균 풀링', nn.AvgPool2d(2, 2)), ('최대 풀링', nn.MaxPool2d(2, 2))):
    grad, = torch.autograd.grad(pool(z).sum(), z)
    print(f'{name}: 기울기를 받는 입력 위치의 비율 {(grad != 0).float().mean():.2f}')

conv = nn.Conv2d(16, 4, kernel_size=1)
print('AvgPool(Conv1x1(z)) = Conv1x1(AvgPool(z)):',
      torch.allclose(F.avg_pool2d(conv(z), 2), conv(F.avg_pool2d(z, 2)), atol=1e-6))

results = {}
for seed in (0, 1):
    results[f'평균 풀링 (시드 {seed})'] = short_run(DenseNet(lr=0.002, **CPU), seed=seed)
results['최대 풀링 (시드 0)'] = short_run(DenseNet(lr=0.002, pool=nn.MaxPool2d, **CPU))
pd.DataFrame.from_dict(results, orient='index')   # 행마다 만들어 열의 형식(정수·실수)을 그대로 둡니다

# %% [markdown]
# 출력에서 읽을 것은 세 가지입니다. 평균 풀링은 입력의 모든 위치에 기울기를 주고, 최대 풀링은 그 0.25<!-- run -->, 곧 4분의 1에만 줍니다. 평균 풀링과 $1\times1$ 합성곱은 순서를 바꿔도 결과가 같습니다(`True`). 줄인 예산의 훈련에서는 최대 풀링이 0.8412<!-- run -->로, 같은 시드의 평균 풀링(0.8540<!-- run -->)보다 약 0.013 낮았습니다. 평균 풀링을 시드만 바꿔 돌린 실행(0.8492<!-- run -->)과 시드 0의 차이는 약 0.005입니다. 최대 풀링과의 차이는 0.01을 조금 넘지만 한 번씩의 짧은 실행이므로(맨 위의 **훈련 예산**), 8에폭 전체로도 그런지는 08 DenseNet 노트북의 `transition_block`을 바꿔 확인해 보세요.
#
# ## 연습문제 2
#
# *책의 DenseNet은 깊이가 비슷한 ResNet-18보다 파라미터가 훨씬 적습니다. 왜 그럴까요?*
#
# 합성곱 층의 파라미터는 입력 채널 × 출력 채널 × 9(에 편향)입니다. ResNet의 잔차 블록은 입력과 출력의 너비가 같으므로 합성곱 하나가 $9C^2 + C$로 **너비의 제곱**에 비례하고, 단계마다 너비를 두 배로 늘리므로 마지막 단계(512채널)에서 $9 \cdot 512^2 \approx 236$만 개씩 듭니다. DenseNet의 단위는 입력이 $w_i$채널이어도 출력이 성장률 $k = 32$채널뿐이라 $9 w_i k + k$로 **너비에 일차**이고, 전이 층이 채널을 반으로 줄여 가장 넓은 입력도 248채널을 넘지 않습니다. 그래서 마지막 블록의 단위 하나는 $9 \cdot 216 \cdot 32 + 32 = 62{,}240$개뿐입니다. 앞선 특성을 이어 붙여 다시 쓰므로 층마다 새 특성을 조금만 만들어도 되고, 이것이 적은 파라미터로 버틸 수 있는 까닭입니다(Huang 등, 2017).
#
# 아래 표는 두 모델을 단계마다 나란히 놓습니다(96×96 입력, 전이 층은 앞 블록에 더했습니다).

# %%
shape = (1, 1, 96, 96)
densenet, resnet = DenseNet(), d2l.ResNet18()
densenet.apply_init([torch.zeros(shape)])
resnet.apply_init([torch.zeros(shape)])
dense = [d2l.num_params(m) for m in densenet.net]
dense_stages = [dense[0], dense[1] + dense[2], dense[3] + dense[4], dense[5] + dense[6], dense[7], dense[8]]
pd.DataFrame({'ResNet-18': [d2l.num_params(m) for m in resnet.net], 'DenseNet (책)': dense_stages},
             index=['스템', '단계 1 / 블록 1 (+ 전이 층)', '단계 2 / 블록 2 (+ 전이 층)',
                    '단계 3 / 블록 3 (+ 전이 층)', '단계 4 / 블록 4', '헤드'])

# %% [markdown]
# 첫 단계에서는 두 모델의 파라미터가 거의 같습니다(ResNet-18 148,224<!-- run -->개, 밀집 블록 1과 전이 층 148,960<!-- run -->개). 차이는 뒤 단계에서 벌어집니다.
#
# ResNet-18은 너비를 두 배로 늘릴 때마다 파라미터가 약 네 배가 되어 마지막 단계만 8,395,264<!-- run -->개인데, DenseNet은 뒤 단계도 20만 개 안팎(블록 4는 195,008<!-- run -->개)에 머뭅니다. 파라미터의 차이는 거의 다 너비를 늘리는 방식에서 나옵니다.
#
# ## 연습문제 3
#
# *각 단위의 $3\times3$ 합성곱 앞에 $4k$채널의 $1\times1$ 병목을 두어 DenseNet-BC로 만들면 파라미터 수와 연산량은 어떻게 달라지나요?*
#
# 입력이 $w$채널인 단위 하나의 파라미터를 세어 봅니다.
#
# * **병목 없는 단위**(BN → ReLU → $3\times3$): $2w + 9wk + k$.
# * **병목 단위**(BN → ReLU → $1\times1$, $4k$채널 → BN → ReLU → $3\times3$): $2w + (4k \cdot w + 4k) + 2 \cdot 4k + (9 \cdot 4k \cdot k + k) = 2w + 4kw + 36k^2 + 13k$.
#
# 둘의 차이는 $(4kw + 36k^2 + 13k) - (9kw + k) = 36k^2 + 12k - 5kw$이므로, 병목 단위가 가벼운 것은 $5kw > 36k^2 + 12k$, 곧 $w > 7.2k + 2.4$일 때뿐입니다. $k = 32$면 입력이 233채널을 넘어야 합니다. 책의 DenseNet은 단위의 입력이 64~216채널이라 **병목을 넣으면 오히려 무거워집니다**. 병목은 단위가 수십 개라 입력이 수백~천 채널로 자라는 DenseNet-121 같은 모델을 위한 것입니다(문제 4). 연산량도 같은 식에 해상도를 곱한 것이라 같은 결론입니다.

# %%
def bottleneck_block(num_channels):
    """DenseNet-BC의 단위: BN → ReLU → 1x1(4k) → BN → ReLU → 3x3(k)."""
    return nn.Sequential(nn.LazyBatchNorm2d(), nn.ReLU(), nn.LazyConv2d(4 * num_channels, kernel_size=1),
                         nn.LazyBatchNorm2d(), nn.ReLU(),
                         nn.LazyConv2d(num_channels, kernel_size=3, padding=1))


shape = (1, 1, 96, 96)
pd.DataFrame.from_dict({'DenseNet (책, 병목 없음)': costs(DenseNet(), shape),
                        'DenseNet-BC (같은 구성 + 병목)': costs(DenseNet(unit=bottleneck_block), shape)},
                       orient='index')

# %% [markdown]
# 식의 예상대로 책의 구성에 병목을 넣으면 파라미터가 758,226<!-- run -->개에서 980,434<!-- run -->개로, 연산량이 258.15<!-- run --> MFLOPs에서 365.34<!-- run --> MFLOPs로 오히려 늘었습니다. 단위의 입력이 좁은 모델에서는 $1\times1$ 병목이 줄여 줄 것이 없고, $4k = 128$채널짜리 병목 층과 그 배치 정규화가 비용만 더합니다.
#
# ## 연습문제 4
#
# *DenseNet-121의 구성 (6, 12, 24, 16)으로, 병목 없이 `DenseNet(arch=(6, 12, 24, 16))`을 만들면 파라미터 수와 블록마다의 출력 채널은 어떻게 되나요? 표 1의 다른 변형은 무엇이 다른가요?*
#
# 블록의 출력 채널은 $c_0 + nk$, 전이 층은 그 절반입니다($k = 32$, 스템 64채널).
#
# * 블록 1: $64 + 6 \cdot 32 = 256$ → 전이 층 128
# * 블록 2: $128 + 12 \cdot 32 = 512$ → 전이 층 256
# * 블록 3: $256 + 24 \cdot 32 = 1024$ → 전이 층 512
# * 블록 4: $512 + 16 \cdot 32 = 1024$
#
# 블록 4의 입력은 512채널이고, 마지막 단위는 $512 + 15 \cdot 32 = 992$채널을 받습니다. 블록 3의 마지막 단위는 $256 + 23 \cdot 32 = 992$채널입니다. 문제 3의 기준(233채널)을 훨씬 넘으므로 이번에는 병목이 파라미터를 크게 줄일 것입니다. 아래에서 병목 없는 모델과 논문의 DenseNet-121(병목 있음, $\theta = 0.5$)을 비교합니다.

# %%
dense121 = DenseNet(arch=(6, 12, 24, 16))
dense121.layer_summary((1, 1, 96, 96))
shape = (1, 1, 96, 96)
pd.DataFrame.from_dict({'병목 없이 (6, 12, 24, 16)': costs(dense121, shape),
                        'DenseNet-121 (병목 있음)': costs(DenseNet(arch=(6, 12, 24, 16), unit=bottleneck_block), shape),
                        'DenseNet (책)': costs(DenseNet(), shape)}, orient='index')

# %% [markdown]
# 블록마다의 출력 채널이 손으로 계산한 대로 256, 512, 1024, 1024입니다. 병목 없는 모델은 파라미터가 9,850,890<!-- run -->개로 책의 DenseNet의 열 배가 넘고, 병목을 둔 DenseNet-121은 6,968,074<!-- run -->개로 약 30% 적습니다. 이번에는 단위의 입력이 최대 992채널까지 자라 병목이 이득입니다(논문의 DenseNet-121은 입력 3채널, 클래스 1,000개라 약 800만 개입니다). 연산량은 1,089.87<!-- run -->에서 1,011.86<!-- run --> MFLOPs로 조금만 줄었습니다. 연산량의 대부분을 차지하는 해상도 큰 블록 1·2의 단위는 입력이 좁아(64~480채널) 병목의 이득이 작거나 오히려 손해이기 때문입니다.
#
# **표 1의 다른 변형.** 논문의 DenseNet-169, -201, -264는 성장률 32, 스템 64채널, 병목, $\theta = 0.5$가 모두 DenseNet-121과 같고, 블록마다의 단위 수만 (6, 12, 32, 32), (6, 12, 48, 32), (6, 12, 64, 48)로 다릅니다. 그래서 `DenseNet(arch=(6, 12, 32, 32), unit=bottleneck_block)`처럼 `arch`만 바꾸면 만들 수 있습니다. 늘어나는 것은 해상도가 작은 블록 3·4의 단위이므로, 단위의 입력이 더 넓어져 병목의 이득은 커지고 연산량은 파라미터만큼 빠르게 늘지 않을 것입니다. 위의 셀에서 `arch`를 바꿔 확인해 보세요.
#
# ## 연습문제 5
#
# *책의 DenseNet 전체(96×96)가 저장하는 활성값을 재고 배치 128로 환산해 보세요. ResNet-18과 비교하면 어느 쪽이 큰가요? 입력을 224×224로 키우면 몇 배가 되나요?*
#
# 08 DenseNet 노트북의 `saved_activation_maps`는 해상도가 한 가지인 블록 하나를 채널 맵 개수로 셌습니다. 모델 전체는 단계마다 해상도가 다르므로, 저장하는 텐서의 **원소 수**를 그대로 더하도록 고칩니다. 예상은 이렇습니다. DenseNet은 파라미터가 15분의 1 정도이지만 해상도가 큰 앞쪽 블록에서 이어 붙인 텐서를 단위마다 새로 저장하므로, 활성값은 파라미터만큼 작지 않을 것입니다.

# %%
def saved_activation_elements(module, X):
    """순전파 한 번에 autograd가 역전파용으로 저장하는 활성값(4차원, 파라미터가 아닌 텐서)의 원소 수."""
    module(X)                                            # 지연 층의 모양을 먼저 정함
    params = {p.data_ptr() for p in module.parameters()}
    saved = {}

    def pack(t):
        if t.dim() == 4 and t.data_ptr() not in params:
            saved[t.data_ptr()] = t.numel()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        module(X)
    return sum(saved.values())


X = torch.randn(1, 1, 96, 96)
rows = {}
for name, model in (('DenseNet (책)', DenseNet()), ('ResNet-18', d2l.ResNet18())):
    elements = saved_activation_elements(model.train(), X)
    rows[name] = {'파라미터': d2l.num_params(model), '활성값 원소 (한 장)': elements,
                  '활성값 MiB (배치 128, float32)': round(elements * 128 * 4 / 2**20)}
pd.DataFrame(rows).T

# %% [markdown]
# 예상대로입니다. DenseNet은 파라미터가 ResNet-18의 15분의 1 정도인데도 저장하는 활성값은 이미지 한 장에 1,464,336<!-- run -->개로 ResNet-18(930,816<!-- run -->개)보다 약 1.6배 많습니다. 배치 128이면 float32로 약 715<!-- run --> MiB 대 454<!-- run --> MiB입니다. 파라미터 하나당 활성값으로 보면 차이는 훨씬 큽니다. "DenseNet이 메모리를 많이 쓴다"는 비판은 파라미터가 아니라 이 활성값을 두고 하는 말입니다.
#
# **224×224라면.** 책의 연습문제처럼 입력을 224×224로 키우면 특성 맵의 변이 $96 \to 48 \to 24 \to 12 \to 6 \to 3$ 대신 $224 \to 112 \to 56 \to 28 \to 14 \to 7$로 모든 단계에서 정확히 $7/3$배가 됩니다. 그래서 저장하는 활성값은 두 모델 모두 $(7/3)^2 = 49/9 \approx 5.4$배이고, 배치 128이면 DenseNet이 약 3.8GiB, ResNet-18이 약 2.4GiB입니다(위의 MiB 값에 $49/9$를 곱한 값). 비는 96×96일 때와 같은 약 1.6배입니다. 실제 GPU 메모리에는 파라미터, 기울기, 옵티마이저 상태, 합성곱의 작업 공간이 더해지므로, GPU가 있다면 `torch.cuda.max_memory_allocated()`로 한 스텝의 최대 메모리를 직접 재 보세요.
#
# ## 연습문제 6
#
# *DenseNet의 메모리를 줄이려면 프레임워크가 무엇을 해 주어야 할까요? `torch.utils.checkpoint`로 단위를 감싸 저장하는 활성값이 얼마나 줄어드는지 재 보세요.*
#
# 저장하는 활성값을 줄이는 길은 "저장하지 않고 역전파 때 다시 계산하기"입니다. 프레임워크가 해 주어야 할 일은 구간 하나의 순전파를 중간값을 저장하지 않고 돌린 뒤 역전파 때 다시 돌리는 **재계산**(PyTorch의 `torch.utils.checkpoint`)입니다. 다만 재계산할 구간을 어디까지로 잡느냐가 중요합니다. 이어 붙이기가 구간 밖에 있으면 그것이 만든 텐서가 단위마다 저장되기 때문입니다. Pleiss 등(2017)은 이어 붙이기까지 다시 계산하고, 다시 계산할 때 만드는 이어 붙인 텐서도 블록이 **공유하는 메모리** 하나에 두었습니다.
#
# 두 가지 방법을 재 봅니다. (가) 단위만 `checkpoint`로 감싸면 ReLU의 출력($w_i$채널)은 저장하지 않지만, 단위의 입력, 곧 `torch.cat`이 만든 이어 붙인 텐서는 여전히 단위마다 저장됩니다. 그러니 $\sum_i 2w_i$가 $\sum_i w_i$로 절반이 될 뿐 여전히 $n$에 대해 이차일 것입니다. (나) 이어 붙이기까지 `checkpoint` 안에 넣어 앞선 특성들을 따로따로 넘기면, 저장되는 것은 각 특성 한 번씩뿐입니다. 이것이 torchvision의 `memory_efficient=True`가 하는 방법입니다.

# %%
class CheckpointUnits(d2l.DenseBlock):
    """(가) 단위만 재계산: 이어 붙인 입력은 여전히 단위마다 저장됩니다."""
    def forward(self, X):
        for blk in self.net:
            X = torch.cat((X, checkpoint(blk, X, use_reentrant=False)), dim=1)
        return X


class CheckpointConcat(d2l.DenseBlock):
    """(나) 이어 붙이기까지 재계산: 앞선 특성을 따로 넘기므로 각 특성은 한 번만 저장됩니다."""
    def forward(self, X):
        features = [X]
        for blk in self.net:
            new = checkpoint(lambda *fs, blk=blk: blk(torch.cat(fs, dim=1)), *features, use_reentrant=False)
            features.append(new)
        return torch.cat(features, dim=1)


c0, k, n, size = 64, 32, 4, 24
X = torch.randn(1, c0, size, size, requires_grad=True)
reference = None
for name, cls in (('그대로', d2l.DenseBlock), ('(가) 단위만 재계산', CheckpointUnits),
                  ('(나) 이어 붙이기까지 재계산', CheckpointConcat)):
    torch.manual_seed(0)
    block = cls(n, k)
    maps = saved_activation_elements(block, X) // (size * size)
    if reference is None:
        reference = block
    else:
        block.load_state_dict(reference.state_dict())     # 같은 가중치로 결과가 같은지도 확인
    same = torch.allclose(block(X), reference(X), atol=1e-5)
    print(f'{name:<20}: 저장하는 활성값 {maps} 채널 맵, 출력이 그대로와 같은가: {same}')
print(f'식: 2·n·c0 + k·n·(n-1) = {2 * n * c0 + k * n * (n - 1)},  n·c0 + k·n·(n-1)/2 = '
      f'{n * c0 + k * n * (n - 1) // 2},  c0 + (n-1)·k = {c0 + (n - 1) * k}')

# %% [markdown]
# 측정이 세 식과 정확히 맞습니다. 그대로는 896<!-- run -->채널 맵, 단위만 재계산하면 절반인 448<!-- run -->채널 맵으로 여전히 $n$에 대해 이차이고, 이어 붙이기까지 재계산하면 160<!-- run -->채널 맵, 곧 블록 입력과 단위들의 새 특성(마지막 단위의 출력은 빼고)을 한 번씩만 저장해 $n$에 대해 일차가 됩니다. 세 방법 모두 출력은 같습니다(`True`). 대가는 역전파 때 BN·ReLU·합성곱(과 이어 붙이기)을 한 번 더 계산하는 시간입니다. 프레임워크 쪽에서 보면 재계산(`checkpoint`)만으로 충분하지만, 재계산할 구간에 이어 붙이기까지 넣어 앞선 특성을 따로 넘겨야 합니다. Pleiss 등(2017)의 공유 메모리는 재계산 때 잠깐 만드는 이어 붙인 텐서의 할당까지 줄이는, 한 걸음 더 나간 최적화입니다.
#
# ## 연습문제 7
#
# *`growth_rate`를 12나 24로 바꾸면 연산량, 에폭당 시간, 정확도가 어떻게 달라지나요?*
#
# 성장률 $k$는 두 곳에 들어갑니다. 단위의 출력이 $k$채널이고, 단위의 입력 $w_i = c_0 + (i-1)k$도 $k$에 따라 자랍니다. 그래서 단위의 파라미터 $9 w_i k$에는 $k$와 $k^2$ 항이 함께 있어, $k$를 1.5배로 하면 비용은 1.5배보다 조금 더, 2.25배보다는 덜 늘어날 것입니다. 전이 층과 헤드의 입력도 넓어집니다.

# %%
rows = {}
for k in (12, 16, 24):
    settings = dict(CPU, growth_rate=k)
    row = costs(DenseNet(**settings))
    row.update(results['평균 풀링 (시드 0)'] if k == 16 else short_run(DenseNet(lr=0.002, **settings)))
    rows[f'성장률 {k}' + (' (cpu 프로필)' if k == 16 else '')] = row
pd.DataFrame.from_dict(rows, orient='index')

# %% [markdown]
# 비용은 예상대로 $k$보다 빠르게, $k^2$보다는 느리게 늘었습니다. $k$를 16에서 24로 1.5배 하면 연산량은 5.06<!-- run -->에서 8.60<!-- run --> MFLOPs로 약 1.7배, 파라미터는 113,936<!-- run -->에서 228,695<!-- run -->개로 약 2.0배입니다.
#
# 에폭당 시간은 14초<!-- run -->, 12초<!-- run -->, 18초<!-- run -->로 연산량만큼 차이 나지 않고, 연산량이 가장 작은 성장률 12가 16보다 오히려 조금 느렸습니다. 성장률 12에서 24로 연산량이 약 2.4배가 되어도 시간은 약 1.3배입니다. 좁은 합성곱과 이어 붙이기는 계산 장치를 덜 바쁘게 쓰므로 연산량이 작아져도 시간이 그만큼 줄지 않습니다. 정확도는 성장률 12와 16이 0.8500<!-- run -->, 0.8540<!-- run -->으로 0.01 안이라 구별하지 않고, 성장률 24가 0.8676<!-- run -->으로 약 0.014 높습니다. 0.01을 조금 넘지만 한 번씩의 짧은 실행이므로, 8에폭 전체로도 그런지는 08 DenseNet 노트북에서 확인해 보세요.
#
# ## 연습문제 8
#
# *`arch`를 `(2, 2, 2, 2)`나 `(6, 6, 6, 6)`으로 바꾸면 어떻게 되나요? 성장률을 바꿀 때와 비용이 늘어나는 방식이 어떻게 다른가요?*
#
# 블록의 단위 수 $n$을 늘리면 단위마다 입력이 $k$채널씩 더 넓어지므로 블록의 파라미터 $\sum_i (9 w_i k + \ldots)$가 $n$에 대해 **이차**로 늘어납니다($\sum_{i=1}^{n} w_i = n c_0 + k\,n(n-1)/2$). 블록의 출력 채널도 $c_0 + nk$로 늘어 다음 블록의 $c_0$까지 커집니다. 성장률은 단위 수를 그대로 두고 단위마다의 너비를 바꾸고, 단위 수는 깊이를 바꿉니다. 깊이가 늘면 층을 차례로 계산해야 하므로 같은 연산량이라도 시간이 더 걸리기 쉽습니다.

# %%
rows = {}
for arch in ((2, 2, 2, 2), (3, 3, 3, 3), (4, 4, 4, 4), (6, 6, 6, 6)):
    settings = dict(CPU, arch=arch)
    row = costs(DenseNet(**settings))
    row.update(results['평균 풀링 (시드 0)'] if arch == CPU['arch'] else short_run(DenseNet(lr=0.002, **settings)))
    rows[f'arch={arch}' + (' (cpu 프로필)' if arch == CPU['arch'] else '')] = row
pd.DataFrame.from_dict(rows, orient='index')

# %% [markdown]
# `(2, 2, 2, 2)`는 파라미터 55,914<!-- run -->개, 연산량 3.11<!-- run --> MFLOPs로 `cpu` 프로필 `(3, 3, 3, 3)`의 약 0.49배와 0.61배이고 에폭당 약 9초<!-- run -->입니다. `(4, 4, 4, 4)`는 파라미터 192,846<!-- run -->개, 연산량 7.57<!-- run --> MFLOPs로 약 1.7배와 1.5배이고 에폭당 약 18초<!-- run -->, `(6, 6, 6, 6)`은 파라미터 413,330<!-- run -->개, 연산량 14.28<!-- run --> MFLOPs로 약 3.6배와 2.8배이고 에폭당 약 28초<!-- run -->입니다.
#
# 성장률과 견주면 파라미터와 연산량이 늘어나는 비율은 비슷합니다. 같은 1.5배에서 성장률 16 → 24는 파라미터 약 2.0배, 연산량 약 1.7배였고(문제 7), 단위 수 2 → 3은 약 2.0배와 1.6배, 4 → 6은 약 2.1배와 1.9배입니다. 둘 다 단위의 입력 $w_i$를 넓혀 제곱 항을 만들기 때문입니다. 다른 것은 시간입니다. 단위 수를 2에서 6으로 세 배 하면 에폭당 시간도 9초<!-- run -->에서 28초<!-- run -->로 약 세 배가 되지만, 성장률은 연산량을 약 2.4배로 늘려도 시간이 14초<!-- run -->에서 18초<!-- run -->로 조금만 늘었습니다. 연산량이 비슷한 `(2, 2, 2, 2)`(3.11<!-- run --> MFLOPs)와 성장률 12(3.65<!-- run --> MFLOPs)도 9초<!-- run --> 대 14초<!-- run -->로, 층이 많은 쪽이 더 걸렸습니다. 이 작은 모델의 시간은 연산량보다 차례로 계산해야 하는 층의 수를 따라갑니다.
#
# 정확도는 단위가 많을수록 높았습니다. `(2, 2, 2, 2)`는 0.8288<!-- run -->로 `cpu` 프로필(0.8540<!-- run -->)보다 뚜렷이 낮고, `(4, 4, 4, 4)`(0.8596<!-- run -->)는 0.01 안이라 구별하지 않으며, `(6, 6, 6, 6)`은 0.8700<!-- run -->으로 약 0.016 높습니다. 0.01을 넘지만 한 번씩의 짧은 실행이므로 확정하지는 않습니다. 또 `(6, 6, 6, 6)`은 에폭당 시간이 `cpu` 프로필의 두 배가 넘습니다(28초<!-- run --> 대 12초<!-- run -->).
#
# ## 연습문제 9
#
# *`d2l.recipe.parameter_groups(model, 0.05)`가 돌려주는 두 묶음에 파라미터가 각각 몇 개씩 들어가나요?*
#
# 가중치 감쇠를 거는 묶음은 합성곱과 완전 연결 층의 가중치, 걸지 않는 묶음은 편향과 배치 정규화의 $\gamma, \beta$입니다. `cpu` 프로필의 DenseNet에서 배치 정규화는 스템 1개, 단위 12개, 전이 층 3개, 헤드 1개로 17개이고, 채널 $c$인 배치 정규화마다 $2c$개가 감쇠를 걸지 않는 묶음에 들어갑니다. 합성곱의 편향은 합성곱마다 출력 채널 수만큼입니다. 세어 보면 둘째 묶음이 전체의 몇 퍼센트인지 알 수 있습니다.

# %%
model = DenseNet(**CPU)
model.apply_init([torch.zeros(1, 1, 32, 32)])
groups = d2l.recipe.parameter_groups(model, 0.05)
counts = [sum(p.numel() for p in group['params']) for group in groups]
bn = sum(m.weight.numel() + m.bias.numel() for m in model.modules() if isinstance(m, nn.BatchNorm2d))
print(f"감쇠를 거는 묶음 (weight_decay={groups[0]['weight_decay']}): 텐서 {len(groups[0]['params'])}개, "
      f'파라미터 {counts[0]:,}')
print(f"걸지 않는 묶음 (weight_decay={groups[1]['weight_decay']}): 텐서 {len(groups[1]['params'])}개, "
      f'파라미터 {counts[1]:,} (그 가운데 배치 정규화의 γ, β {bn:,})')
print(f'전체 {d2l.num_params(model):,} 가운데 감쇠를 걸지 않는 몫: {counts[1] / sum(counts):.1%}')

# %% [markdown]
# 감쇠를 거는 묶음은 합성곱 16개와 완전 연결 층 1개의 가중치, 곧 텐서 17<!-- run -->개에 파라미터 111,444<!-- run -->개입니다. 걸지 않는 묶음은 텐서 51<!-- run -->개(배치 정규화 17개의 $\gamma, \beta$ 34개, 합성곱 편향 16개, 완전 연결 층 편향 1개)에 파라미터 2,492<!-- run -->개이고, 그 가운데 2,128<!-- run -->개가 배치 정규화입니다. 전체의 2.2%<!-- run -->뿐이지만, 이 값들은 각 채널의 시프트와 스케일을 정하므로 0으로 당기면 배치 정규화가 하는 일을 방해합니다.
#
# ## 연습문제 10
#
# *`d2l.CPU_RECIPE.replace(weight_decay=0)`으로 가중치 감쇠를 끄고 훈련하면 정확도가 어떻게 달라지나요?*
#
# 가중치 감쇠 0.05는 AdamW에서 스텝마다 가중치에 $(1 - \text{학습률} \times 0.05)$를 곱해 0 쪽으로 당깁니다. 8에폭처럼 짧은 훈련에서는 과대적합이 크지 않으므로 효과도 작을 것입니다. 10 모든 모델 비교 노트북의 「훈련 레시피」 절이 ResNet으로 잰 표에서 가중치 감쇠를 더한 몫은 0.005보다 작았습니다. 줄인 예산에서 한 번 재 봅니다.

# %%
results['가중치 감쇠 0 (시드 0)'] = short_run(DenseNet(lr=0.002, **CPU), recipe=d2l.CPU_RECIPE.replace(weight_decay=0))
pd.DataFrame.from_dict({name: row for name, row in results.items() if not name.startswith('최대')}, orient='index')

# %% [markdown]
# 가중치 감쇠를 끈 실행은 0.8608<!-- run -->로 같은 시드의 기준(0.8540<!-- run -->)보다 약 0.007 높습니다. 시드만 바꾼 두 실행의 차이(0.8540 대 0.8492<!-- run -->, 약 0.005)보다는 크지만, 두 실행의 차이가 흔들리는 크기(약 0.01, 맨 위의 **훈련 예산**) 안이라 이 예산에서는 가중치 감쇠의 효과라고 말할 수 없습니다. 에폭당 시간은 기준이 12초<!-- run -->, 감쇠를 끈 실행이 14초<!-- run -->입니다. 감쇠를 끈다고 계산이 늘지는 않으므로, 이 차이는 짧은 실행에서 시간이 흔들리는 폭으로 봅니다(문제 7에서도 연산량이 더 작은 성장률 12가 16보다 느렸습니다). 효과가 작다는 것은 예상과 맞습니다. 가중치 감쇠는 과대적합을 누르는 규제(regularization)라, 훈련이 짧아 과대적합이 작으면 할 일이 적습니다.
#
# ## 연습문제 11
#
# *밀집 연결을 MLP에 적용해, 같은 깊이의 보통 MLP와 파라미터 수와 정확도를 비교해 보세요.*
#
# 완전 연결 층에서도 밀집 연결은 그대로입니다. 층 $i$는 지금까지의 특성 $[\mathbf{x}, \mathbf{h}_1, \ldots, \mathbf{h}_{i-1}]$을 받아 새 특성 $k$개를 내고, 그것을 이어 붙입니다. 입력이 784차원이면 층 $i$의 가중치는 $(784 + (i-1)k) \times k$개입니다. 비교할 보통 MLP는 같은 층 수에 파라미터 수가 비슷하도록 은닉층의 너비를 고릅니다. 밀집 MLP의 마지막 층은 입력 픽셀 784개와 모든 은닉 특성을 함께 보므로, 로지스틱 회귀와 MLP를 합친 모델처럼 볼 수 있습니다.

# %%
class DenseLinearBlock(nn.Module):
    """완전 연결 층의 밀집 블록: 층마다 ReLU(Linear(지금까지의 특성))로 새 특성 k개를 내고 이어 붙입니다."""
    def __init__(self, num_layers, k):
        super().__init__()
        self.net = nn.Sequential(*[nn.Sequential(nn.LazyLinear(k), nn.ReLU()) for _ in range(num_layers)])

    def forward(self, X):
        for layer in self.net:
            X = torch.cat((X, layer(X)), dim=1)
        return X


class DenseMLP(d2l.Classifier):
    def __init__(self, num_layers=4, k=64, lr=0.002, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(nn.Flatten(), DenseLinearBlock(num_layers, k), nn.LazyLinear(num_classes))


class PlainMLP(d2l.Classifier):
    def __init__(self, num_layers=4, width=128, lr=0.002, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        layers = [nn.Flatten()]
        for _ in range(num_layers):
            layers += [nn.LazyLinear(width), nn.ReLU()]
        self.net = nn.Sequential(*layers, nn.LazyLinear(num_classes))


rows = {}
for name, model in (('밀집 MLP (층 4개, k = 64)', DenseMLP()), ('보통 MLP (층 4개, 너비 176)', PlainMLP(width=176))):
    rows[name] = {'파라미터': d2l.num_params(model, (1, 1, 28, 28))}
    rows[name].update(short_run(model, resize=(28, 28)))
pd.DataFrame.from_dict(rows, orient='index')

# %% [markdown]
# 파라미터를 거의 맞춘 두 모델(235,946<!-- run -->개, 233,386<!-- run -->개) 가운데 이 예산에서는 보통 MLP가 0.8312<!-- run -->로 밀집 MLP(0.8220<!-- run -->)보다 약 0.009 높았습니다. 0.01 안이라 어느 쪽이 낫다고 구별하지는 않지만, 적어도 밀집 연결이 이 MLP에 이득을 주지는 않았습니다. 층이 네 개뿐인 MLP에는 기울기가 닿기 어려운 깊은 층이 없으므로 밀집 연결이 덜어 줄 어려움도 없습니다. 또 밀집 MLP의 층은 입력의 대부분이 원래 픽셀 784개라 파라미터의 대부분을 픽셀을 다시 읽는 데 쓰고 새 특성은 64개만 만드는 반면, 보통 MLP의 층은 새 특성을 176개씩 만듭니다. 밀집 연결의 이득은 층이 많아 앞선 특성을 다시 쓸 일이 많을 때 나타난다고 볼 수 있습니다. 한 번씩의 짧은 실행이므로, 층 수를 8이나 16으로 늘려 다시 비교해 보세요.
