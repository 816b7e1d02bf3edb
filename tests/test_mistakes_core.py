"""A learner's mistakes in the newer parts (downloads, optimizers, model outputs, analysis,
make): each ends in one clear sentence naming the mistake and the fix, or now just works.

Every test here failed on the code before the change it checks (a raw traceback, a misleading
message, silence, or a model quietly changed).  Servers are on 127.0.0.1 only and every wait
is bounded.
"""
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path

import pytest
import torch
from torch import nn

import d2lmini as d2l
from conftest import TinyCNN, TinyData, quiet_trainer
from d2lmini import download
from d2lmini.data import FashionMNIST
from d2lmini.module import has_lazy_parameters

REPO = Path(__file__).resolve().parents[1]
REAL_DIR = Path(os.environ.get('D2LMINI_DATA') or '/nonexistent')
needs_real = pytest.mark.skipif(
    not (REAL_DIR / 'train-labels-idx1-ubyte.gz').is_file(),
    reason='needs the official .gz files in D2LMINI_DATA')
NAMES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte',
         't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']


# --- 1. downloads: D2LMINI_MIRROR mistakes ------------------------------------------------

@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """No data anywhere, no cached tensors, no offline switch; returns an empty root."""
    monkeypatch.delenv('D2LMINI_DATA', raising=False)
    monkeypatch.delenv('D2LMINI_OFFLINE', raising=False)
    monkeypatch.setattr(d2l.data, '_CACHE', {})
    return tmp_path / 'fm'


def real_error(root):
    with pytest.raises(RuntimeError) as error:
        FashionMNIST(root=root, source='real')
    return str(error.value)


def says_mirror(message, value, url):
    return 'D2LMINI_MIRROR' in message and repr(value) in message and url in message


@pytest.mark.parametrize('value', ['example.org/fm', 'fashion-mnist/files'])
def test_mirror_that_is_not_a_url_says_how_to_write_one(fresh, monkeypatch, value):
    monkeypatch.setenv('D2LMINI_MIRROR', value)
    with pytest.raises(ValueError) as error:
        FashionMNIST(root=fresh)            # even without source='real': a typo, not the network
    message = str(error.value)
    assert says_mirror(message, value, f'{value}/train-images-idx3-ubyte.gz')
    assert 'https://' in message and 'file://' in message
    assert not fresh.exists()


@needs_real
def test_mirror_given_as_a_local_folder_is_used(fresh, monkeypatch):
    monkeypatch.setenv('D2LMINI_MIRROR', str(REAL_DIR))
    download.download_files(fresh, ['t10k-labels-idx1-ubyte'])
    path = fresh / 't10k-labels-idx1-ubyte.gz'
    assert path.read_bytes() == (REAL_DIR / path.name).read_bytes()


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def test_mirror_refusing_connections_is_named_with_the_url(fresh, monkeypatch, capsys):
    mirror = f'http://127.0.0.1:{free_port()}/fm'
    monkeypatch.setenv('D2LMINI_MIRROR', mirror)
    url = f'{mirror}/train-images-idx3-ubyte.gz'
    message = real_error(fresh)
    assert says_mirror(message, mirror, url) and '연결' in message and '서버' in message
    assert '인터넷에 연결해' not in message
    assert FashionMNIST(root=fresh, limit=10).source == 'synthetic'   # fallback: same sentence
    out = capsys.readouterr().out
    assert says_mirror(out, mirror, url) and '인터넷에 연결된 상태에서' not in out


@pytest.fixture
def empty_server(tmp_path):
    """An HTTP server on 127.0.0.1 with no files: every request is a 404."""
    folder = tmp_path / 'empty'
    folder.mkdir()
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f'http://127.0.0.1:{server.server_address[1]}/'
    server.shutdown()
    server.server_close()


