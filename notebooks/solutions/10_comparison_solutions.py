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
# # 모든 모델을 나란히: 연습문제 풀이
#
# [![Colab에서 열기](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/d2lmini/d2lmini/blob/main/notebooks/solutions/10_comparison_solutions.ipynb)
#
# [10 모든 모델 비교 노트북](../10_comparison.ipynb)의 연습문제 열한 개를 같은 번호로 풉니다. 문제마다 먼저 스스로 답을 내 보고 나서 읽기를 권합니다. 풀이는 생각(식은 끝까지 씁니다), 그것을 확인하는 코드, 출력 읽기의 순서입니다.
#
# **무엇을 읽고 무엇을 훈련하나.** 연습문제 1~5와 7은 훈련하지 않고 답합니다. 1~5는 패키지와 함께 오는 기준 실행(`d2l.reference_results('cpu')`)을 읽으므로 어디서 열어도 같은 답이 나오고(연습문제 3에서 그 자리에서 재는 합성곱 층 세 줄만 실행마다 조금씩 다릅니다), 7은 `book` 기록이 있을 때만 그것을 읽습니다. 훈련이 필요한 6, 8~11은 본문의 ResNet 대신 06 노트북의 BN-LeNet(2코어 CPU에서 가장 빨리 훈련되는 모델 가운데 하나)이나 본문의 작은 LeNet을 쓰고, 데이터를 4분의 1 이하로 줄여 2코어 CPU에서 노트북 전체가 2분 안에 끝나게 합니다. 문제마다 그 예산을 밝힙니다. 줄인 예산의 숫자는 본문의 숫자와 직접 견주지 않고, 같은 예산 안의 차이만 읽습니다.

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
# 기준 실행 가운데 같은 레시피·같은 예산으로 훈련한 모델 실행(`d2l.same_budget`)을 읽고, 본문처럼 그림용 짧은 이름(`tag`)과 초당 연산량의 어림값(GFLOP/s)을 붙입니다. 잡음의 기준 `NOISE`도 본문과 같은 0.005입니다.

# %%
import math
import time

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import torch
from IPython.display import display
from torch import nn

import d2lmini as d2l

NOISE = 0.005
runs = d2l.same_budget(d2l.reference_results('cpu')).reset_index(drop=True)
runs['tag'] = [d2l.run_tag(r.notebook, r.label, r.model) for r in runs.itertuples()]
runs['gflops_per_s'] = 3 * runs['flops'] * runs['img_per_s'] / 1e9
display(runs[['tag', 'resize', 'params', 'flops', 'minutes', 'img_per_s', 'gflops_per_s', 'val_acc',
              'book_figure']].round(4).set_index('tag'))

# %% [markdown]
# ## 연습문제 1
#
# **연산량 전선, 지배, 그리고 파라미터 전선.**
#
# *생각.* 연산량이 작은 것부터 훑으며 지금까지보다 정확한 실행만 남기면 전선입니다(`d2l.pareto_front`). 전선 아래의 모델 $B$를 지배하는 모델 $A$는 "연산량이 $B$ 이하이면서 정확도가 $B$ 이상"인 실행이고, 그 지배가 잡음을 넘는지는 정확도 차이가 0.005 이상인지로 봅니다. 파라미터 수로 축을 바꾸면 순서가 달라지므로 지배 관계도 달라질 수 있습니다.

# %%
def front_table(cost):
    """cost 축의 파레토 전선과, 점마다 바로 앞 점보다 더 정확한 정도와 그 차이가 잡음 안인지를 적은 표."""
    front = d2l.pareto_front(runs, cost).reset_index(drop=True)
    gain = front['val_acc'].diff()
    return pd.DataFrame({'전선의 점': front['tag'], cost: front[cost], 'val_acc': front['val_acc'],
                         '앞 점보다': gain.round(4),
                         '잡음 안인가': ['' if pd.isna(g) else ('예' if g < NOISE else '아니오') for g in gain]})


def dominators(cost):
    """전선 밖의 실행마다, 그것을 지배하는 실행 가운데 가장 정확한 것과 그 차이."""
    on_front = set(d2l.pareto_front(runs, cost)['tag'])
    rows = []
    for run in runs[~runs['tag'].isin(on_front)].itertuples():
        better = runs[(runs[cost] <= getattr(run, cost)) & (runs['val_acc'] >= run.val_acc)
                      & (runs['tag'] != run.tag)]
        if len(better):
            top = better.loc[better['val_acc'].idxmax()]
            rows.append({'전선 밖': run.tag, '지배하는 실행': top['tag'],
                         '정확도 차이': round(top['val_acc'] - run.val_acc, 4),
                         '잡음을 넘는가': '예' if top['val_acc'] - run.val_acc >= NOISE else '아니오'})
    return pd.DataFrame(rows)


