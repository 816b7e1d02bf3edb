"""모델 살펴보기: 파라미터 수, FLOPs, 검증 예측, 혼동 행렬, 틀린 예제."""
import torch
from matplotlib.figure import Figure
from torch.utils.flop_counter import FlopCounterMode

from .module import _device_of, _evaluation


def num_params(model):
    """학습되는 파라미터 수 (지연 층은 먼저 순전파로 모양을 정해야 합니다)."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def count_flops(model, X_shape):
    """입력 모양 ``X_shape`` 의 순전파 한 번에 드는 FLOPs (PyTorch 의 FlopCounterMode).

    곱셈 하나와 덧셈 하나를 각각 1 FLOP으로 셉니다 (곱셈-덧셈 한 쌍 = 2 FLOPs).
    모델 상태는 바뀌지 않습니다.
    """
    X = torch.zeros(*X_shape, device=_device_of(model))
    with _evaluation(model), FlopCounterMode(display=False) as counter:
        model(X)
    return counter.get_total_flops()


def predict(model, data):
    """검증 데이터 전체에 대한 ``(예측, 정답)`` 을 CPU 텐서로 돌려줍니다."""
    preds, labels = [], []
    with _evaluation(model):
        for X, y in data.val_dataloader():
            X = X.to(_device_of(model))
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
    image = ax.imshow(rates, cmap='Blues', vmin=0, vmax=1)
    ticks = range(len(class_names))
    ax.set_xticks(ticks, class_names, rotation=60, ha='right')
    ax.set_yticks(ticks, class_names)
    ax.set_xlabel('predicted')
    ax.set_ylabel('true')
    for i in ticks:
        for j in ticks:
            if matrix[i, j]:
                ax.text(j, i, int(matrix[i, j]), ha='center', va='center', fontsize=7,
                        color='white' if rates[i, j] > 0.5 else 'black')
    fig.colorbar(image, ax=ax, shrink=0.8)
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
    device = _device_of(model)
    with _evaluation(model):
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
