"""Downloads survive a killed kernel, a dying server and a second downloader; the file lock
they take (shared with record_run) says whom it waits for.

A local HTTP server on 127.0.0.1 (a subprocess, so it can be killed) serves the official
files from the directory in ``D2LMINI_DATA``, slowly when asked; ``D2LMINI_MIRROR`` points
the library at it.  Every wait is bounded.
"""
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from d2lmini import data as data_module
from d2lmini import download

from conftest import hold_lock

REAL_DIR = Path(os.environ.get('D2LMINI_DATA') or '/nonexistent')
needs_official_files = pytest.mark.skipif(
    not (REAL_DIR / 'train-labels-idx1-ubyte.gz').is_file(),
    reason='needs the official .gz files in D2LMINI_DATA to serve them')
REPO = Path(__file__).resolve().parents[1]
SMALL = ['t10k-labels-idx1-ubyte', 'train-labels-idx1-ubyte']   # 5 kB and 29 kB

SERVER = r'''
import http.server, sys, time
from pathlib import Path
folder, chunk, pause = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])

class Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = folder / self.path.lstrip('/')
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        sys.stderr.write(f'GET {path.name}\n')
        sys.stderr.flush()
        self.send_response(200)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        for i in range(0, len(data), chunk):
            self.wfile.write(data[i:i + chunk])
            self.wfile.flush()
            time.sleep(pause)

    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Slow)
print(server.server_address[1], flush=True)
server.serve_forever()
'''

DOWNLOAD = r'''
import sys
from d2lmini import download
download.download_files(sys.argv[1], sys.argv[2:])
'''