def test_mirror_without_the_files_says_404_and_which_folder(fresh, monkeypatch, empty_server):
    monkeypatch.setenv('D2LMINI_MIRROR', empty_server)
    message = real_error(fresh)
    assert says_mirror(message, empty_server, f'{empty_server}train-images-idx3-ubyte.gz')
    assert '404' in message and '폴더' in message


def test_mirror_that_never_answers_times_out_with_the_url(fresh, monkeypatch):
    monkeypatch.setattr(download, 'DOWNLOAD_TIMEOUT', 0.5)
    with socket.socket() as silent:            # accepts connections (backlog), never answers
        silent.bind(('127.0.0.1', 0))
        silent.listen(4)
        mirror = f'http://127.0.0.1:{silent.getsockname()[1]}/'
        monkeypatch.setenv('D2LMINI_MIRROR', mirror)
        start = time.monotonic()
        message = real_error(fresh)
        assert time.monotonic() - start < 10
    assert says_mirror(message, mirror, f'{mirror}train-images-idx3-ubyte.gz')
    assert '0.5초' in message and '응답' in message


# --- 1. downloads: a second downloader, and a .gz that is not compressed -----------------

SLOW_SERVER = r'''
import http.server, sys, time
from pathlib import Path
folder = Path(sys.argv[1])

class Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        data = (folder / self.path.lstrip('/')).read_bytes()
        self.send_response(200)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        for i in range(0, len(data), 1024):
            self.wfile.write(data[i:i + 1024])
            self.wfile.flush()
            time.sleep(0.02)

    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Slow)
print(server.server_address[1], flush=True)
server.serve_forever()
'''

DOWNLOADER = r'''
import sys, time
from pathlib import Path
from d2lmini import download
go = Path(sys.argv[1])
while not go.exists():          # imported and ready: start when the test says so
    time.sleep(0.01)
download.download_files(sys.argv[2], sys.argv[3:])
'''


@needs_real
def test_second_downloader_says_once_whom_it_waits_for(tmp_path):
    server = subprocess.Popen([sys.executable, '-c', SLOW_SERVER, str(REAL_DIR)],
                              stdout=subprocess.PIPE, text=True)
    try:
        mirror = f'http://127.0.0.1:{int(server.stdout.readline())}/'
        env = dict(os.environ, D2LMINI_MIRROR=mirror, PYTHONPATH=str(REPO))
        folder, name = tmp_path / 'fm', 'train-labels-idx1-ubyte'   # 29 kB: about 0.6 s

        def start(go):
            return subprocess.Popen([sys.executable, '-c', DOWNLOADER, str(go), str(folder), name],
                                    env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True)

        first, second = start(tmp_path / 'go1'), start(tmp_path / 'go2')
        (tmp_path / 'go1').touch()
        deadline = time.monotonic() + 60
        while not (folder / f'{name}.gz.part').is_file():
            assert time.monotonic() < deadline and first.poll() is None, 'never started'
            time.sleep(0.01)
        (tmp_path / 'go2').touch()           # the first one holds the lock now
        out1, err1 = first.communicate(timeout=60)
        out2, err2 = second.communicate(timeout=60)
        assert first.returncode == second.returncode == 0, err1 + err2
    finally:
        server.kill()
        server.wait(timeout=10)
    waits = [line for line in out2.splitlines() if '기다립니다' in line]
    assert len(waits) == 1, out2
    assert f'pid {first.pid}' in waits[0] and socket.gethostname() in waits[0]
    assert '기다립니다' not in out1


