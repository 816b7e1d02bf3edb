"""Downloading from a mirror (D2LMINI_MIRROR): a mistaken mirror is named in one sentence with
its URL and the fix, a local folder works as a mirror, and a second downloader into the same
folder says once whom it waits for.  Servers are on 127.0.0.1 only and every wait is bounded.
"""
import http.server
import os
import socket
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path

import pytest

from d2lmini import download
from d2lmini.data import FashionMNIST

REPO = Path(__file__).resolve().parents[1]


# --- a mirror that is mistyped, refuses, lacks the files or never answers ---------------------

def real_error(root):
    with pytest.raises(RuntimeError) as error:
        FashionMNIST(root=root, source='real')
    return str(error.value)


def says_mirror(message, value, url):
    return 'D2LMINI_MIRROR' in message and repr(value) in message and url in message


@pytest.mark.parametrize('value', ['example.org/fm', 'fashion-mnist/files'])
def test_mirror_that_is_not_a_url_says_how_to_write_one(fresh_root, monkeypatch, value):
    monkeypatch.setenv('D2LMINI_MIRROR', value)
    with pytest.raises(ValueError) as error:
        FashionMNIST(root=fresh_root)       # even without source='real': a typo, not the network
    message = str(error.value)
    assert says_mirror(message, value, f'{value}/train-images-idx3-ubyte.gz')
    assert 'https://' in message and 'file://' in message
    assert not fresh_root.exists()


def test_mirror_given_as_a_local_folder_is_used(real_data_dir, fresh_root, monkeypatch):
    monkeypatch.setenv('D2LMINI_MIRROR', str(real_data_dir))
    download.download_files(fresh_root, ['t10k-labels-idx1-ubyte'])
    path = fresh_root / 't10k-labels-idx1-ubyte.gz'
    assert path.read_bytes() == (real_data_dir / path.name).read_bytes()


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def test_mirror_refusing_connections_is_named_with_the_url(fresh_root, monkeypatch, capsys):
    mirror = f'http://127.0.0.1:{free_port()}/fm'
    monkeypatch.setenv('D2LMINI_MIRROR', mirror)
    url = f'{mirror}/train-images-idx3-ubyte.gz'
    message = real_error(fresh_root)
    assert says_mirror(message, mirror, url) and '연결' in message and '서버' in message
    assert '인터넷에 연결해' not in message
    assert FashionMNIST(root=fresh_root, limit=10).source == 'synthetic'  # fallback: same sentence
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


def test_mirror_without_the_files_says_404_and_which_folder(fresh_root, monkeypatch, empty_server):
    monkeypatch.setenv('D2LMINI_MIRROR', empty_server)
    message = real_error(fresh_root)
    assert says_mirror(message, empty_server, f'{empty_server}train-images-idx3-ubyte.gz')
    assert '404' in message and '폴더' in message


def test_mirror_that_never_answers_times_out_with_the_url(fresh_root, monkeypatch):
    monkeypatch.setattr(download, 'DOWNLOAD_TIMEOUT', 0.5)
    with socket.socket() as silent:            # accepts connections (backlog), never answers
        silent.bind(('127.0.0.1', 0))
        silent.listen(4)
        mirror = f'http://127.0.0.1:{silent.getsockname()[1]}/'
        monkeypatch.setenv('D2LMINI_MIRROR', mirror)
        start = time.monotonic()
        message = real_error(fresh_root)
        assert time.monotonic() - start < 10
    assert says_mirror(message, mirror, f'{mirror}train-images-idx3-ubyte.gz')
    assert '0.5초' in message and '응답' in message


# --- a second downloader says once whom it waits for ------------------------------------------

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


def test_second_downloader_says_once_whom_it_waits_for(real_data_dir, tmp_path):
    server = subprocess.Popen([sys.executable, '-c', SLOW_SERVER, str(real_data_dir)],
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
