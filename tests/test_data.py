"""Tests for the Fashion-MNIST data module (d2lmini.data) and the synthetic stand-in.

Real-data tests read the four official files from the directory in ``D2LMINI_DATA`` and
are skipped when it is unset or the files are not there.  Every other test uses the synthetic stand-in and a
patched-out download, so the file runs offline.
"""
import gzip
import os
from pathlib import Path

import matplotlib
import pytest
import torch
from torch import nn

import d2lmini
from conftest import DenseBN, TinyCNN, quiet_trainer
from d2lmini import data as data_module
from d2lmini import download
from d2lmini import standin
from d2lmini.data import FashionMNIST

# Facts about the official files (computed once from them).
TRAIN_FIRST_LABELS = [9, 0, 0, 3, 0, 2, 7, 2, 5, 5]
VAL_FIRST_LABELS = [9, 2, 1, 1, 6, 1, 4, 6, 5, 7]
TRAIN_IMAGE0_SUM, VAL_IMAGE0_SUM = 76247, 33456
NAMES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte',
         't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']


def no_download(*args, **kwargs):
    raise AssertionError('download_files must not be called here')


def network_down(*args, **kwargs):
    raise OSError('no network (simulated by the test)')


@pytest.fixture
def offline(tmp_path, monkeypatch):
    """No data anywhere and no network: an empty cache dir, D2LMINI_DATA unset."""
    monkeypatch.delenv('D2LMINI_DATA', raising=False)
    monkeypatch.delenv('D2LMINI_OFFLINE', raising=False)
    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path / 'cache'))
    calls = []

    def failing_download(data_dir, names):
        calls.append((Path(data_dir), list(names)))
        network_down()

    monkeypatch.setattr(download, 'download_files', failing_download)
    return calls


def synthetic(**kwargs):
    kwargs.setdefault('source', 'synthetic')
    return FashionMNIST(**kwargs)


def all_batches(loader):
    Xs, ys = zip(*loader)
    return torch.cat(Xs), torch.cat(ys)


# --- real data ---------------------------------------------------------------------------

def test_real_data_known_values(real_data_dir, monkeypatch):
    monkeypatch.setattr(download, 'download_files', no_download)
    data = FashionMNIST(root=real_data_dir)
    assert data.source == 'real'
    assert (len(data.train), len(data.val)) == (60_000, 10_000)
    assert data.train.images.shape == (60_000, 1, 28, 28)
    assert data.train.images.dtype == torch.uint8 and data.train.labels.dtype == torch.int64
    assert data.train.labels[:10].tolist() == TRAIN_FIRST_LABELS
    assert data.val.labels[:10].tolist() == VAL_FIRST_LABELS
    assert int(data.train.images[0].sum()) == TRAIN_IMAGE0_SUM
    assert int(data.val.images[0].sum()) == VAL_IMAGE0_SUM
    assert data.train.labels.bincount().tolist() == [6000] * 10
    # The validation loader keeps the file order and scales pixels to [0, 1].
    X, y = next(iter(data.val_dataloader()))
    assert y[:10].tolist() == VAL_FIRST_LABELS
    assert torch.allclose(X[0].sum() * 255, torch.tensor(float(VAL_IMAGE0_SUM)), rtol=1e-5)


def test_real_data_found_through_env_and_cached_in_process(real_data_dir, monkeypatch):
    monkeypatch.setenv('D2LMINI_DATA', str(real_data_dir))
    monkeypatch.setattr(download, 'download_files', no_download)
    first = FashionMNIST()
    # A second module must reuse the parsed tensors, not read or verify the files again.
    monkeypatch.setattr(data_module, 'read_split', no_download)
    second = FashionMNIST(batch_size=7)
    assert first.source == second.source == 'real'
    assert torch.equal(second.train.images, first.train.images)
    assert second.train.images.data_ptr() != first.train.images.data_ptr()   # own copy


def test_unpacked_files_in_torchvision_layout(real_data_dir, tmp_path, monkeypatch):
    """Unpacked IDX files under FashionMNIST/raw (where torchvision puts them) also work."""
    monkeypatch.setattr(download, 'download_files', no_download)
    raw = tmp_path / 'FashionMNIST' / 'raw'
    raw.mkdir(parents=True)
    for name in NAMES:
        (raw / name).write_bytes(gzip.decompress((real_data_dir / f'{name}.gz').read_bytes()))
    data = FashionMNIST(root=tmp_path)
    assert data.source == 'real'
    assert data.val.labels[:10].tolist() == VAL_FIRST_LABELS
    assert int(data.train.images[0].sum()) == TRAIN_IMAGE0_SUM