@needs_real
def test_gz_name_holding_uncompressed_official_data_is_accepted(fresh, monkeypatch):
    import gzip
    fresh.mkdir()
    for name in NAMES:
        (fresh / f'{name}.gz').symlink_to(REAL_DIR / f'{name}.gz')
    plain = gzip.decompress((REAL_DIR / 't10k-labels-idx1-ubyte.gz').read_bytes())
    (fresh / 't10k-labels-idx1-ubyte.gz').unlink()
    (fresh / 't10k-labels-idx1-ubyte.gz').write_bytes(plain)    # renamed, never compressed
    monkeypatch.setattr(download, 'download_files', None)       # nothing to download
    data = FashionMNIST(root=fresh, source='real')
    assert data.val.labels[:3].tolist() == [9, 2, 1]
    # Uncompressed but damaged data under the .gz name is still refused, naming the file.
    (fresh / 't10k-labels-idx1-ubyte.gz').write_bytes(plain[:-100])
    monkeypatch.setattr(d2l.data, '_CACHE', {})
    with pytest.raises(RuntimeError, match=r'(?s)t10k-labels-idx1-ubyte\.gz.*MD5'):
        FashionMNIST(root=fresh, source='real')


# --- 2. configure_optimizers in every form Lightning accepts --------------------------

class Scheduled(TinyCNN):
    """TinyCNN whose configure_optimizers returns ``form`` built from one SGD and one StepLR."""

    def __init__(self, form, interval='epoch'):
        super().__init__()
        self.form, self.interval = form, interval

    def configure_optimizers(self):
        opt = torch.optim.SGD(self.parameters(), lr=self.lr)
        sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
        return {
            'optimizer': opt,
            'list': [opt],
            'tuple': (opt,),
            'lists': ([opt], [sched]),
            'pair': (opt, sched),
            'dict': {'optimizer': opt, 'lr_scheduler': sched},
            'dict_config': {'optimizer': opt,
                            'lr_scheduler': {'scheduler': sched, 'interval': self.interval}},
            'lists_config': ([opt], [{'scheduler': sched, 'interval': self.interval}]),
        }[self.form]


@pytest.mark.parametrize('form', ['optimizer', 'list', 'tuple'])
def test_configure_optimizers_may_return_an_optimizer_in_a_list(form):
    history = quiet_trainer(max_epochs=2).fit(Scheduled(form), TinyData())
    assert len(history) == 2 and 'lr' not in history[0]


@pytest.mark.parametrize('form', ['lists', 'pair', 'dict', 'dict_config', 'lists_config'])
def test_schedulers_are_stepped_once_per_epoch_by_default(form):
    trainer = quiet_trainer(max_epochs=3)
    history = trainer.fit(Scheduled(form), TinyData())
    assert [row['lr'] for row in history] == pytest.approx([0.1, 0.05, 0.025])
    assert trainer.optim.param_groups[0]['lr'] == pytest.approx(0.0125)


@pytest.mark.parametrize('form', ['dict_config', 'lists_config'])
def test_step_interval_steps_the_scheduler_every_batch(form):
    trainer = quiet_trainer(max_epochs=2)
    data = TinyData()                       # 96 examples, batch 16: 6 batches per epoch
    history = trainer.fit(Scheduled(form, interval='step'), data)
    assert [row['lr'] for row in history] == pytest.approx([0.1, 0.1 * 0.5 ** 6])
    assert trainer.optim.param_groups[0]['lr'] == pytest.approx(0.1 * 0.5 ** 12)


def test_reduce_on_plateau_reads_the_validation_loss():
    class Plateau(TinyCNN):
        def configure_optimizers(self):
            opt = torch.optim.SGD(self.parameters(), lr=self.lr)
            sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, patience=0, factor=0.5)
            return {'optimizer': opt, 'lr_scheduler': {'scheduler': sched, 'monitor': 'val_loss'}}

    history = quiet_trainer(max_epochs=2).fit(Plateau(), TinyData())
    assert len(history) == 2 and history[0]['lr'] == pytest.approx(0.1)


class Returns(TinyCNN):
    def __init__(self, returned):
        super().__init__()
        self.returned = returned

    def configure_optimizers(self):
        returned = self.returned
        return returned(self) if callable(returned) else returned


def two_optimizers(model):
    return [torch.optim.SGD(model.parameters(), lr=0.1),
            torch.optim.SGD(model.parameters(), lr=0.1)]


