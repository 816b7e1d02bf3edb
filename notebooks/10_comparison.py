# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: kernelspec,jupytext
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
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
# 앞의 노트북들이 훈련 절에서 기록한 실행을 모두 모아, 각 구조의 아이디어가 정확도를 얼마나 올렸고 그 대가로 파라미터·연산량·시간을 얼마나 썼는지 한 자리에서 비교합니다. 이 노트북은 모델을 훈련하지 않고 기록된 결과만 읽으므로 몇 초 만에 끝납니다.

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
# 1. 한 모델의 비용을 파라미터(parameter) 수, 이미지 한 장의 FLOPs, 훈련 시간, 초당 이미지 수(img/s)의 네 가지로 나누어 말하고, 넷이 서로 어떻게 다른지 설명할 수 있습니다.
# 2. 정확도와 비용의 산점도에서 파레토 전선(Pareto front)을 찾아, 어떤 모델이 다른 모델보다 모든 면에서 나쁜지(지배되는지) 읽을 수 있습니다.
# 3. LeNet(1998)부터 RegNet(2020)까지 각 구조가 더한 아이디어(깊이, 블록, $1 \times 1$ 합성곱, 분기, 정규화, 숏컷, 밀집 연결, 설계 공간)를 이 시리즈에서 잰 점 하나와 이어 설명할 수 있습니다.
# 4. `cpu` 프로필의 숫자와 책의 숫자가 왜 다른지, 그리고 이 비교가 어디까지 공정한지 설정 요약을 보고 판단할 수 있습니다.

# %% [markdown]
# ## 개념
#
# ### 정확도 하나와 비용 넷
#
# 이 노트북의 모든 숫자는 각 노트북의 훈련 절에서 `trainer.fit(...)` 바로 뒤에 부른 `d2l.record_run(...)`이 `results/<프로필>/<노트북>.json`에 남긴 기록입니다. 실행 하나마다 다음이 들어 있습니다.
#
# * **검증 정확도**(validation accuracy): 마지막 에폭(epoch)이 끝난 뒤 검증 데이터에서 맞힌 비율입니다. 에폭별 기록도 함께 있어 곡선을 다시 그릴 수 있습니다.
# * **파라미터 수**: 모델이 저장해야 하는 수의 개수입니다. 메모리와 디스크 크기를 정하지만, 연산량과는 따로 움직입니다. 합성곱(convolution) 층의 가중치(weight)는 특성 맵(feature map)의 모든 위치에서 다시 쓰이기 때문입니다.
# * **FLOPs/이미지**: 훈련한 해상도(resolution)에서 이미지 한 장을 순전파(forward pass)하는 데 드는 부동소수점 연산 수입니다(곱셈 하나, 덧셈 하나를 각각 1로 셈). 해상도를 두 배로 올리면 합성곱의 FLOPs는 약 네 배가 되지만 파라미터 수는 그대로입니다.
# * **훈련 시간(분)**: `fit` 전체, 곧 모든 에폭의 훈련과 검증에 걸린 시간입니다. 에폭 수와 데이터 크기에 비례하므로, 모델 자체의 빠르기는 아래의 img/s로 봅니다.
# * **img/s**: 훈련 중 1초에 처리한 훈련 이미지 수입니다. 역전파(backpropagation)는 순전파의 약 두 배를 계산하므로, 훈련 한 스텝은 이미지 한 장에 대략 $3 \times$ FLOPs가 듭니다. 그래서 $3 \times \text{FLOPs} \times \text{img/s}$는 CPU가 실제로 낸 초당 연산량의 어림값입니다. 작은 모델은 층마다의 고정 비용 때문에 이 값이 낮게 나옵니다.
#
# ### 파레토 전선: 어떤 모델이 "더 낫다"는 말
#
# 비용 하나(예: FLOPs)와 정확도 하나로 보면, 모델 A가 B보다 **비용이 같거나 적고 정확도가 같거나 높으면**(둘 중 하나는 엄격히) A가 B를 **지배한다**고 합니다. 어떤 모델에게도 지배되지 않는 모델들이 파레토 전선을 이룹니다. 예산이 정해지면 답은 언제나 전선 위에 있습니다: "FLOPs가 $B$ 이하인 모델 중 가장 정확한 것"은 전선에서 $B$ 왼쪽의 마지막 점입니다. 비용의 종류를 바꾸면(FLOPs 대신 분) 전선도 바뀝니다.
#
# ### 공정한 비교인가
#
# `cpu` 프로필은 모델마다 2코어 CPU에서 몇 분 안에 끝나도록 해상도·폭·데이터·에폭을 **모델마다 다르게** 줄였습니다. 그래서 아래의 비교는 "같은 조건에서 구조만 바꾼" 실험이 아니라 "각 구조를 비슷한 시간 예산에 맞춘" 실험에 가깝습니다. 표의 **설정 요약** 열이 그 차이를 보여 줍니다. 결론을 내리기 전에 해상도와 에폭 수가 같은지 먼저 확인하세요. 책의 값(`book` 프로필: 10에폭, 책의 해상도, GPU)은 따로 한 열에 둡니다.
#
# ### 1998 → 2020: 아이디어의 연표
#
# | 해 | 구조 | 더한 아이디어 | 노트북 |
# |---|---|---|---|
# | 1998 | LeNet | 합성곱과 풀링(pooling)을 번갈아 쌓은 **깊이** | 01 |
# | 2012 | AlexNet | 더 깊고 넓은 망, ReLU, 드롭아웃(dropout), GPU 훈련 | 02 |
# | 2013 | NiN | 위치마다 완전 연결 층처럼 동작하는 **$1 \times 1$ 합성곱**, 전역 평균 풀링(global average pooling) | 04 |
# | 2014 | VGG | 같은 모양을 되풀이하는 **블록**(block) | 03 |
# | 2014 | GoogLeNet | 크기가 다른 합성곱을 나란히 두는 **분기**(branch)와 $1 \times 1$ 병목(bottleneck) | 05 |
# | 2015 | 배치 정규화 | 층 사이 신호의 **정규화** | 06 |
# | 2016 | ResNet | 입력을 그대로 더하는 **숏컷 연결**(shortcut connection) | 07 |
# | 2017 | ResNeXt | 그룹 합성곱(grouped convolution)으로 나눈 여러 갈래 | 07 (기록된 점은 ResNeXt 블록으로 된 09의 RegNetX-32) |
# | 2017 | DenseNet | 앞의 모든 출력을 이어 붙이는 **밀집 연결** | 08 |
# | 2020 | RegNet | 구조 하나 대신 **설계 공간**(design space)을 찾기 | 09 |
#
# 해는 논문이 나온 해입니다(NiN과 VGG는 2013~2014년에 처음 공개되어 순서가 엇갈립니다. 이 시리즈는 책의 순서를 따릅니다). 결과 절에서 각 행을 기록된 점 하나와 이어 봅니다.