for cost in ('flops', 'params'):
    print(f'[{cost}] 전선')
    display(front_table(cost))
    display(dominators(cost))

# %% [markdown]
# *읽기.* 첫 표가 연산량 전선입니다. "잡음 안인가"가 "예"인 점은 바로 앞 점보다 연산량을 더 쓰고도 0.005 넘게 정확하지 않으므로, 전선 위에 있어도 "더 낫다"고 읽지 않습니다. 이 기록에서는 그런 점이 없습니다. 다만 RegNetX-32에서 DenseNet으로 가는 차이(0.0053<!-- run -->)는 0.005를 겨우 넘습니다.
#
# 둘째 표는 전선 밖의 실행마다 그것을 지배하는 가장 정확한 실행입니다. 예를 들어 VGG는 연산량이 조금 더 적은 DenseNet에게 지배되지만 정확도 차이는 0.0015<!-- run -->로 0.005 안이라, 두 실행 사이에 확실한 것은 "DenseNet이 연산량이 조금 적다"뿐입니다. AlexNet도 DenseNet에게 0.0045<!-- run --> 차이로 지배되어 같은 경우입니다. GoogLeNet을 지배하는 BN-LeNet(간결)도 정확도로는 0.0030<!-- run --> 앞설 뿐이고, 확실한 것은 연산량이 훨씬 적다는 것입니다.
#
# 파라미터 전선(셋째·넷째 표)에서는 지배 관계가 바뀝니다. 파라미터는 해상도와 상관없고 연산량은 해상도에 따라 커지므로, 작은 해상도로 훈련한 모델은 연산량 축에서 유리하고 파라미터 축에서는 그 이점을 잃기 쉽습니다. 24px의 RegNetX-32가 그렇습니다. 연산량 축에서는 전선 위에 있지만, 파라미터 축에서는 DenseNet에게 0.0053<!-- run --> 차이로 지배됩니다(0.005를 겨우 넘는 차이입니다). 연산량 축에서는 잡음 안의 차이로만 지배되던 AlexNet과 VGG(파라미터가 가장 많은 두 모델)는 파라미터 축에서 ResNet에게 각각 0.0164<!-- run -->, 0.0134<!-- run --> 차이로, 잡음을 넘게 지배됩니다. 거꾸로 67px의 NiN은 파라미터로 줄 세우면 연산량으로 줄 세울 때보다 적은 쪽으로 옮겨 가지만, 두 축 모두에서 연산량도 파라미터도 더 적은 DenseNet에게 0.0055<!-- run --> 차이로 지배됩니다.

# %% [markdown]
# ## 연습문제 2
#
# **예산을 줄여 가며 답이 바뀌는 지점.**
#
# *생각.* 시간 상한이 가장 크면 연산량 상한만 남습니다. 상한을 실행들의 연산량에 하나씩 맞추며 줄이면, 답(예산 안에서 가장 정확한 실행)은 상한이 그 답의 연산량 아래로 내려갈 때만 바뀝니다. 새 답은 남은 실행 가운데 가장 정확한 것이므로, 답이 바뀌는 지점들을 모으면 연산량 전선을 큰 쪽에서부터 거꾸로 훑은 것과 같습니다.

# %%
changes, answer, ties = [], None, set()
for cap in sorted(runs['flops'].unique(), reverse=True):
    inside = runs[runs['flops'] <= cap]
    best = inside.loc[inside['val_acc'].idxmax()]
    if answer is None or best['tag'] != answer['tag']:
        changes.append({'연산량 상한 (M)': round(cap / 1e6, 2), '답': best['tag'],
                        'val_acc': best['val_acc'],
                        '새 답이 이전 답의 잡음 안 목록에 있었나': ('' if answer is None else
                                                        ('예' if best['tag'] in ties else '아니오'))})
        answer = best
        ties = set(inside[(inside['val_acc'] > best['val_acc'] - NOISE)
                          & (inside['tag'] != best['tag'])]['tag'])
changes = pd.DataFrame(changes)
display(changes)
front = list(d2l.pareto_front(runs, 'flops')['tag'])
print('답이 바뀐 실행(거꾸로):', list(changes['답'])[::-1])
print('연산량 전선          :', front)
print('같은가:', list(changes['답'])[::-1] == front)