class Server:
    def __init__(self, tmp_path, chunk=1 << 16, pause=0.0):
        self.log = open(tmp_path / f'server-{time.monotonic_ns()}.log', 'w+')
        self.process = subprocess.Popen(
            [sys.executable, '-c', SERVER, str(REAL_DIR), str(chunk), str(pause)],
            stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.url = f'http://127.0.0.1:{int(self.process.stdout.readline())}/'

    def requests(self):
        self.log.flush()
        self.log.seek(0)
        return [line.split()[1] for line in self.log if line.startswith('GET ')]

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


@pytest.fixture
def serve(tmp_path, monkeypatch):
    servers = []

    def start(**kwargs):
        server = Server(tmp_path, **kwargs)
        servers.append(server)
        monkeypatch.setenv('D2LMINI_MIRROR', server.url)
        return server

    yield start
    for server in servers:
        if server.process.poll() is None:
            server.kill()


def downloader(folder, names, mirror):
    env = dict(os.environ, D2LMINI_MIRROR=mirror, PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, '-c', DOWNLOAD, str(folder), *names], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_part(folder, name, deadline=30):
    part = folder / f'{name}.gz.part'
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if part.is_file() and part.stat().st_size > 0:
            return part
        time.sleep(0.02)
    raise AssertionError('the download never started')


@needs_official_files
def test_mirror_variable_replaces_the_default_mirrors(monkeypatch):
    monkeypatch.delenv('D2LMINI_MIRROR', raising=False)
    assert download.mirrors() == list(download.MIRRORS)
    monkeypatch.setenv('D2LMINI_MIRROR', 'http://127.0.0.1:1/a, http://127.0.0.1:2/b/')
    assert download.mirrors() == ['http://127.0.0.1:1/a/', 'http://127.0.0.1:2/b/']


@needs_official_files
def test_download_through_a_mirror_gives_real_data(tmp_path, serve, monkeypatch):
    serve()
    monkeypatch.setattr(data_module, '_CACHE', {})
    data = data_module.FashionMNIST(root=tmp_path / 'fm', source='real')
    assert data.val.labels[:3].tolist() == [9, 2, 1]
    assert sorted(p.name for p in (tmp_path / 'fm').glob('*.gz')) == sorted(
        f'{name}.gz' for pair in data_module.FILES.values() for name in pair)
    assert not list((tmp_path / 'fm').glob('*.part'))


@needs_official_files
def test_kernel_killed_mid_download_leaves_no_broken_file(tmp_path, serve):
    server = serve(chunk=1024, pause=0.02)          # 29 kB in about 0.6 s
    folder = tmp_path / 'fm'
    process = downloader(folder, ['train-labels-idx1-ubyte'], server.url)
    wait_for_part(folder, 'train-labels-idx1-ubyte')
    process.send_signal(signal.SIGKILL)            # what a kernel restart does
    process.wait(timeout=10)
    assert not (folder / 'train-labels-idx1-ubyte.gz').exists()
    assert download.find_file(folder, 'train-labels-idx1-ubyte') is None
    # The next run simply downloads again: no file to delete by hand.
    download.download_files(folder, ['train-labels-idx1-ubyte'])
    path = folder / 'train-labels-idx1-ubyte.gz'
    assert path.read_bytes() == (REAL_DIR / path.name).read_bytes()
    assert not (folder / 'train-labels-idx1-ubyte.gz.part').exists()


@needs_official_files
def test_server_killed_mid_transfer_leaves_no_broken_file(tmp_path, serve):
    server = serve(chunk=1024, pause=0.02)
    folder = tmp_path / 'fm'
    process = downloader(folder, ['train-labels-idx1-ubyte'], server.url)
    wait_for_part(folder, 'train-labels-idx1-ubyte')
    server.kill()
    out, err = process.communicate(timeout=60)
    assert process.returncode != 0
    assert not (folder / 'train-labels-idx1-ubyte.gz').exists()
    assert not (folder / 'train-labels-idx1-ubyte.gz.part').exists()


@needs_official_files
def test_two_downloaders_into_one_folder_both_succeed(tmp_path, serve):
    server = serve(chunk=2048, pause=0.01)
    folder = tmp_path / 'fm'
    first = downloader(folder, SMALL, server.url)
    second = downloader(folder, SMALL, server.url)
    for process in (first, second):
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
    for name in SMALL:
        path = folder / f'{name}.gz'
        assert path.read_bytes() == (REAL_DIR / path.name).read_bytes()
    assert sorted(server.requests()) == sorted(f'{name}.gz' for name in SMALL)  # each once


@needs_official_files
def test_failed_download_into_a_misspelled_root_leaves_no_directory(tmp_path, serve, monkeypatch):
    server = serve()
    server.kill()                                   # connection refused from now on
    root = tmp_path / 'fashon-mnist' / 'data'
    with pytest.raises(RuntimeError, match='source='):
        data_module.FashionMNIST(root=root, source='real')
    assert not (tmp_path / 'fashon-mnist').exists()


@needs_official_files
def test_offline_run_with_a_missing_root_creates_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv('D2LMINI_OFFLINE', '1')
    with pytest.raises(RuntimeError):
        data_module.FashionMNIST(root=tmp_path / 'missing', source='real')
    assert not (tmp_path / 'missing').exists()


# ---------------------------------------------------------------------------
# the file lock (also used by record_run); needs no data
# ---------------------------------------------------------------------------

def test_file_lock_names_the_holder_and_waits_for_it(tmp_path, capsys):
    path = tmp_path / '.lock'
    holder = hold_lock(path, 1.5)
    try:
        start = time.monotonic()
        with download.FileLock(path, doing='같은 폴더에 파일을 받고 있어'):
            waited = time.monotonic() - start
            assert path.read_text() == f'pid {os.getpid()} host {socket.gethostname()}\n'
    finally:
        holder.wait(timeout=30)
    assert waited > 0.5
    assert capsys.readouterr().out == (
        f'[d2lmini] 다른 프로세스(pid {holder.pid}, 호스트 {socket.gethostname()})가 같은 폴더에 '
        '파일을 받고 있어 끝나기를 기다립니다 ...\n')
    assert path.read_text() == ''  # released: nobody holds it


def test_file_lock_without_a_task_waits_quietly(tmp_path, capsys):
    path = tmp_path / '.lock'
    holder = hold_lock(path, 1.0)
    try:
        start = time.monotonic()
        with download.FileLock(path):
            waited = time.monotonic() - start
    finally:
        holder.wait(timeout=30)
    assert waited > 0.3 and capsys.readouterr().out == ''


def test_free_file_lock_is_taken_at_once_and_says_nothing(tmp_path, capsys):
    fcntl = pytest.importorskip('fcntl')
    path = tmp_path / '.lock'
    with download.FileLock(path, doing='무엇을 하고 있어'):
        with open(path, 'a+b') as other, pytest.raises(BlockingIOError):  # a second holder
            fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    assert capsys.readouterr().out == ''


@pytest.mark.parametrize('raw, offline', [('1', True), ('on', True), ('TRUE', True),
                                          ('0', False), ('off', False), ('no', False), ('', False)])
def test_offline_switch_reads_every_common_spelling(monkeypatch, raw, offline):
    """D2LMINI_OFFLINE=off used to mean offline."""
    monkeypatch.setenv('D2LMINI_OFFLINE', raw)
    assert download.offline_requested() is offline


def test_offline_switch_with_an_unknown_value_names_the_variable(monkeypatch):
    monkeypatch.setenv('D2LMINI_OFFLINE', 'sometimes')
    with pytest.raises(ValueError, match='D2LMINI_OFFLINE=1'):
        download.offline_requested()