# %% [markdown]
# ## 구현
#
# ### 어느 결과를 읽을까
#
# 결과 파일은 프로필마다 따로 쌓입니다. 저장소에는 `cpu` 프로필의 결과(`notebooks/results/cpu/`)가 들어 있습니다. `smoke` 프로필은 노트북이 끝까지 도는지만 보는 몇 초짜리 실행이라 비교할 거리가 없으므로, `smoke`에서도 `cpu` 결과를 읽습니다. GPU가 있어 `book` 프로필로 노트북을 돌렸다면 그 결과를 읽고, 아직 없으면 `cpu` 결과로 돌아갑니다.

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

import d2lmini as d2l

cfg = d2l.profile_settings(book=dict(results='book'), cpu=dict(results='cpu'),
                           smoke=dict(results='cpu'))

# %% [markdown]
# ### 시리즈의 목록
#
# 훈련 절이 있는 노트북 아홉 개와 연표의 각 행을 적어 둡니다. `label`은 그 노트북이 `record_run`에 준 이름에서 찾을 글자이고, `None`이면 그 노트북의 첫 실행을 씁니다. `idea`는 그림에 붙일 짧은 영어 이름입니다(그림의 글꼴은 한글이 없는 환경에서도 보이도록 영어만 씁니다).

# %%
SERIES = ['01_lenet', '02_alexnet', '03_vgg', '04_nin', '05_googlenet', '06_batch_norm',
          '07_resnet', '08_densenet', '09_cnn_design']

