"""d2lmini.analysis: num_params and count_flops leave a lazy model lazy, every function names a
wrong argument in one sentence, and classification_report (the confusion matrix, the
most-confused pairs and per-class accuracy)."""
import types

import pandas as pd
import pytest
import torch
from torch import nn

import d2lmini as d2l
from conftest import TinyCNN, TinyCNNFlat, TinyData, quiet_trainer
from d2lmini.torchutil import has_lazy_parameters


# --- num_params and count_flops leave a lazy model lazy --------------------------------------

def test_count_flops_on_a_lazy_model_leaves_it_lazy_and_trainable_at_another_size():
    model = TinyCNNFlat()
    assert d2l.count_flops(model, (1, 1, 28, 28)) > 0
    assert has_lazy_parameters(model)
    assert len(quiet_trainer(max_epochs=1).fit(model, TinyData(size=8))) == 1


def test_count_flops_without_batch_axis_is_refused_and_model_untouched():
    model = TinyCNNFlat()
    with pytest.raises(ValueError, match=r'count_flops.*배치 축.*\(1, 1, 28, 28\)'):
        d2l.count_flops(model, (1, 28, 28))
    assert has_lazy_parameters(model)


def test_num_params_of_a_lazy_model():
    model = TinyCNNFlat()
    with pytest.raises(ValueError, match=r'num_params\(model, \(1, 1, 28, 28\)\)'):
        d2l.num_params(model)
    count = d2l.num_params(model, (1, 1, 8, 8))
    assert has_lazy_parameters(model)
    materialised = TinyCNNFlat()
    materialised.apply_init([torch.zeros(1, 1, 8, 8)])
    assert count == d2l.num_params(materialised) == (4 * 9 + 4) + (4 * 64 * 2 + 2)
    assert len(quiet_trainer(max_epochs=1).fit(model, TinyData(size=16))) == 1


# --- a wrong argument gets one sentence ------------------------------------------------------

@pytest.mark.parametrize('call, words, kind', [
    (lambda: d2l.count_flops(TinyData(), (1, 1, 8, 8)), ['count_flops', 'TinyData', 'nn.Module'],
     TypeError),
    (lambda: d2l.num_params('LeNet'), ['num_params', 'str', 'nn.Module'], TypeError),
    (lambda: d2l.count_flops(TinyCNN(), 28), ['count_flops', '28', '(1, 1, 28, 28)'], TypeError),
    (lambda: d2l.count_flops(TinyCNN(), (1, 0, 8, 8)), ['count_flops', '(1, 0, 8, 8)'], ValueError),
    (lambda: d2l.predict(TinyData(), TinyCNN()), ['predict', 'TinyData', 'nn.Module'], TypeError),
])
def test_analysis_arguments_get_one_sentence(call, words, kind):
    with pytest.raises(kind) as error:
        call()
    message = str(error.value)
    assert all(w in message for w in words) and '\n' not in message, message


# --- classification_report -------------------------------------------------------------------


class FixedPredictor(d2l.Classifier):
    """Predicts a fixed class for each validation example (in loader order)."""

    def __init__(self, preds, num_classes):
        super().__init__()
        self.save_hyperparameters()
        self.offset = 0
        self.dummy = nn.Parameter(torch.zeros(1))

    def forward(self, X):
        chosen = self.preds[self.offset:self.offset + len(X)]
        self.offset = (self.offset + len(X)) % len(self.preds)
        return nn.functional.one_hot(chosen, self.num_classes).float() + 0 * self.dummy


class FixedData(d2l.DataModule):
    def __init__(self, labels, names=None):
        super().__init__()
        self.labels, self.names = labels, names

    def get_dataloader(self, train):
        X = torch.zeros(len(self.labels), 1, 2, 2)
        return [(X[i:i + 4], self.labels[i:i + 4]) for i in range(0, len(self.labels), 4)]

    def text_labels(self, indices):
        return [self.names[int(i)] for i in indices]