def foreign_scheduler(model):
    other = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.1)
    return (torch.optim.SGD(model.parameters(), lr=0.1),
            torch.optim.lr_scheduler.StepLR(other, step_size=1))


def bad_interval(model):
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1)
    return {'optimizer': opt, 'lr_scheduler': {'scheduler': sched, 'interval': 'batch'}}


@pytest.mark.parametrize('returned, words', [
    (None, ['None', 'return torch.optim.SGD(self.parameters(), lr=self.lr)']),
    (0.1, ['float', 'return torch.optim.SGD']),
    ({'lr': 0.1}, ["'optimizer'"]),
    (two_optimizers, ['하나']),
    (foreign_scheduler, ['스케줄러', '옵티마이저']),
    (bad_interval, ["'batch'", "'step'", "'epoch'"]),
])
def test_unusable_configure_optimizers_gets_one_sentence(returned, words):
    model = Returns(returned)
    with pytest.raises((TypeError, ValueError)) as error:
        quiet_trainer(max_epochs=1).fit(model, TinyData())
    message = str(error.value)
    assert 'configure_optimizers' in message and all(w in message for w in words), message
    assert '\n' not in message


def test_book_code_path_keeps_its_history_columns(tiny_data):
    history = quiet_trainer(max_epochs=1).fit(TinyCNN(), tiny_data)
    assert list(history[0]) == ['epoch', 'train_loss', 'val_loss', 'val_acc', 'seconds']


# --- 2. what the model's forward returns -------------------------------------------------

class Head(d2l.Classifier):
    """A tiny conv net whose head or forward makes one of the classic mistakes."""

    def __init__(self, mistake, lr=0.1):
        super().__init__()
        self.save_hyperparameters()
        body = [nn.LazyConv2d(4, kernel_size=3, padding=1), nn.ReLU()]
        if mistake == 'no_flatten':     # NiN-like: class channels, pooled, never flattened
            self.net = nn.Sequential(*body, nn.LazyConv2d(10, kernel_size=1),
                                     nn.AdaptiveAvgPool2d(1))
        elif mistake == 'linear_without_flatten':
            self.net = nn.Sequential(*body, nn.AdaptiveAvgPool2d(1), nn.LazyLinear(10))
        else:
            self.net = nn.Sequential(*body, nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                     nn.LazyLinear(10))

    def forward(self, X):
        Y = self.net(X)
        if self.mistake == 'tuple':
            return Y, X
        if self.mistake == 'transposed':
            return Y.T
        if self.mistake == 'class_ids':
            return Y.argmax(dim=1)
        return Y


def ten_class_data():
    data = TinyData()
    data.y = torch.arange(len(data.y)) % 10
    return data


@pytest.mark.parametrize('mistake, error, words', [
    ('no_flatten', ValueError, ['(16, 10, 1, 1)', 'nn.Flatten()']),
    ('linear_without_flatten', ValueError, ['(16, 4, 1, 10)', 'nn.Flatten()']),
    ('tuple', TypeError, ['tuple', '텐서 하나']),
    ('transposed', ValueError, ['(10, 16)', '(16, 10)']),
    ('class_ids', TypeError, ['argmax', '로짓']),
])
def test_wrong_model_output_gets_one_sentence(mistake, error, words):
    model = Head(mistake)
    with pytest.raises(error) as caught:
        quiet_trainer(max_epochs=1).fit(model, ten_class_data())
    message = str(caught.value).split('\n')[0]
    assert all(w in message for w in words), message
    assert 'LazyLinear(10)' not in message and '클래스 1개' not in message


def test_correct_head_still_trains():
    assert len(quiet_trainer(max_epochs=1).fit(Head('none'), ten_class_data())) == 1


# --- 3. analysis leaves a lazy model lazy --------------------------------------------------