TIMELINE = pd.DataFrame([
    (1998, 'LeNet', '깊이: 합성곱 + 풀링', 'depth', '01_lenet', None),
    (2012, 'AlexNet', '더 깊고 넓게, ReLU, 드롭아웃', 'ReLU, dropout', '02_alexnet', None),
    (2013, 'NiN', '1×1 합성곱, 전역 평균 풀링', '1x1 conv', '04_nin', None),
    (2014, 'VGG', '반복되는 블록', 'blocks', '03_vgg', None),
    (2014, 'GoogLeNet', '분기와 1×1 병목', 'branches', '05_googlenet', None),
    (2015, '배치 정규화', '정규화', 'batch norm', '06_batch_norm', None),
    (2016, 'ResNet', '숏컷 연결', 'shortcuts', '07_resnet', 'ResNet'),
    (2017, 'ResNeXt', '그룹 합성곱 (09의 RegNetX-32가 ResNeXt 블록으로 만들어짐)', 'grouped conv', '09_cnn_design', None),
    (2017, 'DenseNet', '밀집 연결', 'dense', '08_densenet', None),
    (2020, 'RegNet', '설계 공간', 'design space', '09_cnn_design', None),
], columns=['year', 'architecture', 'idea_ko', 'idea', 'notebook', 'label'])

# %% [markdown]
# ### 결과 읽기
#
# `d2l.load_results(profile)`는 그 프로필의 결과 파일을 모두 읽어 한 행이 실행 하나인 DataFrame을 돌려줍니다. 아래 함수는 결과가 없는 노트북을 골라, 어느 노트북을 실행하면 되는지 알려 줍니다. 몇 가지 열을 더합니다.
#
# * `tag`: 그림에 붙일 이름. `label`이 영어면 그대로, 한글이 있으면 모델 클래스 이름을 씁니다.
# * `gflops_per_s`: 훈련 중 CPU가 낸 초당 연산량의 어림값 $3 \times \text{FLOPs} \times \text{img/s} / 10^9$.

# %%
def load_all(profile):
    """``profile`` 의 기록을 읽고(없으면 cpu 로 돌아가고), 빠진 노트북을 알려 줍니다."""
    runs = d2l.load_results(profile)
    if runs.empty and profile != 'cpu':
        print(f'{profile} 프로필의 기록이 없어 cpu 프로필의 기록을 읽습니다.')
        profile, runs = 'cpu', d2l.load_results('cpu')
    missing = [nb for nb in SERIES if nb not in set(runs['notebook'])]
    print(f'{profile} 프로필: 노트북 {len(SERIES) - len(missing)}개의 실행 {len(runs)}개를 읽었습니다.')
    for nb in missing:
        print(f'  기록 없음: {nb} — notebooks/{nb}.ipynb를 {profile} 프로필로 끝까지 실행하면 '
              f'results/{profile}/{nb}.json이 생깁니다.')
    runs = runs.copy()
    runs['tag'] = [f'{nb[:2]} {label if label.isascii() else model}'
                   for nb, label, model in zip(runs['notebook'], runs['label'], runs['model'])]
    runs['gflops_per_s'] = 3 * runs['flops'] * runs['img_per_s'] / 1e9
    return profile, runs


shown_profile, runs = load_all(cfg.results)

# %% [markdown]
# ### 파레토 전선 찾기
#
# 비용이 작은 것부터 훑으며, 지금까지 본 것보다 정확도가 높은 실행만 남기면 전선이 됩니다(비용이 같으면 정확도가 높은 쪽을 먼저 봅니다).

# %%
def pareto_front(runs, cost):
    """``cost`` 열에 대해 지배되지 않는 실행들(비용 오름차순)."""
    ordered = runs.dropna(subset=[cost, 'val_acc']).sort_values(
        [cost, 'val_acc'], ascending=[True, False])
    best, keep = -1.0, []
    for index, acc in ordered['val_acc'].items():
        if acc > best:
            best, keep = acc, keep + [index]
    return ordered.loc[keep]


# %% [markdown]
# ### 그림 하나 그리기
#
# 모든 그림이 같은 함수를 씁니다: 실행마다 점 하나와 이름, 그리고 파레토 전선을 점선으로 잇습니다. 결과가 하나도 없을 때도 그림 한 장을 그려, 무엇을 실행해야 하는지 적어 둡니다.

# %%
AXES = {  # 열 이름: (축 이름, 로그 축인가)
    'flops': ('FLOPs per image', True),
    'params': ('parameters', True),
    'minutes': ('training minutes (fit, 2-core CPU)', False),
    'img_per_s': ('training images per second', True),
    'gflops_per_s': ('achieved GFLOP/s in training (estimate)', False),
    'val_acc': ('validation accuracy', False),
    'book_figure': ("book's validation accuracy", False),
    'epochs': ('epochs', False),
}


