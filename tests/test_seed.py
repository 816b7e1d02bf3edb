"""The study notes' model code runs on d2lmini and prints the notes' recorded shapes.

The notes' copies lost the tab that the book prints after ``output shape:`` (as they lost
their formulas); the expected text below restores it and is otherwise the notes' text.
"""
import contextlib
import io

import pytest
import torch

import d2lmini as d2l
import seed_models as seed

NOTES_LENET = """\
Conv2d output shape: torch.Size([1, 6, 28, 28])
Sigmoid output shape: torch.Size([1, 6, 28, 28])
AvgPool2d output shape: torch.Size([1, 6, 14, 14])
Conv2d output shape: torch.Size([1, 16, 10, 10])
Sigmoid output shape: torch.Size([1, 16, 10, 10])
AvgPool2d output shape: torch.Size([1, 16, 5, 5])
Flatten output shape: torch.Size([1, 400])
Linear output shape: torch.Size([1, 120])
Sigmoid output shape: torch.Size([1, 120])
Linear output shape: torch.Size([1, 84])
Sigmoid output shape: torch.Size([1, 84])
Linear output shape: torch.Size([1, 10])
"""

NOTES_NIN = """\
Sequential output shape: torch.Size([1, 96, 54, 54])
MaxPool2d output shape: torch.Size([1, 96, 26, 26])
Sequential output shape: torch.Size([1, 256, 26, 26])
MaxPool2d output shape: torch.Size([1, 256, 12, 12])
Sequential output shape: torch.Size([1, 384, 12, 12])
MaxPool2d output shape: torch.Size([1, 384, 5, 5])
Dropout output shape: torch.Size([1, 384, 5, 5])
Sequential output shape: torch.Size([1, 10, 5, 5])
AdaptiveAvgPool2d output shape: torch.Size([1, 10, 1, 1])
Flatten output shape: torch.Size([1, 10])
"""

NOTES_RESNET18 = """\
Sequential output shape: torch.Size([1, 64, 24, 24])
Sequential output shape: torch.Size([1, 64, 24, 24])
Sequential output shape: torch.Size([1, 128, 12, 12])
Sequential output shape: torch.Size([1, 256, 6, 6])
Sequential output shape: torch.Size([1, 512, 3, 3])
Sequential output shape: torch.Size([1, 10])
"""


def with_tab(notes_text):
    return notes_text.replace('output shape: ', 'output shape:\t ')


def summary(model, shape):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        model.layer_summary(shape)
    return out.getvalue()


@pytest.mark.parametrize('make, shape, expected', [
    (seed.LeNet, (1, 1, 28, 28), NOTES_LENET),
    (seed.NiN, (1, 1, 224, 224), NOTES_NIN),
    (seed.ResNet18, (1, 1, 96, 96), NOTES_RESNET18),
], ids=['LeNet', 'NiN', 'ResNet18'])
def test_layer_summary_prints_the_notes_result(make, shape, expected):
    assert summary(make(), shape) == with_tab(expected)


VGG_ARCH = ((1, 16), (1, 32), (2, 64), (2, 128), (2, 128))

# The notes' training cells, unmodified but for the import.  Under the smoke profile the
# library itself caps epochs and data, so they finish in seconds.
NOTES_RUNS = {
    'LeNet': (lambda: seed.LeNet(lr=0.1), 128, (28, 28), seed.init_cnn),
    'VGG': (lambda: seed.VGG(arch=VGG_ARCH, lr=0.01), 128, (224, 224), d2l.init_cnn),
    'NiN': (lambda: seed.NiN(lr=0.05), 128, (224, 224), d2l.init_cnn),
    'GoogleNet': (lambda: seed.GoogleNet(lr=0.01), 128, (96, 96), d2l.init_cnn),
    'BNLeNetScratch': (lambda: seed.BNLeNetScratch(lr=0.1), 128, (28, 28), d2l.init_cnn),
    'ResNet18': (lambda: seed.ResNet18(lr=0.01), 128, (96, 96), d2l.init_cnn),
}


@pytest.mark.parametrize('name', list(NOTES_RUNS))
def test_notes_training_code_runs_on_d2lmini(name, monkeypatch, capsys):
    monkeypatch.setenv('D2LMINI_PROFILE', 'smoke')
    make_model, batch_size, resize, init = NOTES_RUNS[name]
    trainer = d2l.Trainer(max_epochs=10, num_gpus=1)
    data = d2l.FashionMNIST(batch_size=batch_size, resize=resize)
    model = make_model()
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], init)
    history = trainer.fit(model, data)
    out = capsys.readouterr().out
    assert 'smoke' in out                       # the caps are announced, not silent
    assert len(history) == 1 and history.stop_reason is None
    row = history[0]
    assert torch.isfinite(torch.tensor([row['train_loss'], row['val_loss']])).all()
    assert 0.0 <= row['val_acc'] <= 1.0