def test_report_counts_pairs_and_per_class_accuracy():
    labels = torch.tensor([0, 0, 0, 0, 1, 1, 1, 2, 2, 2])
    preds = torch.tensor([0, 0, 1, 1, 1, 1, 2, 2, 2, 0])
    data = FixedData(labels, names=['a', 'b', 'c'])
    report = d2l.classification_report(FixedPredictor(preds, 3), data, k=2)
    assert isinstance(report, types.SimpleNamespace)
    assert torch.equal(report.preds, preds) and torch.equal(report.labels, labels)
    assert report.matrix.tolist() == [[2, 2, 0], [0, 2, 1], [1, 0, 2]]
    assert torch.allclose(report.per_class, torch.tensor([0.5, 2 / 3, 2 / 3]))
    assert list(report.confused.columns) == ['정답', '예측', '개수', '비율']
    first = report.confused.iloc[0]
    assert (first['정답'], first['예측'], first['개수'], first['비율']) == ('a', 'b', 2, 0.5)
    assert len(report.confused) == 2
    table = report.per_class_table
    assert table.index.name == '클래스' and list(table.index) == ['a', 'b', 'c']
    assert table['정확도'].tolist() == [0.5, 0.667, 0.667]
    assert table['예제 수'].tolist() == [4, 3, 3]
    ax = report.figure.axes[0]   # the axes read like the tables: rows are 정답, columns 예측
    assert (ax.get_ylabel(), ax.get_xlabel()) in (('정답', '예측'), ('true', 'predicted'))
    assert report.figure.axes[1].get_ylabel() in ('정답 클래스 안의 비율', 'share of the true class')


def test_perfect_predictions_give_no_confused_pairs():
    labels = torch.tensor([0, 1, 1, 0])
    report = d2l.classification_report(FixedPredictor(labels, 2), FixedData(labels, ['x', 'y']))
    assert report.confused.empty and list(report.confused.columns) == ['정답', '예측', '개수', '비율']
    assert report.per_class.tolist() == [1.0, 1.0]


def test_report_on_a_trained_tiny_model(tiny_data):
    model = TinyCNN()
    quiet_trainer(max_epochs=1).fit(model, tiny_data)
    report = d2l.classification_report(model, tiny_data)
    # TinyData has no class names: the numbers stand in for them, and every example is counted.
    assert report.class_names == ['0', '1']
    assert report.matrix.shape == (2, 2) and int(report.matrix.sum()) == tiny_data.n_val
    assert report.figure is not None and isinstance(report.per_class_table, pd.DataFrame)


def test_report_displays_figure_and_two_tables(monkeypatch, tiny_data):
    shown = []
    monkeypatch.setattr('IPython.display.display', lambda *objs: shown.extend(objs))
    report = d2l.classification_report(TinyCNN(), tiny_data, show=True)
    assert shown == [report.figure, report.confused, report.per_class_table]
    shown.clear()
    d2l.classification_report(TinyCNN(), tiny_data)   # no kernel here: nothing is displayed
    assert shown == []


def test_report_summary_reads_the_tables(capsys):
    """08 and 09 read the report through report.summary() instead of a copied cell."""
    import pandas as pd
    from d2lmini.analysis import ClassificationReport
    report = ClassificationReport(
        per_class_table=pd.DataFrame({'정확도': [0.74, 0.97, 0.99]},
                                     index=pd.Index(['shirt', 'bag', 'sandal'], name='클래스')),
        confused=pd.DataFrame([('shirt', 't-shirt', 102, 0.1)], columns=['정답', '예측', '개수', '비율']))
    report.summary()
    assert capsys.readouterr().out.splitlines() == [
        '가장 낮은 클래스: shirt (정확도 0.74)', '가장 많이 헷갈린 쌍: shirt → t-shirt (102장)',
        '정확도 0.95 이상: bag, sandal']