class LazyFlat(d2l.Classifier):
    """Its input size is fixed once the lazy layers have a shape."""

    def __init__(self, lr=0.1):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(nn.LazyConv2d(4, kernel_size=3, padding=1), nn.ReLU(),
                                 nn.Flatten(), nn.LazyLinear(2))


def test_count_flops_on_a_lazy_model_leaves_it_lazy_and_trainable_at_another_size():
    model = LazyFlat()
    assert d2l.count_flops(model, (1, 1, 28, 28)) > 0
    assert has_lazy_parameters(model)
    assert len(quiet_trainer(max_epochs=1).fit(model, TinyData(size=8))) == 1


def test_count_flops_without_batch_axis_is_refused_and_model_untouched():
    model = LazyFlat()
    with pytest.raises(ValueError, match=r'count_flops.*배치 축.*\(1, 1, 28, 28\)'):
        d2l.count_flops(model, (1, 28, 28))
    assert has_lazy_parameters(model)


def test_num_params_of_a_lazy_model():
    model = LazyFlat()
    with pytest.raises(ValueError, match=r'num_params\(model, \(1, 1, 28, 28\)\)'):
        d2l.num_params(model)
    count = d2l.num_params(model, (1, 1, 8, 8))
    assert has_lazy_parameters(model)
    materialised = LazyFlat()
    materialised.apply_init([torch.zeros(1, 1, 8, 8)])
    assert count == d2l.num_params(materialised) == (4 * 9 + 4) + (4 * 64 * 2 + 2)
    assert len(quiet_trainer(max_epochs=1).fit(model, TinyData(size=16))) == 1


def test_layer_summary_of_a_single_layer_net(capsys):
    class OneLayer(d2l.Classifier):
        def __init__(self):
            super().__init__()
            self.net = nn.LazyLinear(3)

    model = OneLayer()
    model.layer_summary((2, 5))
    assert 'Linear output shape:\t torch.Size([2, 3])' in capsys.readouterr().out
    assert has_lazy_parameters(model)


# --- 5. shared argument checks --------------------------------------------------------------

@pytest.mark.parametrize('call, words', [
    (lambda: d2l.count_flops(TinyData(), (1, 1, 8, 8)), ['count_flops', 'TinyData', 'nn.Module']),
    (lambda: d2l.num_params('LeNet'), ['num_params', 'str', 'nn.Module']),
    (lambda: d2l.count_flops(TinyCNN(), 28), ['count_flops', '28', '(1, 1, 28, 28)']),
    (lambda: d2l.count_flops(TinyCNN(), (1, 0, 8, 8)), ['count_flops', '(1, 0, 8, 8)']),
    (lambda: d2l.predict(TinyData(), TinyCNN()), ['predict', 'TinyData', 'nn.Module']),
])
def test_analysis_arguments_get_one_sentence(call, words):
    with pytest.raises(TypeError) as error:
        call()
    message = str(error.value)
    assert all(w in message for w in words) and '\n' not in message, message


# --- 4. make: NB selects one notebook by its number ---------------------------------------

def make(*args):
    if shutil.which('make') is None:
        pytest.skip('make is not installed')
    return subprocess.run(['make', '-n', *args], cwd=REPO, capture_output=True, text=True,
                          timeout=60)


def test_make_nb_with_one_digit_means_that_notebook():
    result = make('nbval', 'NB=1')
    assert result.returncode == 0, result.stderr
    assert 'notebooks/01_lenet.ipynb' in result.stdout
    assert '10_comparison' not in result.stdout
    assert '10_comparison' in make('nbval', 'NB=10').stdout


@pytest.mark.parametrize('target', ['execute', 'nbval'])
def test_make_with_a_missing_notebook_says_so_in_one_line(target):
    result = make(target, 'NB=99')
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and 'NB=99' in errors[0] and '노트북이 없습니다' in errors[0], errors
    assert 'jupytext' not in result.stdout