def scatter(ax, runs, x, y='val_acc', front=True):
    ax.set_xlabel(AXES[x][0])
    ax.set_ylabel(AXES[y][0])
    if AXES[x][1]:
        ax.set_xscale('log')
    if AXES[y][1]:
        ax.set_yscale('log')
    points = runs.dropna(subset=[x, y])
    if points.empty:
        ax.text(0.5, 0.5, 'no recorded runs yet', ha='center', va='center',
                transform=ax.transAxes)
        return
    ax.scatter(points[x], points[y], s=30)
    for tag, px, py in zip(points['tag'], points[x], points[y]):
        ax.annotate(tag, (px, py), textcoords='offset points', xytext=(4, 3), fontsize=8)
    if front and y == 'val_acc' and x != 'val_acc':
        cost = x if x != 'img_per_s' else None  # img/s는 클수록 좋으므로 전선을 긋지 않습니다
        if cost:
            line = pareto_front(points, cost)
            ax.plot(line[x], line[y], 'k:', lw=1, drawstyle='steps-post', label='Pareto front')
            ax.legend(loc='lower right', fontsize=8)
    ax.grid(alpha=0.3)


# %% [markdown]
# ## 모양 확인
#
# 읽은 기록이 어떤 모양인지 먼저 봅니다. 실행마다 노트북, 이름, 파라미터 수를 적습니다. 파라미터 수는 모델 구조와 설정만으로 정해지므로 다시 실행해도 바뀌지 않습니다.

# %%
# NBVAL_CHECK_OUTPUT
print(f'실행 {len(runs)}개, 열 {len(runs.columns)}개')
for run in runs.itertuples():
    print(f'{run.notebook} · {run.label} ({run.model}): 파라미터 {run.params:,}개, '
          f'입력 {run.resize}px')

# %% [markdown]
# 다음은 비교의 바탕이 되는 표입니다. 설정 요약 열은 README의 결과 표와 같은 방식(`d2l.results.settings_summary`)으로 만듭니다.

# %%
from d2lmini.results import settings_summary