@pytest.mark.parametrize('broken', ['t10k-labels-idx1-ubyte.gz', 't10k-labels-idx1-ubyte'])
def test_truncated_file_gives_clear_error(real_data_dir, tmp_path, monkeypatch, broken):
    monkeypatch.setattr(download, 'download_files', no_download)
    for name in NAMES:
        if not broken.startswith(name):
            (tmp_path / f'{name}.gz').symlink_to(real_data_dir / f'{name}.gz')
    whole = (real_data_dir / 't10k-labels-idx1-ubyte.gz').read_bytes()
    if not broken.endswith('.gz'):
        whole = gzip.decompress(whole)
    (tmp_path / broken).write_bytes(whole[:len(whole) // 2])
    with pytest.raises(RuntimeError) as error:
        FashionMNIST(root=tmp_path)
    message = str(error.value)
    assert broken in message and 'MD5' in message
    assert '지우고' in message and 'D2LMINI_DATA' in message


# --- official files compressed another way, or not at all --------------------------------

def test_regzipped_official_files_are_accepted(real_data_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(data_module, '_CACHE', {})
    for path in real_data_dir.glob('*-ubyte.gz'):
        content = gzip.decompress(path.read_bytes())
        (tmp_path / path.name).write_bytes(gzip.compress(content, compresslevel=1, mtime=1))
    data = FashionMNIST(root=tmp_path, source='real')
    assert data.val.labels[:3].tolist() == [9, 2, 1]


def test_gz_name_holding_uncompressed_official_data_is_accepted(real_data_dir, fresh_root,
                                                                 monkeypatch):
    fresh_root.mkdir()
    for name in NAMES:
        (fresh_root / f'{name}.gz').symlink_to(real_data_dir / f'{name}.gz')
    plain = gzip.decompress((real_data_dir / 't10k-labels-idx1-ubyte.gz').read_bytes())
    (fresh_root / 't10k-labels-idx1-ubyte.gz').unlink()
    (fresh_root / 't10k-labels-idx1-ubyte.gz').write_bytes(plain)    # renamed, never compressed
    monkeypatch.setattr(download, 'download_files', None)            # nothing to download
    data = FashionMNIST(root=fresh_root, source='real')
    assert data.val.labels[:3].tolist() == [9, 2, 1]
    # Uncompressed but damaged data under the .gz name is still refused, naming the file.
    (fresh_root / 't10k-labels-idx1-ubyte.gz').write_bytes(plain[:-100])
    monkeypatch.setattr(data_module, '_CACHE', {})
    with pytest.raises(RuntimeError, match=r'(?s)t10k-labels-idx1-ubyte\.gz.*MD5'):
        FashionMNIST(root=fresh_root, source='real')


# --- download and the synthetic stand-in ---------------------------------------------------

def test_no_network_falls_back_to_standin_with_banner(offline, capsys):
    data = FashionMNIST(batch_size=32)
    out = capsys.readouterr().out
    assert data.source == 'synthetic'
    assert '합성 대체 데이터' in out and '진짜 Fashion-MNIST가 아닙니다' in out
    assert 'D2LMINI_DATA' in out and 'no network' in out
    # It tried to fetch all four files into the per-user cache directory.
    assert len(offline) == 1
    cache_dir, names = offline[0]
    assert cache_dir == Path(os.environ['XDG_CACHE_HOME']) / 'd2lmini' / 'fashion-mnist'
    assert sorted(names) == sorted(NAMES)
    assert (len(data.train), len(data.val)) == (60_000, 10_000)
    assert data.train.images.shape == (60_000, 1, 28, 28)
    assert data.train.images.dtype == torch.uint8
    assert data.train.labels.unique().tolist() == list(range(10))


def test_offline_env_var_skips_download(offline, monkeypatch, capsys):
    monkeypatch.setenv('D2LMINI_OFFLINE', '1')
    monkeypatch.setattr(download, 'download_files', no_download)
    assert FashionMNIST().source == 'synthetic'
    assert 'D2LMINI_OFFLINE' in capsys.readouterr().out


def test_source_synthetic_never_downloads(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(download, 'download_files', no_download)
    data = FashionMNIST(root=tmp_path, source='synthetic')
    assert data.source == 'synthetic'
    assert '합성 대체 데이터' in capsys.readouterr().out
    assert data.hparams['source'] == 'synthetic'


def test_source_real_raises_instead_of_falling_back(offline):
    with pytest.raises(RuntimeError, match="source='real'"):
        FashionMNIST(source='real')


def test_standin_is_deterministic_balanced_and_varied():
    images, labels = standin.make_split(500, seed=3)
    again, _ = standin.make_split(500, seed=3)
    other, _ = standin.make_split(500, seed=4)
    assert images.shape == (500, 1, 28, 28) and images.dtype == torch.uint8
    assert labels.dtype == torch.int64 and labels.bincount().tolist() == [50] * 10
    assert torch.equal(images, again) and not torch.equal(images, other)
    # Objects on a dark background, and the class silhouettes differ from each other.
    assert images[:, :, 0, :].float().mean() < 10
    means = torch.stack([images[labels == c].float().mean(0).flatten() for c in range(10)])
    distances = torch.cdist(means, means) + torch.eye(10) * 1e9
    assert distances.min() > 100


def test_standin_is_learnable():
    torch.manual_seed(0)
    data = synthetic(batch_size=64, limit=(3000, 1000))
    net = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 10))
    optimizer = torch.optim.Adam(net.parameters(), lr=3e-3)
    for X, y in data.train_dataloader():
        loss = nn.functional.cross_entropy(net(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        X, y = all_batches(data.val_dataloader())
        accuracy = (net(X).argmax(1) == y).float().mean().item()
    assert accuracy > 0.5, f'accuracy after one epoch: {accuracy:.3f}'


# --- subsets, batches, shapes ------------------------------------------------------------

def test_balanced_subsets():
    data = synthetic(fraction=0.01)
    assert (len(data.train), len(data.val)) == (600, 100)
    assert data.train.labels.bincount().tolist() == [60] * 10
    assert data.val.labels.bincount().tolist() == [10] * 10
    uneven = synthetic(limit=(105, 33))
    assert (len(uneven.train), len(uneven.val)) == (105, 33)
    for split in (uneven.train, uneven.val):
        counts = split.labels.bincount(minlength=10)
        assert counts.max() - counts.min() <= 1
    assert (len(synthetic(limit=200).train), len(synthetic(limit=200).val)) == (200, 200)
    assert len(synthetic(limit=(None, 50)).train) == 60_000
    assert len(synthetic(fraction=0.01, limit=300).train) == 300
    assert len(synthetic(fraction=0.01, limit=5000).train) == 600


def test_subset_depends_on_seed_only():
    a, b, c = (synthetic(limit=100, seed=s) for s in (0, 0, 1))
    assert torch.equal(a.train.images, b.train.images)
    assert not torch.equal(a.train.images, c.train.images)


@pytest.mark.parametrize('resize, size', [(28, (28, 28)), (32, (32, 32)), ((40, 24), (40, 24)),
                                          ([14, 14], (14, 14)), (224, (224, 224))])
def test_resize_shape_dtype_and_range(resize, size):
    data = synthetic(batch_size=16, resize=resize, limit=(64, 32))
    assert data.image_size == size
    for loader in (data.train_dataloader(), data.val_dataloader()):
        X, y = next(iter(loader))
        assert X.shape == (16, 1, *size) and X.dtype == torch.float32
        assert y.shape == (16,) and y.dtype == torch.int64
        assert X.min() >= 0 and X.max() <= 1 and X.max() > 0.2
    image, label = data.train[0]
    assert image.shape == (1, *size) and isinstance(label, int)


def test_batches_cover_the_data_once_with_a_smaller_last_batch():
    data = synthetic(batch_size=32, limit=(100, 50))
    loader = data.train_dataloader()
    sizes = [len(y) for _, y in loader]
    assert len(loader) == 4 and sizes == [32, 32, 32, 4]
    X, y = all_batches(loader)
    assert torch.equal(y.bincount(minlength=10), data.train.labels.bincount(minlength=10))
    # Validation keeps its order.
    X, y = all_batches(data.val_dataloader())
    assert torch.equal(y, data.val.labels)
    assert torch.equal(X, data.val.images.float() / 255)


def test_shuffling_is_reproducible():
    def two_epochs(seed):
        data = synthetic(batch_size=50, limit=(200, 50), seed=seed)
        loader = data.train_dataloader()
        return [all_batches(loader)[1] for _ in range(2)]

    first, again, other = two_epochs(0), two_epochs(0), two_epochs(1)
    assert all(torch.equal(a, b) for a, b in zip(first, again))
    assert not torch.equal(first[0], first[1])          # a new order every epoch
    assert not torch.equal(first[0], other[0])          # another seed, another order
    assert not torch.equal(first[0], first[0].sort().values)


def test_device_is_read_when_iterating():
    data = synthetic(batch_size=8, limit=(16, 16))
    loader = data.train_dataloader()
    data.device = torch.device('meta')  # set after the loader exists, as the Trainer does
    X, y = next(iter(loader))
    assert X.device.type == 'meta' and y.device.type == 'meta'
    assert X.dtype == torch.float32 and y.dtype == torch.int64


def test_text_labels():
    data = synthetic(limit=10)
    assert data.text_labels(range(10)) == [
        't-shirt', 'trouser', 'pullover', 'dress', 'coat',
        'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot']
    assert data.text_labels(torch.tensor([9, 0])) == ['ankle boot', 't-shirt']


def test_visualize_draws_one_figure_with_titles():
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    plt.close('all')
    data = synthetic(batch_size=16, limit=(16, 16))
    X, y = next(iter(data.val_dataloader()))
    assert data.visualize((X, y), nrows=2, ncols=4) is None
    assert len(plt.get_fignums()) == 1
    axes = plt.gcf().axes
    assert len(axes) == 8
    assert [ax.get_title() for ax in axes] == data.text_labels(y[:8])
    data.visualize((X, y), ncols=3, labels=['a', 'b', 'c'])
    assert [ax.get_title() for ax in plt.gcf().axes] == ['a', 'b', 'c']
    plt.close('all')


@pytest.mark.parametrize('kwargs, words, error', [
    (dict(batch_size=0), '배치 크기', ValueError), (dict(batch_size=-3), '배치 크기', ValueError),
    (dict(batch_size=2.5), '배치 크기', TypeError), (dict(resize=0), '해상도', ValueError),
    (dict(resize=(28,)), '해상도', ValueError), (dict(resize=(28, 0)), '해상도', ValueError),
    (dict(resize='big'), '해상도', TypeError), (dict(fraction=0), 'fraction', ValueError),
    (dict(fraction=1.5), 'fraction', ValueError), (dict(fraction='half'), 'fraction', TypeError),
    (dict(limit=0), 'limit', ValueError), (dict(limit=(1, 2, 3)), 'limit', ValueError),
    (dict(limit='all'), 'limit', TypeError), (dict(source='imagenet'), 'source', ValueError),
    (dict(augment='no'), 'augment', TypeError),
])
def test_bad_arguments_raise_clear_errors(kwargs, words, error):
    """One rule for every argument: TypeError for the wrong kind of value, ValueError for the
    right kind out of range; the sentence names the argument, the value and a fix in code."""
    name, value = next(iter(kwargs.items()))
    with pytest.raises(error, match=words) as raised:
        FashionMNIST(**kwargs)
    assert type(raised.value) is error
    assert f'{name}={value!r} 대신' in str(raised.value) and '처럼 쓰세요' in str(raised.value)


# --- the data directory, and data modules that share nothing ------------------------------

def test_data_env_pointing_at_a_file_is_named(tmp_path, monkeypatch):
    file = tmp_path / 'train-images-idx3-ubyte.gz'
    file.write_bytes(b'x')
    monkeypatch.setenv('D2LMINI_DATA', str(file))
    with pytest.raises(ValueError, match=r'D2LMINI_DATA.*파일'):
        FashionMNIST()
    with pytest.raises(ValueError, match=r'root 인자.*파일'):
        FashionMNIST(root=file)


def test_changing_one_data_module_leaves_the_next_alone():
    first = FashionMNIST(source='synthetic')
    first.train.images.zero_()
    first.val.labels.fill_(3)
    second = FashionMNIST(source='synthetic')
    assert second.train.images.sum() > 0
    assert second.val.labels.bincount().tolist() != [0, 0, 0, 10_000]
    small = FashionMNIST(source='synthetic', limit=100)
    small.train.images.zero_()
    assert FashionMNIST(source='synthetic', limit=100).train.images.sum() > 0


# --- batch normalisation never gets a one-example training batch ---------------------------

def test_fashion_mnist_never_yields_a_one_example_training_batch():
    data = FashionMNIST(batch_size=32, source='synthetic', limit=(65, 33))
    loader = data.train_dataloader()
    sizes = [len(y) for _, y in loader]
    assert len(loader) == 2 and sorted(sizes) == [32, 33]
    assert [len(y) for _, y in data.val_dataloader()] == [32, 1]   # prediction mode: fine
    history = quiet_trainer(max_epochs=1).fit(DenseBN(), TenClassesAsTwo(data))
    assert len(history) == 1


class TenClassesAsTwo(d2lmini.DataModule):
    """Fashion-MNIST batches with labels folded to two classes (for the small DenseBN)."""

    def __init__(self, data):
        self.data = data

    def get_dataloader(self, train):
        self.data.device = getattr(self, 'device', self.data.device)
        loader = self.data.get_dataloader(train)

        class Folded:
            def __len__(inner):
                return len(loader)

            def __iter__(inner):
                return ((X, y % 2) for X, y in loader)

        return Folded()


# --- a data module written by the learner -------------------------------------------------

def test_data_module_without_get_dataloader_is_named():
    class NoLoader(d2lmini.DataModule):
        pass

    with pytest.raises(NotImplementedError, match=r'get_dataloader\(self, train\)'):
        quiet_trainer(max_epochs=1).fit(TinyCNN(), NoLoader())


# --- profiles and packaging ----------------------------------------------------------------

def test_smoke_profile_caps_the_data(monkeypatch, capsys):
    monkeypatch.setenv('D2LMINI_PROFILE', 'smoke')
    capsys.readouterr()
    data = synthetic(batch_size=64)
    out = capsys.readouterr().out
    assert (len(data.train), len(data.val)) == (256, 128)
    assert 'smoke' in out and '256' in out
    counts = data.train.labels.bincount(minlength=10)
    assert counts.max() - counts.min() <= 1
    smaller = synthetic(limit=(100, 50))
    assert (len(smaller.train), len(smaller.val)) == (100, 50)
    assert 'smoke' not in capsys.readouterr().out


def test_cpu_profile_keeps_all_data():
    data = synthetic()
    assert (len(data.train), len(data.val)) == (60_000, 10_000)


def test_exported_from_the_package():
    assert d2lmini.FashionMNIST is FashionMNIST
    assert issubclass(FashionMNIST, d2lmini.DataModule)


# --- settings changed after the data module is made -----------------------------------------

def _synthetic(**kwargs):
    return FashionMNIST(batch_size=8, source='synthetic', limit=(16, 8), **kwargs)


@pytest.mark.parametrize('value', ['no', 'False', 0, None])
def test_augment_set_afterwards_to_a_non_bool_is_one_sentence(value):
    """data.augment = 'no' used to switch augmentation on ('no' is a true value)."""
    data = _synthetic()
    with pytest.raises(TypeError) as err:
        data.augment = value
    assert f'augment={value!r} 대신 augment=False' in str(err.value) and '\n' not in str(err.value)
    assert data.augment is False
    first = next(iter(data.train_dataloader()))[0]
    assert torch.equal(first, next(iter(_synthetic().train_dataloader()))[0])   # not augmented


def test_augment_set_afterwards_to_true_augments():
    data = _synthetic()
    data.augment = True
    assert not torch.equal(next(iter(data.train_dataloader()))[0],
                           next(iter(_synthetic().train_dataloader()))[0])


def test_batch_size_and_resize_set_afterwards_are_checked_and_followed():
    data = _synthetic()
    data.batch_size = 4
    data.resize = 14
    X, y = next(iter(data.train_dataloader()))
    assert X.shape == (4, 1, 14, 14) and data.image_size == (14, 14)
    assert data.train[0][0].shape == (1, 14, 14)
    with pytest.raises(ValueError, match='batch_size'):
        data.batch_size = 0
    with pytest.raises(TypeError, match='resize'):
        data.resize = '56'
    assert data.batch_size == 4 and data.image_size == (14, 14)


@pytest.mark.parametrize('name, value', [('fraction', 0.5), ('limit', 100), ('seed', 1),
                                         ('source', 'real'), ('root', '/tmp')])
def test_settings_that_choose_the_examples_cannot_change_afterwards(name, value):
    """data.fraction = 0.5 after construction used to change nothing, silently."""
    data = _synthetic()
    before = data.train.labels.clone()
    with pytest.raises(RuntimeError) as err:
        setattr(data, name, value)
    assert f'{name}={value!r}' in str(err.value) and '다시 만드세요' in str(err.value)
    assert torch.equal(data.train.labels, before)
