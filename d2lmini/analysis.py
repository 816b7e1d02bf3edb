"""모델 살펴보기: 파라미터 수, FLOPs, 검증 예측, 혼동 행렬, 틀린 예제, 분류 보고서."""
import types

import torch
from matplotlib.figure import Figure
from torch.utils.flop_counter import FlopCounterMode

from .diagnose import check_input, explain_forward_error, input_shape, module_argument
from .fonts import label
from .notebook import in_notebook
from .torchutil import copy_module, device_of, evaluation, has_lazy_parameters


def num_params(model, X_shape=None):
    """학습되는 파라미터 수.

    아직 모양이 정해지지 않은 지연 층이 있으면 입력 모양 ``X_shape``을 함께 주세요
    (예: ``num_params(model, (1, 1, 28, 28))``): 모델의 복사본에 그 모양의 입력을 한 번
    넣어 센 뒤 복사본은 버리므로, 모델은 그대로 지연 상태로 남습니다(뒤에 다른 해상도로
    훈련해도 됩니다).
    """
    module_argument('num_params', model)
    if has_lazy_parameters(model):
        if X_shape is None:
            raise ValueError(
                f'{type(model).__name__}에 아직 모양이 정해지지 않은 지연 층(LazyLinear 등)이 있어 '
                '파라미터 수를 셀 수 없습니다: num_params(model, (1, 1, 28, 28))처럼 입력 모양을 '
                '함께 주면 모델은 그대로 두고 복사본으로 셉니다.')
        X_shape = input_shape('num_params', X_shape)
        check_input(model, X_shape, 'num_params')
        model = _materialized_copy(model, X_shape)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def count_flops(model, X_shape):
    """입력 모양 ``X_shape``의 순전파 한 번에 드는 FLOPs (PyTorch의 FlopCounterMode).

    곱셈 하나와 덧셈 하나를 각각 1 FLOP으로 셉니다 (곱셈-덧셈 한 쌍 = 2 FLOPs).
    모델 상태는 바뀌지 않습니다: 지연 층이 있는 모델은 복사본으로 세므로 지연 층의
    모양도 정해지지 않습니다.
    """
    module_argument('count_flops', model)
    X_shape = input_shape('count_flops', X_shape)
    check_input(model, X_shape, 'count_flops')
    if has_lazy_parameters(model):
        model = _materialized_copy(model, X_shape)
    X = torch.zeros(*X_shape, device=device_of(model))
    with evaluation(model), FlopCounterMode(display=False) as counter:
        _forward(model, X)
    return counter.get_total_flops()


def _materialized_copy(model, X_shape):
    """지연 층의 모양을 ``X_shape``의 입력으로 정한 모델의 복사본 (원래 모델은 그대로)."""
    with torch.random.fork_rng(devices=[]):   # 복사본의 초기화가 난수 상태를 바꾸지 않도록
        copy = copy_module(model)
        with evaluation(copy):
            _forward(copy, torch.zeros(*X_shape, device=device_of(model)), explain_for=model)
    return copy


def _forward(model, X, explain_for=None):
    """순전파 한 번.  입력 모양 때문에 실패하면 그 이유를 한 문장으로 알립니다."""
    try:
        return model(X)
    except Exception as err:
        problem = explain_forward_error(explain_for or model, X, err)
        if problem is None:
            raise
        raise RuntimeError(problem) from err


def predict(model, data):
    """검증 데이터 전체에 대한 ``(예측, 정답)``을 CPU 텐서로 돌려줍니다."""
    module_argument('predict', model)
    preds, labels = [], []
    with evaluation(model):
        for X, y in data.val_dataloader():
            X = X.to(device_of(model))
            preds.append(model(X).argmax(dim=1).cpu())
            labels.append(y.cpu())
    return torch.cat(preds), torch.cat(labels)


def confusion_matrix(preds, labels, num_classes=10):
    """``[정답, 예측]`` 칸에 개수를 센 행렬."""
    index = labels * num_classes + preds
    counts = torch.bincount(index, minlength=num_classes * num_classes)
    return counts.reshape(num_classes, num_classes)


def plot_confusion_matrix(matrix, class_names, figsize=(6, 5)):
    """혼동 행렬을 그림으로.  각 행(정답)을 비율로 바꿔 색을 칠합니다."""
    rates = matrix.float() / matrix.sum(dim=1, keepdim=True).clamp(min=1)
    fig = Figure(figsize=figsize, layout='constrained')
    ax = fig.add_subplot()
    image = ax.imshow(rates.numpy(), cmap='Blues', vmin=0, vmax=1)
    ticks = range(len(class_names))
    ax.set_xticks(ticks, class_names, rotation=60, ha='right')
    ax.set_yticks(ticks, class_names)
    ax.set_xlabel(label('예측', 'predicted'))
    ax.set_ylabel(label('정답', 'true'))
    for i in ticks:
        for j in ticks:
            if matrix[i, j]:
                ax.text(j, i, int(matrix[i, j]), ha='center', va='center', fontsize=7,
                        color='white' if rates[i, j] > 0.5 else 'black')
    # 색은 개수가 아니라 그 정답 클래스 안의 비율이라, 클래스마다 예제 수가 달라도 견줄 수 있습니다.
    fig.colorbar(image, ax=ax, shrink=0.8, label=label('정답 클래스 안의 비율', 'share of the true class'))
    return fig