table = pd.DataFrame({
    '노트북': runs['notebook'],
    '모델': runs['label'],
    '설정 요약': [settings_summary(s, r) for s, r in zip(runs['settings'], runs['resize'])],
    '파라미터': runs['params'],
    'FLOPs/이미지': runs['flops'],
    '훈련 시간(분)': runs['minutes'].round(1),
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
# 가로축과 세로축에 쓸 값을 고르고, 보고 싶은 모델만 남겨 보세요(Ctrl 또는 ⌘를 누른 채 클릭하면 여러 개를 고를 수 있습니다). 세로축이 검증 정확도이면 점선이 그 가로축 비용에 대한 파레토 전선입니다. 모델을 빼면 전선이 어떻게 바뀌는지도 보세요.

# %%
def show_scatter(x, y, models):
    fig, ax = plt.subplots(figsize=(7, 4.5))
    scatter(ax, runs[runs['tag'].isin(models)], x, y)
    ax.set_title(f'{y} vs {x} ({shown_profile} profile, {len(models)} runs)')
    fig.tight_layout()


axis_choices = [(AXES[key][0], key) for key in AXES]
d2l.interact(
    show_scatter,
    x=widgets.Dropdown(options=axis_choices, value='flops', description='가로축'),
    y=widgets.Dropdown(options=axis_choices, value='val_acc', description='세로축'),
    models=widgets.SelectMultiple(options=list(runs['tag']), value=list(runs['tag']),
                                  rows=min(10, max(2, len(runs))), description='모델'))

# %% [markdown]
# ### (나) 예산이 정해졌을 때 가장 좋은 모델
#
# 이미지 한 장의 FLOPs 상한(MFLOPs, 로그 막대)과 훈련 시간 상한(분)을 정하면, 두 예산을 모두 지키는 실행 가운데 검증 정확도가 가장 높은 것을 고릅니다. 회색 점은 예산을 넘은 실행입니다. 예산을 조금씩 줄이며 답이 바뀌는 지점을 찾아보세요. 그 지점들이 바로 파레토 전선의 점입니다.

# %%
def best_under_budget(max_mflops, max_minutes):
    inside = runs[(runs['flops'] <= max_mflops * 1e6) & (runs['minutes'] <= max_minutes)]
    inside = inside.dropna(subset=['val_acc'])
    if inside.empty:
        print(f'FLOPs ≤ {max_mflops:,.1f}M, 시간 ≤ {max_minutes:.1f}분: 예산 안에 드는 실행이 없습니다.')
    else:
        best = inside.loc[inside['val_acc'].idxmax()]
        print(f'FLOPs ≤ {max_mflops:,.1f}M, 시간 ≤ {max_minutes:.1f}분: {best["label"]} '
              f'({best["notebook"]}) — 검증 정확도 {best["val_acc"]:.3f}, '
              f'FLOPs {best["flops"] / 1e6:,.1f}M, {best["minutes"]:.1f}분 '
              f'(예산 안의 실행 {len(inside)}개 중)')
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for ax, cost, limit in ((axes[0], 'flops', max_mflops * 1e6), (axes[1], 'minutes', max_minutes)):
        scatter(ax, runs, cost, front=False)
        out = runs[~runs.index.isin(inside.index)]
        ax.scatter(out[cost], out['val_acc'], s=30, color='0.75', zorder=3)
        ax.axvline(limit, color='tab:red', lw=1)
        if not inside.empty:
            ax.scatter([best[cost]], [best['val_acc']], s=120, facecolors='none',
                       edgecolors='tab:red', zorder=4)
    fig.tight_layout()


d2l.interact(
    best_under_budget,
    max_mflops=widgets.FloatLogSlider(value=1e4, base=10, min=-1, max=4, step=0.05,
                                      description='MFLOPs ≤', readout_format='.3g'),
    max_minutes=widgets.FloatSlider(value=15, min=0.2, max=15, step=0.1, description='분 ≤'))

# %% [markdown]
# ## 훈련
#
# 이 노트북은 모델을 훈련하지 않습니다. 각 노트북의 훈련 절이 `fit`을 마친 뒤 `record_run`으로 남긴 에폭별 기록을 다시 그립니다. 왼쪽은 에폭마다, 오른쪽은 **걸린 시간**마다 검증 정확도를 그린 것입니다. 같은 곡선이라도 시간 축으로 옮기면 어느 모델이 "빨리 배우는지"가 다르게 보입니다. 기록이 빠진 노트북이 있으면 위 **구현** 절의 출력이 어느 노트북을 실행하면 되는지 알려 줍니다.

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
for run in runs.itertuples():
    history = pd.DataFrame(run.history)
    if history.empty or 'val_acc' not in history:
        continue
    minutes = history['seconds'].cumsum() / 60
    line, = axes[0].plot(history['epoch'], history['val_acc'], marker='o', ms=3, label=run.tag)
    axes[1].plot(minutes, history['val_acc'], marker='o', ms=3, color=line.get_color())
axes[0].set_xlabel('epoch')
axes[1].set_xlabel('minutes since the start of fit (2-core CPU)')
for ax in axes:
    ax.set_ylabel('validation accuracy')
    ax.grid(alpha=0.3)
if len(runs):
    axes[0].legend(fontsize=8, ncol=2)
else:
    axes[0].text(0.5, 0.5, 'no recorded runs yet', ha='center', transform=axes[0].transAxes)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 결과
#
# ### 정확도와 세 가지 비용
#
# 같은 정확도 축에 FLOPs(로그 축), 파라미터 수(로그 축), 훈련 시간을 나란히 놓습니다. 점선은 각 비용에 대한 파레토 전선입니다.

# %%
fig, axes = plt.subplots(1, 3, figsize=(15, 4.5), sharey=True)
for ax, cost in zip(axes, ['flops', 'params', 'minutes']):
    scatter(ax, runs, cost)
fig.tight_layout()
plt.show()

for cost in ['flops', 'params', 'minutes']:
    front = pareto_front(runs, cost)
    print(f'{AXES[cost][0]} 전선: ' + (' → '.join(front['tag']) or '없음'))

# %% [markdown]
# ### 이 시리즈의 `cpu` 숫자와 책의 숫자
#
# 책의 값은 각 노트북이 `record_run(..., book_figure=…)`으로 함께 적은, 책의 그래프에서 읽은 10에폭 뒤 검증 정확도입니다. 막대 두 개의 차이를 읽을 때는 표의 에폭 수와 해상도를 같이 보세요.

# %%
versus = runs.dropna(subset=['val_acc'])
versus = versus.loc[[i for i, b in versus['book_figure'].items()
                     if isinstance(b, (int, float)) and b == b]]  # 책의 값이 수인 실행만
display(pd.DataFrame({
    '모델': versus['label'],
    f'{shown_profile} 검증 정확도': versus['val_acc'].round(3),
    '책의 값': versus['book_figure'],
    '차이': (versus['val_acc'] - versus['book_figure'].astype(float)).round(3),
    '에폭': versus['epochs'],
    '해상도(px)': versus['resize'],
}))
fig, ax = plt.subplots(figsize=(10, 4))
positions = range(len(versus))
ax.bar([p - 0.2 for p in positions], versus['val_acc'], width=0.4, label=f'this series ({shown_profile})')
ax.bar([p + 0.2 for p in positions], versus['book_figure'].astype(float), width=0.4, label='book (10 epochs, GPU)')
ax.set_xticks(list(positions), versus['tag'], rotation=30, ha='right', fontsize=8)
ax.set_ylim(0.5, 1.0)
ax.set_ylabel('validation accuracy')
ax.legend(loc='lower right')
ax.grid(axis='y', alpha=0.3)
fig.tight_layout()
plt.show()

# %% [markdown]
# ### 아이디어마다 한 점: 1998 → 2020
#
# 개념 절의 연표 각 행에 기록된 실행 하나를 붙입니다. 기록이 없는 행은 비워 두고, 어느 노트북을 실행하면 채워지는지 적습니다.

# %%
def measured_point(notebook, label):
    rows = runs[runs['notebook'] == notebook]
    if isinstance(label, str):  # 빈 칸(None)은 DataFrame 안에서 NaN이 됩니다
        rows = rows.loc[[i for i, text in rows['label'].items() if label in text]]
    return rows.iloc[0] if len(rows) else None


points = [measured_point(nb, label) for nb, label in zip(TIMELINE['notebook'], TIMELINE['label'])]
timeline = pd.DataFrame({
    '해': TIMELINE['year'],
    '구조': TIMELINE['architecture'],
    '아이디어': TIMELINE['idea_ko'],
    '기록된 실행': [p['label'] if p is not None else f'없음: {nb} 실행' for p, nb in
                zip(points, TIMELINE['notebook'])],
    '검증 정확도': [round(p['val_acc'], 3) if p is not None else None for p in points],
    '파라미터': pd.array([p['params'] if p is not None else None for p in points], dtype='Int64'),
    'FLOPs/이미지': pd.array([p['flops'] if p is not None else None for p in points],
                          dtype='Int64'),
    '훈련 시간(분)': [round(p['minutes'], 1) if p is not None else None for p in points],
})
display(timeline)

fig, ax = plt.subplots(figsize=(11, 4.5))
measured = [(year, idea, p) for year, idea, p in zip(TIMELINE['year'], TIMELINE['idea'], points)
            if p is not None]
if measured:
    ax.plot([m[0] for m in measured], [m[2]['val_acc'] for m in measured], 'o-', color='tab:blue')
    for k, (year, idea, p) in enumerate(measured):
        ax.annotate(f"{idea}\n{p['tag']}", (year, p['val_acc']), textcoords='offset points',
                    xytext=(0, 10 if k % 2 == 0 else -26), ha='center', fontsize=8)
else:
    ax.text(0.5, 0.5, 'no recorded runs yet', ha='center', transform=ax.transAxes)
ax.set_xlim(1996, 2022)
ax.set_xlabel('year of the paper')
ax.set_ylabel('validation accuracy (this series)')
ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()

# %% [markdown]
# **결과 읽기.** 위의 그림과 표에서 다음을 확인해 보세요. 숫자는 커밋된 `cpu` 기록을 읽은 것이며, 다시 실행하면 조금씩 달라질 수 있습니다.
#
# * **FLOPs와 파라미터는 따로 움직입니다.** 파라미터 그림과 FLOPs 그림에서 점의 좌우 순서를 비교해 보세요. 완전 연결 층이 큰 모델은 파라미터가 많고, 해상도가 큰 입력을 오래 붙잡고 있는 모델(예: NiN처럼 큰 입력을 쓰는 모델)은 파라미터에 비해 FLOPs가 큽니다.
# * **시간은 FLOPs만으로 정해지지 않습니다.** GFLOP/s(추정) 열을 보면 모델마다 CPU가 낸 연산 속도가 다릅니다. 작은 모델과 분기가 많은 모델은 층 하나하나가 작아 고정 비용의 비중이 커집니다.
# * **연표의 곡선은 단조롭지 않습니다.** `cpu` 프로필은 모델마다 다른 해상도와 에폭으로 줄였으므로, 나중 구조가 언제나 더 정확하게 나오지는 않습니다. 곡선이 내려가는 곳에서는 설정 요약의 해상도와 에폭부터 비교하세요.
# * **책의 값과의 차이**는 에폭 수(책은 10에폭), 해상도, 옵티마이저(optimizer) 설정의 차이에서 옵니다. 각 노트북의 훈련 절에 `cpu` 설정을 왜 그렇게 골랐는지 적혀 있습니다.

# %% [markdown]
# ## 요약과 연습문제
#
# **요약**
#
# * 각 노트북의 훈련 절은 `d2l.record_run(...)`으로 실행 하나를 `results/<프로필>/<노트북>.json`에 기록합니다. `d2l.load_results(profile)`는 그 기록을 한 행이 실행 하나인 DataFrame으로 모으고, README의 결과 표도 같은 파일에서 만들어집니다.
# * 모델의 비용은 파라미터 수, 이미지 한 장의 FLOPs, 훈련 시간, img/s로 나누어 봐야 합니다. 파라미터는 메모리를, FLOPs는 연산량을 정하고, 시간은 FLOPs에 더해 하드웨어가 그 계산을 얼마나 잘 해내는지에 달려 있습니다.
# * 정확도와 비용 하나를 놓으면 지배되지 않는 모델들이 파레토 전선을 이루고, 예산이 정해졌을 때의 답은 언제나 그 전선 위에 있습니다.
# * LeNet부터 RegNet까지의 아이디어(깊이, 블록, $1 \times 1$ 합성곱, 분기, 정규화, 숏컷, 밀집 연결, 설계 공간)는 각각 정확도·비용 평면에서 점 하나로 볼 수 있습니다. 다만 `cpu` 프로필은 모델마다 설정이 달라, 점 사이의 차이를 구조 하나의 효과로 읽기 전에 설정을 먼저 비교해야 합니다.
#
# **연습문제**
#
# 1. 결과 절의 FLOPs 그림에서 파레토 전선 위의 모델을 모두 적고, 전선 아래에 있는 모델 하나를 골라 그것을 지배하는 모델을 찾으세요. 파라미터 그림에서도 같은 모델이 지배될까요? *힌트*: 그림 아래에 출력된 세 줄이 각 비용의 전선입니다.
# 2. 인터랙티브 (나)에서 시간 상한을 15분에 두고 FLOPs 상한을 줄여 가며 답이 바뀌는 지점을 모두 적으세요. 그 지점들이 (1)의 FLOPs 전선과 같은지 확인하세요. *힌트*: 시간 상한이 넉넉하면 FLOPs만 남으므로 같아야 합니다.
# 3. 표의 GFLOP/s(추정) 열에서 가장 큰 값과 가장 작은 값의 모델을 찾고, 왜 다른지 설명하세요. *힌트*: 채널이 적은 합성곱과 작은 특성 맵은 행렬 곱 하나가 작아 CPU의 벡터 연산을 다 쓰지 못합니다.
# 4. 훈련 절의 두 그림에서 마지막 에폭에도 검증 정확도가 아직 뚜렷이 오르는 모델을 찾으세요. 그 모델의 에폭을 늘리면 책의 값에 더 가까워질까요? 그 노트북의 `cpu` 설정에서 `max_epochs`만 바꿔 다시 실행하고, 이 노트북을 다시 실행해 확인하세요. *힌트*: `record_run`은 같은 이름(`label`)의 기록을 새 실행으로 바꿉니다.
# 5. 인터랙티브 (가)에서 가로축을 `epochs`, 세로축을 `validation accuracy`로 두고, 연표에서 이웃한 두 구조의 차이가 구조 때문인지 에폭 수 때문인지 판단해 보세요. *힌트*: 설정 요약의 해상도도 함께 보고, 둘 다 같은 두 실행만 구조의 효과로 읽습니다.