# %% [markdown]
# *읽기.* 마지막 줄이 "같은가: True"이므로 답이 바뀌는 지점들은 연산량 전선과 정확히 같습니다. 표의 마지막 열은 답이 바뀌기 전부터 새 답이 이전 답과 0.005 안(인터랙티브 (나)의 "잡음 안이라 구별되지 않는 실행" 줄)에 있었는지입니다. 이 기록에서는 모든 지점이 "아니오"입니다. 연산량 상한을 15.80<!-- run -->M에서 8.15<!-- run -->M, 5.04<!-- run -->M, 3.83<!-- run -->M으로 줄여 가면 답이 ResNet → DenseNet → RegNetX-32 → BN-LeNet(간결)으로 바뀌고, 그때마다 0.005 넘게 정확도를 잃습니다(0.0119<!-- run -->, 0.0053<!-- run -->, 0.0103<!-- run -->, 연습문제 1의 전선 표). 곧 연산량을 줄이고도 정확도를 잃었다고 말할 수 없는 지점은 없습니다. 다만 DenseNet → RegNetX-32의 차이는 0.005를 겨우 넘고, 두 실행의 연산량은 거의 같습니다(준비 셀의 `flops` 열).

# %% [markdown]
# ## 연습문제 3
#
# **GFLOP/s가 가장 큰 모델과 가장 작은 모델.**
#
# *생각.* 본문의 GFLOP/s(추정)는 $3 \times \text{FLOPs} \times \text{img/s}$입니다. 같은 CPU에서 이 값이 다르다는 것은 모델마다 CPU의 계산 장치를 채우는 정도가 다르다는 뜻입니다. 합성곱 하나는 행렬 곱 하나로 바뀌는데, 출력 채널 수와 (입력 채널 × 커널 크기)가 그 행렬의 두 변입니다. 채널이 수십 개 이상이면 행렬이 커서 벡터 연산을 꽉 채우고, 채널이 6이나 16이면 행렬이 작아 계산보다 데이터를 옮기고 층을 부르는 고정 비용이 더 듭니다. 그룹 합성곱은 큰 합성곱을 작은 행렬 곱 여러 개로 쪼개므로 같은 까닭으로 느립니다.
#
# *코드.* 기록에서 두 끝을 찾고, 채널만 다른 합성곱 층 세 개의 순전파를 직접 재어 같은 효과를 봅니다(배치 128, $28\times28$, float32).

# %%
ordered = runs.sort_values('gflops_per_s')
for run in (ordered.iloc[-1], ordered.iloc[0]):
    print(f"{run['tag']}: {run['gflops_per_s']:.1f} GFLOP/s, 연산량 {run['flops'] / 1e6:.2f}M, "
          f"초당 {run['img_per_s']:,.0f}장")