def most_confused(matrix, class_names, k=3):
    """가장 많이 헷갈린 (정답, 예측, 개수) 쌍 ``k`` 개."""
    off_diagonal = matrix.clone()
    off_diagonal.fill_diagonal_(0)
    values, flat = off_diagonal.flatten().topk(k)
    n = matrix.shape[0]
    return [(class_names[i // n], class_names[i % n], int(v))
            for v, i in zip(values.tolist(), flat.tolist())]


def show_misclassified(model, data, n=8):
    """검증 데이터에서 틀린 예제 ``n`` 개를 '정답\\n예측' 제목으로 그립니다."""
    module_argument('show_misclassified', model)
    device = device_of(model)
    with evaluation(model):
        for X, y in data.val_dataloader():
            preds = model(X.to(device)).argmax(dim=1).cpu()
            wrong = (preds != y.cpu()).nonzero().flatten()[:n]
            if len(wrong):
                break
    fig = Figure(figsize=(1.4 * n, 1.9), layout='constrained')
    axes = fig.subplots(1, n, squeeze=False)[0]
    true_names = data.text_labels(y.cpu()[wrong])
    pred_names = data.text_labels(preds[wrong])
    for ax, i, t, p in zip(axes, wrong.tolist(), true_names, pred_names):
        ax.imshow(X[i, 0].cpu(), cmap='gray')
        ax.set_title(f'{t}\n→ {p}', fontsize=8)
    for ax in axes:
        ax.axis('off')
    return fig


def _class_names(model, data, preds, labels, class_names):
    """클래스 이름 목록.  주어지지 않으면 모델의 ``num_classes``와 데이터의 이름표를 씁니다."""
    if class_names is not None:
        return list(class_names)
    seen = int(max(preds.max(), labels.max())) + 1 if len(labels) else 1
    n = max(int(getattr(model, 'num_classes', 0) or 0), seen)
    if hasattr(data, 'text_labels'):
        return list(data.text_labels(range(n)))
    return [str(i) for i in range(n)]


def classification_report(model, data, k=3, class_names=None, show=None, figsize=(6, 5)):
    """검증 데이터 전체로 분류 결과를 요약합니다: 혼동 행렬 그림, 가장 많이 헷갈린 쌍 ``k`` 개의
    표, 클래스별 정확도 표.

    노트북(주피터 커널)에서는 세 가지를 차례로 보여 주고(``show=False`` 면 보여 주지 않음),
    스크립트에서는 보여 주지 않고 돌려주기만 합니다.  돌려주는 ``SimpleNamespace``의 속성:

    * ``preds``, ``labels`` : ``predict``의 예측과 정답 (CPU 텐서)
    * ``matrix`` : ``confusion_matrix``의 혼동 행렬 (``[정답, 예측]`` 칸에 개수)
    * ``per_class`` : 클래스별 정확도 텐서 (대각선 ÷ 행의 합)
    * ``figure``, ``confused``, ``per_class_table`` : 보여 준 그림과 두 표 (DataFrame)

    ``confused``의 ``비율``은 그 정답 클래스의 예제 가운데 그 예측으로 틀린 몫이고,
    ``per_class_table``의 ``예제 수``는 그 클래스의 검증 예제 수입니다.  이 함수가 하는 일은
    ``predict`` → ``confusion_matrix`` → ``plot_confusion_matrix`` → ``most_confused``를
    차례로 부르는 것이 전부입니다.
    """
    import pandas as pd

    module_argument('classification_report', model)
    preds, labels = predict(model, data)
    names = _class_names(model, data, preds, labels, class_names)
    matrix = confusion_matrix(preds, labels, num_classes=len(names))
    totals = matrix.sum(dim=1)
    per_class = matrix.diag() / totals.clamp(min=1)
    figure = plot_confusion_matrix(matrix, names, figsize=figsize)

    pairs = [row for row in most_confused(matrix, names, k=min(k, len(names) ** 2))
             if row[2] > 0]
    confused = pd.DataFrame(
        [(t, p, c, round(c / max(int(totals[names.index(t)]), 1), 3)) for t, p, c in pairs],
        columns=['정답', '예측', '개수', '비율'])
    confused.index = range(1, len(confused) + 1)
    per_class_table = pd.DataFrame(
        {'정확도': [round(a, 3) for a in per_class.tolist()], '예제 수': totals.tolist()},
        index=pd.Index(names, name='클래스'))

    if in_notebook() if show is None else show:
        from IPython.display import display
        display(figure, confused, per_class_table)
    return ClassificationReport(preds=preds, labels=labels, matrix=matrix, per_class=per_class,
                                figure=figure, confused=confused,
                                per_class_table=per_class_table, class_names=names)


class ClassificationReport(types.SimpleNamespace):
    """``classification_report``가 돌려주는 것: 속성은 그 함수의 설명을 보세요."""

    def summary(self, good=0.95):
        """표에서 읽을 것을 세 줄로 출력합니다: 가장 낮은 클래스, 가장 많이 헷갈린 쌍,
        정확도가 ``good`` 이상인 클래스."""
        accuracy = self.per_class_table['정확도']
        print(f'가장 낮은 클래스: {accuracy.idxmin()} (정확도 {accuracy.min():.2f})')
        for _, pair in self.confused.head(1).iterrows():
            print(f'가장 많이 헷갈린 쌍: {pair["정답"]} → {pair["예측"]} ({pair["개수"]}장)')
        print(f'정확도 {good:g} 이상:', ', '.join(accuracy[accuracy >= good].index) or '없음')