X = torch.randn(128, 64, 28, 28)
for c_in, c_out, groups in ((6, 16, 1), (64, 64, 1), (64, 64, 16)):
    layer = nn.Conv2d(c_in, c_out, kernel_size=3, padding=1, groups=groups)
    x = X[:, :c_in]
    with torch.no_grad():
        layer(x)                                     # 준비(처음 한 번은 재지 않음)
        start = time.perf_counter()
        for _ in range(5):
            layer(x)
        seconds = (time.perf_counter() - start) / 5
    flops = 2 * (c_in // groups) * c_out * 9 * 28 * 28 * 128
    print(f'Conv2d({c_in}→{c_out}, 3x3, groups={groups}): {flops / seconds / 1e9:6.1f} GFLOP/s')

# %% [markdown]
# *읽기.* 기록에서 가장 큰 값은 ResNet(235.8<!-- run --> GFLOP/s)이고 가장 작은 값은 BN-LeNet(밑바닥, 18.0<!-- run -->)으로 10배 넘게 차이 납니다. ResNet의 합성곱은 64채널과 128채널이고, BN-LeNet의 합성곱은 6채널과 16채널입니다. 직접 잰 세 줄도 같은 모양입니다(값은 실행할 때마다 조금씩 다릅니다). 채널이 6→16인 합성곱은 64→64인 합성곱보다 초당 연산량이 몇 배 작고, 같은 64채널이라도 그룹 16으로 쪼개면 채널이 적은 합성곱 수준이나 그 아래로 떨어집니다. 그래서 연산량이 AlexNet보다 적은 RegNetX-32가 AlexNet보다 두 배 넘게 오래 걸렸습니다(본문 「결과 읽기」).
#
# 밑바닥 BN-LeNet은 간결한 BN-LeNet과 구조, 연산량, 계산 방법(둘 다 bf16, 본문의 설정 목록)이 같은데도 GFLOP/s가 더 낮습니다(18.0<!-- run --> 대 29.1<!-- run 29.1295 -->). 직접 만든 배치 정규화가 작은 텐서 연산을 여러 번 부르고, 그 계산은 연산량에 세지 않기 때문입니다.

# %% [markdown]
# ## 연습문제 4
#
# **마지막 에폭에 가장 많이 오른 모델, 그리고 에폭을 늘리면.**
#
# *생각.* 원사이클 스케줄은 마지막 에폭에 학습률을 거의 0까지 내리므로, 마지막 에폭의 증가는 원래 작아지게 되어 있습니다. 그러니 마지막 에폭의 증가가 잡음(0.005)보다 크다면 아직 배울 것이 남았다는 신호이고, 그보다 작다면 그 증가만으로는 말할 수 없습니다. 에폭을 늘리면 스케줄 전체가 늘어나(최고 학습률 근처의 스텝도 늘어남) 끝의 값이 더 오를 수 있습니다.

# %%
rising = pd.DataFrame({
    '실행': runs['tag'],
    '마지막 세 에폭': [', '.join(f"{h['val_acc']:.4f}" for h in history[-3:]) for history in runs['history']],
    '마지막 에폭의 증가': [round(h[-1]['val_acc'] - h[-2]['val_acc'], 4) for h in runs['history']],
    '책의 값보다': (runs['val_acc'] - pd.to_numeric(runs['book_figure'], errors='coerce')).round(3),
    '훈련 시간(분)': runs['minutes'],
}).sort_values('마지막 에폭의 증가', ascending=False)
display(rising.set_index('실행'))

# %% [markdown]
# *읽기.* 위쪽 줄일수록 마지막 에폭에 많이 오른 모델이고, 가장 많이 오른 NiN도 +0.0023<!-- run -->으로 잡음(0.005) 안입니다(그다음인 ResNet은 +0.0013<!-- run -->). 원사이클이 끝에서 학습률을 거의 0까지 내려 마지막 에폭의 곡선을 일부러 평평하게 만들므로, 이 기록에는 마지막 에폭에 0.005 넘게 오른 모델이 없습니다. 에폭을 늘려 다시 실행하는 것은 모델 하나에 몇 분이 걸리므로(8에폭의 시간 × 새 에폭 수 / 8) 이 풀이에서는 하지 않습니다. 대신 "책의 값보다" 열을 보세요. 모든 기준 실행이 이미 책의 값 이상이므로, 에폭을 늘려 정확도가 오르면 책의 값에서는 **더 멀어집니다**. 문제의 "책의 값에 더 가까워졌나요?"에 대한 답은 "아니오"이고, 기준 실행과 책의 차이는 에폭이 모자라서가 아니라 레시피와 설정이 달라서 생긴 것입니다(본문 「기준 실행과 책의 숫자」). 에폭을 늘리는 효과는 연습문제 9에서 작은 LeNet으로 직접 봅니다.

# %% [markdown]
# ## 연습문제 5
#
# **이웃한 두 구조의 차이: 구조인가 해상도인가.**
#
# *생각.* 레시피와 에폭은 모두 같으므로 남는 차이는 구조, 해상도, 너비, 초기화입니다. 해상도가 같은 두 실행은 해상도라는 요인이 빠지므로 구조의 효과에 더 가깝습니다. 연표 순서로 이웃한 모델 쌍마다 해상도가 같은지 표시합니다.

# %%
TIMELINE = ['01_lenet', '02_alexnet', '04_nin', '03_vgg', '05_googlenet', '06_batch_norm', '07_resnet',
            '08_densenet', '09_cnn_design']
first = runs.drop_duplicates('notebook').set_index('notebook')
pairs = []
for a, b in zip(TIMELINE, TIMELINE[1:]):
    pairs.append({'앞': first.loc[a, 'tag'], '뒤': first.loc[b, 'tag'],
                  '해상도 (px)': f"{first.loc[a, 'resize']} → {first.loc[b, 'resize']}",
                  '해상도가 같은가': '예' if first.loc[a, 'resize'] == first.loc[b, 'resize'] else '아니오',
                  '정확도 차이': round(first.loc[b, 'val_acc'] - first.loc[a, 'val_acc'], 4)})
display(pd.DataFrame(pairs))
print('28px 실행만:', ', '.join(f'{r.tag} {r.val_acc:.4f}' for r in
                                runs[runs['resize'] == 28].sort_values('val_acc').itertuples()))

# %% [markdown]
# *읽기.* 해상도가 같은 이웃은 GoogLeNet → BN-LeNet, BN-LeNet → ResNet처럼 28px끼리인 쌍들입니다. 이런 쌍의 차이가 구조의 효과에 가장 가깝지만, 그때도 너비와 초기화(본문의 설정 목록: GoogLeNet은 채널 1/4과 He 초기화)가 다를 수 있습니다. 해상도가 다른 쌍(예: LeNet 28px → AlexNet 32px)의 차이는 구조와 해상도가 섞인 값입니다. 28px 실행만 모은 마지막 줄이 해상도를 고정했을 때의 구조 순서입니다. 다만 GoogLeNet과 두 BN-LeNet은 서로 0.005 안이라 그 셋의 순서는 읽지 않습니다. 그중 가장 깨끗한 비교는 본문이 말한 대로 LeNet과 BN-LeNet의 짝입니다(해상도, 초기화, 레시피가 모두 같음).

# %% [markdown]
# ## 연습문제 6
#
# **시드를 바꿔 잡음을 직접 재기.**
#
# *예산.* 06 노트북을 시드마다 통째로 다시 실행하는 대신, 같은 BN-LeNet(`d2l.BNLeNet`, 06 노트북의 「구현」 절과 같은 코드)을 같은 레시피로 **훈련 15,000장(4분의 1), 2에폭** 훈련합니다. 검증은 본문과 같은 10,000장 전체로 합니다. 시드 0, 1, 2로 세 번 훈련하며, 한 번에 2코어 CPU에서 몇 초입니다.
#
# *생각.* 시드를 바꾸면 초기 가중치와 미니배치 순서가 함께 바뀝니다. 세 번의 검증 정확도가 벌어진 폭이 "같은 설정을 다시 돌렸을 때"의 흔들림입니다. 검증 이미지는 세 번 모두 같으므로, 이 흔들림은 주로 훈련에서 오는 잡음이고 본문 개념 절의 표본 잡음(새 이미지로 잴 때의 흔들림)은 그 위에 더해집니다.

# %%
small = d2l.profile_settings(
    book=dict(max_epochs=2, batch_size=128, fraction=0.25),
    cpu=dict(max_epochs=2, batch_size=128, fraction=0.25),
    smoke=dict(max_epochs=1, batch_size=64, fraction=0.25))


def train(model, recipe=d2l.CPU_RECIPE, seed=0, max_epochs=None, fraction=None, limit=None):
    """본문의 훈련 셀과 같은 순서로 훈련하고 (에폭별 기록, 트레이너)를 돌려줍니다."""
    trainer = d2l.Trainer(max_epochs=max_epochs or small.max_epochs, seed=seed, plot=False,
                          progress=False)
    data = d2l.FashionMNIST(batch_size=small.batch_size, fraction=fraction, limit=limit)
    recipe.apply(model, data)
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    return trainer.fit(model, data), trainer


seed_acc = {}
for seed in (0, 1, 2):
    history, _ = train(d2l.BNLeNet(lr=0.002), seed=seed, limit=(15_000, None))
    seed_acc[seed] = history[-1]['val_acc']
values = np.array(list(seed_acc.values()))
print('시드별 검증 정확도:', {k: round(v, 4) for k, v in seed_acc.items()})
print(f'폭(가장 큼 − 가장 작음) {values.max() - values.min():.4f}, 표준편차 {values.std(ddof=1):.4f}')

# %% [markdown]
# *읽기.* 세 시드의 검증 정확도는 0.7957<!-- run -->부터 0.8046<!-- run -->까지 0.0089<!-- run --> 벌어졌고, 표준편차는 0.0045<!-- run -->입니다. 표준편차가 이미 0.005에 가까우므로, 실행 두 개의 차이는 그 $\sqrt{2}$배인 약 0.006만큼 흔들립니다. 곧 본문의 0.005는 두 실행의 차이를 읽기에 **빠듯한** 기준입니다. 이 풀이의 예산은 본문보다 짧아 모델이 덜 수렴했으므로 본문의 8에폭에서는 흔들림이 이보다 작을 수 있지만, 세 번으로 잰 표준편차 자체도 크게 흔들리는 추정입니다. 본문이 "0.005와 0.01 사이는 한 번씩의 실행으로 확정하지 않는다"고 한 까닭이 이것입니다.

# %% [markdown]
# ## 연습문제 7
#
# **`book` 프로필로 실행한다면.**
#
# *생각.* 이 풀이는 GPU 없이 실행되므로 `book` 실행을 직접 만들 수 없습니다. 대신 무엇을 기대할지 따져 봅니다.
#
# * `book` 프로필은 책의 해상도·너비·SGD·에폭을 그대로 쓰므로, 그 기록은 책의 값과 가까워야 합니다. 다만 책의 값은 그래프에서 눈으로 읽은 값이라 0.01 정도의 오차가 있고, GPU와 라이브러리 판이 다르면 같은 시드도 다른 난수를 쓰므로 "잡음 정도로 가까움"은 대략 0.01~0.02 안을 뜻합니다.
# * 연산량 전선은 크게 달라집니다. 해상도를 모델마다 다르게 줄였던 `cpu` 설정과 달리 `book`에서는 AlexNet·VGG·NiN이 224px, 나머지가 96px(LeNet·BN-LeNet은 28px)이므로, 224px 모델의 연산량이 수십 배 이상으로 커집니다. 28px의 작은 모델과 96px 모델이 전선의 앞쪽을 차지하기 쉽습니다.
# * "잡음 안" 목록도 바뀔 수 있습니다. 책의 설정에서는 모델 사이의 정확도 차이가 `cpu`보다 벌어지는 경우가 많습니다(책의 그래프에서 LeNet 약 0.73부터 ResNet 약 0.90까지).
#
# 아래 셀은 `book` 기록이 이 폴더의 `results/book/`에 있으면 읽어 책의 값과 견주고, 없으면 그렇다고 알립니다.

# %%
book_runs = d2l.load_results('book')
if len(book_runs):
    display(book_runs[['notebook', 'label', 'val_acc', 'book_figure']])
else:
    print('book 기록이 없습니다: GPU가 있는 컴퓨터에서 01~09 노트북을 book 프로필로 실행하면 생깁니다.')

# %% [markdown]
# ## 연습문제 8
#
# **데이터 증강은 예산 탓에 졌을까.**
#
# *예산.* 본문의 명령(`recipe_ablation.py --epochs 16 --only 4 5`)은 2코어 CPU에서 10분쯤 걸립니다. 여기서는 같은 질문을 작게 묻습니다. BN-LeNet을 **훈련 5,000장**으로, 증강하지 않은 것과 증강한 것을 4에폭과 16에폭씩 모두 네 번 훈련합니다(검증 5,000장). 훈련 데이터가 적을수록 모델이 더 빨리 외우기 시작하므로, 증강이 값을 하는 시점도 앞당겨집니다.
#
# *생각.* 증강은 에폭마다 조금씩 다른 이미지를 보여 주므로, 같은 이미지를 외워서 훈련 손실을 낮추는 길을 막습니다. 에폭이 적을 때는 아직 외울 것도 없어 더 어려운 과제를 푸는 손해만 남고, 에폭이 많아 증강 없는 모델이 외우기 시작하면(훈련 손실은 계속 내려가는데 검증 정확도는 멈춤) 증강한 쪽이 따라잡거나 앞설 것입니다.

# %%
augment = d2l.CPU_RECIPE.replace(name='augment', augment=True)
aug_rows = []
for epochs in (4, 16):
    for name, recipe in (('증강 없음', d2l.CPU_RECIPE), ('증강', augment)):
        history, _ = train(d2l.BNLeNet(lr=0.002), recipe=recipe, max_epochs=epochs, limit=(5000, 5000))
        aug_rows.append({'에폭': epochs, '레시피': name, 'val_acc': history[-1]['val_acc'],
                         'train_loss': round(history[-1]['train_loss'], 3),
                         'val_loss': round(history[-1]['val_loss'], 3)})
aug_table = pd.DataFrame(aug_rows)
display(aug_table)
for epochs, group in aug_table.groupby('에폭'):
    gap = group.set_index('레시피')['val_acc']
    print(f'{epochs}에폭: 증강 − 증강 없음 = {gap["증강"] - gap["증강 없음"]:+.4f}')

# %% [markdown]
# *읽기.* 증강은 4에폭에서 -0.0606<!-- run -->, 16에폭에서 -0.0402<!-- run -->로 여전히 졌지만, 에폭이 늘자 차이는 줄었습니다. 증강 없는 실행의 `train_loss`는 16에폭에서도 0.815<!-- run -->로, 레이블 스무딩을 쓴 훈련 손실이 내려갈 수 있는 바닥(약 0.50, 본문 「훈련 레시피」 절)보다 한참 위입니다. 아직 훈련 데이터를 외우기 시작했다고 볼 수 없으므로, 증강이 값을 할 때가 오지 않은 것입니다. 파라미터가 4만 5천 개인 작은 BN-LeNet은 5,000장도 쉽게 외우지 못합니다. 이 작은 실험은 "증강의 손해는 예산이 길수록 줄어든다"까지는 지지하지만, "언젠가 앞선다"는 보여 주지 못했습니다. 본문의 ResNet처럼 큰 모델에서 16에폭으로 재 보는 것(본문의 명령)이 그다음 단계입니다.

# %% [markdown]
# ## 연습문제 9
#
# **작은 LeNet 실행을 8에폭으로.**
#
# *예산.* 본문의 작은 실행(데이터 절반, 4에폭)을 그대로 8에폭으로 늘리면 두 실행에 30초쯤 걸립니다. 여기서는 **데이터 4분의 1**로 4에폭과 8에폭을 모두 훈련해 같은 예산 안에서 견줍니다.
#
# *생각.* 4에폭이면 워밍업은 첫 에폭 전체이고, 8에폭이면 처음 두 에폭입니다. 워밍업이 끝나면 학습률은 곧바로 코사인 모양으로 내려가 끝에서 거의 0이 됩니다(본문의 원사이클 그림). 에폭을 늘리면 첫 에폭의 늦은 출발을 만회할 스텝도 늘지만, 학습률이 0에 가까운 끝 구간도 함께 길어집니다. 두 실행은 학습률과 AdamW의 β1만 다릅니다(고정 학습률 실행은 β1 0.9로 고정).

# %%
constant = d2l.CPU_RECIPE.replace(name='constant', schedule='constant')
live_rows = []
for epochs in (4, 8):
    for name, recipe in (('고정 학습률', constant), ('원사이클', d2l.CPU_RECIPE)):
        history, _ = train(d2l.LeNet(lr=0.002), recipe=recipe, max_epochs=epochs, fraction=0.25)
        accs = history.column('val_acc')
        live_rows.append({'에폭': epochs, '스케줄': name, '첫 에폭 뒤': round(accs[0], 3),
                          '마지막': round(accs[-1], 3)})
live_table = pd.DataFrame(live_rows)
display(live_table)
for epochs, group in live_table.groupby('에폭'):
    last = group.set_index('스케줄')['마지막']
    print(f'{epochs}에폭: 원사이클 − 고정 학습률 = {last["원사이클"] - last["고정 학습률"]:+.3f}')

# %% [markdown]
# *읽기.* 원사이클의 첫 에폭 뒤 정확도는 두 예산 모두에서 고정 학습률보다 낮고, 8에폭에서는 0.100<!-- run -->으로 무작위 추측 수준입니다. 8에폭이면 처음 두 에폭이 워밍업이라 첫 에폭 내내 학습률이 최고값의 몇 분의 1에 머물기 때문입니다. 마지막 정확도의 차이(원사이클 − 고정 학습률)는 4에폭에서 -0.024<!-- run -->, 8에폭에서 -0.031<!-- run -->로, 에폭을 늘려도 줄지 않고 오히려 조금 커졌습니다. 첫 에폭의 늦은 출발이 까닭이라면 에폭이 길수록 차이가 줄어야 하므로, 이 실험은 그 설명을 지지하지 않습니다. 본문의 에폭별 곡선(「작은 실행 읽기」)에서는 원사이클이 중간에 거의 따라잡았다가, 학습률이 0 가까이 내려가는 끝에서 다시 뒤처졌습니다. 여기서도 고정 학습률 실행이 4에폭 0.727<!-- run -->에서 8에폭 0.774<!-- run -->로 계속 오르므로 시그모이드 LeNet은 아직 수렴과 멀고, 그런 모델에서 끝에 학습률을 거의 0까지 내리는 것이 손해라는 설명과 맞습니다. 레시피의 재료는 모델과 예산마다 재어 보아야 한다는 본문의 결론을 다시 보여 주는 예입니다.

# %% [markdown]
# ## 연습문제 10
#
# **재료를 더하는 순서: SGD에 원사이클을 먼저.**
#
# *예산과 모델.* 본문 표의 ResNet 대신 BN-LeNet을 연습문제 6과 같은 예산(훈련 15,000장, 2에폭)으로 훈련합니다. 세 줄을 비교합니다. 책의 방법(모멘텀 없는 SGD, 고정 학습률 0.1), 거기에 원사이클만 더한 것(최고 학습률 0.1), 그리고 AdamW(고정 학습률 0.002)입니다. BN-LeNet에는 책이 학습률 0.1을 쓰므로 SGD의 학습률을 0.1로 둡니다.
#
# *생각.* 순서를 바꾸면 "원사이클의 몫"을 SGD 위에서 재게 됩니다. 본문 표에서는 원사이클을 AdamW 위에 얹었고(셋째 줄), 여기서는 SGD 위에 얹습니다. 모멘텀이 0인 SGD에는 d2lmini가 원사이클의 모멘텀 순환을 켜지 않으므로 이 줄은 학습률만 바꿉니다. 훈련 뒤 옵티마이저의 `momentum`이 0으로 남았는지 확인합니다.

# %%
sgd_one_cycle = d2l.BOOK_RECIPE.replace(name='sgd-one-cycle', schedule='one-cycle')
order_rows = []
for name, recipe, lr in (('책의 방법 (SGD, 0.1)', d2l.BOOK_RECIPE, 0.1),
                         ('+ 원사이클 (SGD, 최고 0.1)', sgd_one_cycle, 0.1),
                         ('AdamW (고정 0.002)', d2l.CPU_RECIPE.replace(
                             name='adamw-constant', schedule='constant', weight_decay=0,
                             label_smoothing=0), 0.002)):
    history, trainer = train(d2l.BNLeNet(lr=lr), recipe=recipe, limit=(15_000, None))
    group = trainer.optim.param_groups[0]
    order_rows.append({'실행': name, 'val_acc': history[-1]['val_acc'],
                       '훈련 뒤 momentum/β1': group.get('momentum', group.get('betas', (None,))[0])})
order_table = pd.DataFrame(order_rows)
display(order_table)

# %% [markdown]
# *읽기.* 둘째 줄의 `momentum`이 0이므로, SGD에 원사이클을 붙여도 모멘텀이 몰래 더해지지 않았습니다(AdamW 줄의 0.9는 고정 학습률의 기본 β1입니다). SGD 위에서 원사이클(학습률만)은 0.6673<!-- run -->을 0.7602<!-- run -->로 크게 올려 AdamW(0.7682<!-- run -->)에 가까이 갔습니다. 원사이클을 얹은 SGD와 고정 학습률의 AdamW는 0.01이 안 되게 다르므로, 연습문제 6에서 잰 시드 흔들림으로 보면 한 번씩의 실행으로 확정할 수 없는 차이입니다. 그러니 이 실험에서는 원사이클을 먼저 더하면, 모멘텀 없는 SGD에서 고정 학습률의 AdamW까지 오른 폭의 대부분을 원사이클이 가져갑니다(옵티마이저를 바꾸는 다음 줄을 재려면 AdamW에도 원사이클을 얹어 한 번 더 훈련해야 합니다). 본문 표(AdamW 위에 얹은 원사이클이 학습률과 β1을 함께 바꾼 셋째 줄)와는 모델과 예산이 달라 숫자를 직접 견줄 수 없지만, 한 재료의 몫이 앞에 무엇이 있었는지에 따라 달라질 수 있다는 점은 같습니다.

# %% [markdown]
# ## 연습문제 11
#
# **더 공정한 첫 줄: 모멘텀 0.9의 SGD.**
#
# *생각.* 모멘텀 $\beta$의 SGD는 속도 $\mathbf{v} \leftarrow \beta \mathbf{v} + \mathbf{g}$를 쌓아 $\mathbf{w} \leftarrow \mathbf{w} - \eta \mathbf{v}$로 걷습니다. 기울기 $\mathbf{g}$가 같은 방향으로 이어지면 $\mathbf{v}$는 $\mathbf{g}(1 + \beta + \beta^2 + \cdots) = \mathbf{g}/(1-\beta)$로 다가가므로 걸음이 $1/(1-\beta)$배, $\beta = 0.9$이면 10배가 됩니다. 그래서 모멘텀 없는 SGD에서 학습률 0.1이 맞았다면 모멘텀 0.9에서는 0.01 근처가 같은 걸음입니다. 학습률 0.01, 0.03, 0.1을 시험해 가장 좋은 것을 고르고, 연습문제 10의 AdamW와 견줍니다. 예산은 연습문제 10과 같습니다.

# %%
momentum = d2l.BOOK_RECIPE.replace(name='sgd-momentum', momentum=0.9)
sweep = []
for lr in (0.01, 0.03, 0.1):
    history, _ = train(d2l.BNLeNet(lr=lr), recipe=momentum, limit=(15_000, None))
    sweep.append({'학습률': lr, 'val_acc': history[-1]['val_acc']})
sweep = pd.DataFrame(sweep)
display(sweep)
best = sweep.loc[sweep['val_acc'].idxmax()]
adamw = order_table['val_acc'].iloc[-1]
book_sgd = order_table['val_acc'].iloc[0]
print(f"모멘텀 0.9 SGD의 가장 좋은 학습률 {best['학습률']}: {best['val_acc']:.4f} "
      f"(모멘텀 없는 SGD {book_sgd:.4f}, AdamW {adamw:.4f})")
print(f"AdamW − 모멘텀 SGD = {adamw - best['val_acc']:+.4f}, AdamW − 모멘텀 없는 SGD = {adamw - book_sgd:+.4f}")

# %% [markdown]
# *읽기.* 모멘텀 0.9의 SGD는 시험한 학습률 가운데 0.1에서 0.7970<!-- run -->으로 가장 좋았고, 이것은 AdamW(0.7682<!-- run -->)보다 오히려 높습니다(AdamW − 모멘텀 SGD = -0.0288<!-- run -->). 모멘텀 없는 SGD와 견주면 AdamW가 +0.1009<!-- run --> 앞섰던 것과 정반대입니다. 곧 본문 표의 첫 단계(둘째 줄)에서 오른 폭의 큰 부분은 AdamW 자체가 아니라 모멘텀 없는 SGD라는 약한 기준 탓일 수 있습니다. 가장 좋은 학습률이 시험한 범위의 끝(0.1)이었으므로 더 큰 학습률도 시험해 봐야 하고, AdamW의 학습률도 같은 수만큼 시험해야 공정합니다. Wilson 등(2017)은 조정한 모멘텀 SGD가 적응형 옵티마이저보다 일반화가 나은 경우를 보고했고, Choi 등(2019)은 하이퍼파라미터를 똑같이 조정하면 옵티마이저 사이의 순위가 자주 뒤집힌다고 보고했습니다.
