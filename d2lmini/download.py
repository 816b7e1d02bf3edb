"""Fashion-MNIST 공식 파일 내려받기: 미러, 잠금, 체크섬, 임시 파일.

읽고 푸는 일은 ``d2lmini.data``가 하고, 이 모듈은 공식 파일 4개를 디스크에 올바르게
두는 일만 합니다.

내려받기는 중간에 끊겨도 안전합니다. 파일은 같은 디렉터리의 임시 이름(``….gz.part``)으로
받고, MD5 체크섬이 공식 값과 맞을 때만 제 이름으로 바꿉니다(``os.replace``). 커널을 내려받는
도중에 멈춰도 다음 실행이 처음부터 다시 받고, 여러 프로세스가 같은 디렉터리에 동시에 받으려
하면 잠금 파일(``.d2lmini-download.lock``)로 차례를 정합니다. 기다리는 쪽은 누구를(pid, 호스트)
기다리는지 한 번 알립니다.

기본 미러가 막힌 네트워크에서는 환경 변수 ``D2LMINI_MIRROR``에 다른 미러의 주소를 적으면
그곳에서만 받습니다. 주소 뒤에 공식 파일 이름(``train-images-idx3-ubyte.gz`` 등)을 붙여
내려받으므로, 네 파일이 있는 폴더의 URL을 적습니다. 여러 개는 쉼표나 공백으로 구분합니다.
내 컴퓨터의 폴더는 ``file:///경로/``로 적거나 폴더 경로를 그대로 적어도 됩니다::

    D2LMINI_MIRROR=https://example.org/fashion-mnist/ jupyter lab

미러가 URL이 아니면 바로 ``ValueError``로, 연결 거부·404·응답 없음이면 시도한 주소와
고칠 방법을 담은 한 문장으로 알립니다.
"""
import gzip
import hashlib
import http.client
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import torchvision

# 내려받을 주소와 .gz 파일의 MD5 체크섬은 torchvision의 값을 그대로 씁니다.
MIRRORS = torchvision.datasets.FashionMNIST.mirrors
GZ_MD5 = dict(torchvision.datasets.FashionMNIST.resources)
# 압축을 이미 푼 파일의 MD5 (공식 .gz 파일을 풀어서 계산한 값).
RAW_MD5 = {'train-images-idx3-ubyte': 'f4a8712d7a061bf5bd6d2ca38dc4d50a',
           'train-labels-idx1-ubyte': '9018921c3c673c538a1fc5bad174d6f9',
           't10k-images-idx3-ubyte': '8181f5470baa50b63fa0f6fddb340f0a',
           't10k-labels-idx1-ubyte': '15d484375f8d13e6eb1aabb0c3f46965'}
GZIP_MAGIC = b'\x1f\x8b'         # gzip 파일의 첫 두 바이트

OFFLINE_ENV = 'D2LMINI_OFFLINE'  # 1이면 내려받기를 아예 시도하지 않음
MIRROR_ENV = 'D2LMINI_MIRROR'    # 기본 미러 대신 쓸 미러 주소(들)
DOWNLOAD_TIMEOUT = 10            # 초. 응답 없는 서버를 이보다 오래 기다리지 않음
LOCK_NAME = '.d2lmini-download.lock'
URL_SCHEMES = ('http', 'https', 'file', 'ftp')   # urllib이 받을 수 있는 주소 형식


class DownloadError(OSError):
    """내려받기 실패. 메시지는 시도한 주소와 고칠 방법을 담은 한국어 한 문장입니다."""


# ---------------------------------------------------------------------------
# 1. 받아 둔 파일 찾기와 확인하기
# ---------------------------------------------------------------------------

def find_file(data_dir, name):
    """공식 파일 name을 찾아 경로를 돌려줍니다. 없으면 None.

    압축을 푼 파일과 .gz 파일 모두 받아 줍니다. torchvision(책의 d2l)이 내려받을 때
    쓰는 하위 디렉터리 ``FashionMNIST/raw``도 살펴보므로, 책 때문에 이미 받아 둔
    데이터를 ``root``로 가리키면 그대로 쓸 수 있습니다.
    """
    data_dir = Path(data_dir)
    for folder in (data_dir, data_dir / 'FashionMNIST' / 'raw'):
        for path in (folder / name, folder / f'{name}.gz'):
            if path.is_file():
                return path
    return None


def is_gzip(data):
    return data[:2] == GZIP_MAGIC


def expected_md5(name, data):
    """파일 ``name``의 내용 ``data``가 가져야 할 MD5 (압축한 내용인지에 따라 다름)."""
    if name.endswith('.gz') and is_gzip(data):
        return GZ_MD5[name]
    return RAW_MD5[name.removesuffix('.gz')]


def checked_content(name, data):
    """공식 파일 ``name``의 바이트 ``data``를 확인해 압축을 푼 내용을 돌려줍니다. 틀리면 None.

    .gz 파일은 공식 .gz의 MD5와 같거나, 다시 압축한 파일이라도 풀어 낸 내용이 공식 내용의
    MD5와 같으면 받아들입니다. 이름만 .gz이고 압축하지 않은 내용(압축을 푼 뒤 이름을 그대로
    둔 파일)도 내용이 공식 내용과 같으면 받아들입니다: 무엇을 뜻했는지 분명하기 때문입니다.
    """
    if name.endswith('.gz'):
        if hashlib.md5(data).hexdigest() == GZ_MD5[name]:
            return gzip.decompress(data)
        if is_gzip(data):
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError, ValueError):
                return None
        name = name[:-3]
    return data if hashlib.md5(data).hexdigest() == RAW_MD5[name] else None


# ---------------------------------------------------------------------------
# 2. 미러 주소
# ---------------------------------------------------------------------------

def mirrors(first_file='train-images-idx3-ubyte.gz'):
    """내려받을 미러 주소들: 환경 변수 ``D2LMINI_MIRROR``가 있으면 그것만, 없으면 기본 미러.

    주소가 아닌 값은 아무것도 내려받기 전에 ``ValueError``로 알립니다(``first_file``은
    그 메시지에 받으려던 주소를 보이는 데만 씁니다).
    """
    custom = os.environ.get(MIRROR_ENV, '').replace(',', ' ').split()
    if not custom:
        return list(MIRRORS)
    return [_mirror_url(entry, first_file) for entry in custom]


def custom_mirror():
    """사용자가 ``D2LMINI_MIRROR``에 적은 값(없으면 빈 문자열)."""
    return os.environ.get(MIRROR_ENV, '').strip()


def _mirror_url(entry, first_file):
    """``D2LMINI_MIRROR``의 값 하나를 '/'로 끝나는 URL로 바꿉니다."""
    if '://' in entry and urllib.parse.urlsplit(entry).scheme.lower() in URL_SCHEMES:
        url = entry
    elif '://' not in entry and Path(entry).expanduser().is_dir():
        # 있는 폴더의 경로: file:// 주소로 바꿔 씁니다(뜻이 분명하므로 그대로 받아 줍니다).
        url = Path(entry).expanduser().resolve().as_uri()
    else:
        tried = entry.rstrip('/') + '/' + first_file
        raise ValueError(
            f'환경 변수 {MIRROR_ENV}의 값이 내려받을 수 있는 URL도, 있는 폴더도 아닙니다'
            f'(값 {entry!r}, 받으려던 주소 {tried}): 웹 서버라면 https://example.org/fashion-mnist/'
            '처럼 https:// 또는 http://로 시작하게, 내 컴퓨터의 폴더라면 '
            f'file:///home/me/fashion-mnist/처럼 file://로 시작하게 {MIRROR_ENV}를 고치세요.')
    return url if url.endswith('/') else url + '/'


# ---------------------------------------------------------------------------
# 3. 내려받기
# ---------------------------------------------------------------------------

def download_files(data_dir, names):
    """빠진 공식 파일(names, .gz로 받음)을 data_dir에 내려받습니다. 실패하면 예외를 올립니다.

    파일마다 임시 이름으로 받아 MD5를 확인한 뒤에만 제 이름으로 바꾸므로, 중간에 끊겨도
    손상된 파일이 제 이름으로 남지 않습니다. 잠금 파일로 동시에 받는 프로세스의 차례를
    정하고, 다른 프로세스가 그사이 받아 둔 파일은 건너뜁니다. 이 함수가 새로 만든
    디렉터리는 실패하면 지웁니다(잘못 쓴 root가 빈 디렉터리로 남지 않음).
    """
    data_dir = Path(data_dir)
    names = list(names)
    if names:
        mirrors(f'{names[0]}.gz')    # 잘못 적은 미러는 디렉터리를 만들기 전에 알립니다
    created = _make_dirs(data_dir)
    try:
        with FileLock(data_dir / LOCK_NAME,
                      doing=f'같은 폴더({data_dir})에 Fashion-MNIST를 내려받고 있어'):
            for name in names:
                if find_file(data_dir, name) is None:
                    _download_from_mirrors(data_dir, f'{name}.gz')
    except BaseException:
        if created:
            (data_dir / LOCK_NAME).unlink(missing_ok=True)
            for folder in reversed(created):
                try:
                    folder.rmdir()
                except OSError:
                    break
        raise


def _make_dirs(path):
    """path와 없는 상위 디렉터리를 만들고, 새로 만든 것들을 위에서부터 돌려줍니다."""
    missing = []
    while not path.exists():
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True)
    return list(reversed(missing))


class FileLock:
    """``with`` 안에서 잠금 파일 ``path``를 독점합니다. 프로세스가 죽으면 운영체제가 풀어 줍니다.

    잠근 동안 잠금 파일에 자기 pid와 호스트 이름을 적어 둡니다. ``doing``(잠근 이가 하는 일,
    예: ``'같은 폴더에 Fashion-MNIST를 내려받고 있어'``)을 주면, 이미 잠겨 있을 때 누구를 왜
    기다리는지 한 번 알린 뒤 기다립니다. ``doing``이 None이면 알리지 않고 기다립니다(결과 파일처럼
    잠깐만 잠그는 곳). 내려받기와 ``record_run``이 함께 씁니다.
    """

    def __init__(self, path, doing=None):
        self.path = Path(path)
        self.doing = doing

    def __enter__(self):
        self.file = open(self.path, 'a+b')
        if not _lock(self.file, wait=self.doing is None):
            print(f'[d2lmini] {_holder(self.path)}가 {self.doing} 끝나기를 기다립니다 ...',
                  flush=True)
            _lock(self.file, wait=True)
        self._write(f'pid {os.getpid()} host {socket.gethostname()}\n')
        return self

    def __exit__(self, *exc):
        self._write('')      # 잠금을 풀면 잠근 이도 없습니다
        self.file.close()    # 닫으면 잠금도 풀립니다
        return False

    def _write(self, text):
        try:
            self.file.seek(0)
            self.file.truncate()
            self.file.write(text.encode())
            self.file.flush()
        except OSError:      # 적지 못해도 잠금은 그대로 유효합니다
            pass


def _lock(file, wait):
    """``file``을 독점 잠급니다. ``wait=False`` 면 이미 잠겨 있을 때 기다리지 않고 False."""
    try:
        import fcntl
    except ImportError:      # Windows
        import msvcrt
        while True:
            try:
                file.seek(0)
                msvcrt.locking(file.fileno(), msvcrt.LK_NBLCK, 1)
                return True
            except OSError:
                if not wait:
                    return False
                time.sleep(0.2)
    try:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        return True
    except BlockingIOError:
        return False


def _holder(path, patience=1.0):
    """잠금 파일에 적힌 잠근 이: '다른 프로세스(pid 123, 호스트 lab)'.

    방금 잠근 프로세스가 아직 적지 않았을 수 있어 ``patience`` 초까지 다시 읽어 봅니다.
    """
    end = time.monotonic() + patience
    while True:
        try:
            words = Path(path).read_text().split()
        except OSError:
            words = []
        if len(words) >= 4 and words[0] == 'pid' and words[2] == 'host':
            return f'다른 프로세스(pid {words[1]}, 호스트 {words[3]})'
        if time.monotonic() >= end:
            return '다른 프로세스'
        time.sleep(0.05)


def _download_from_mirrors(data_dir, filename):
    """미러를 차례로 시도합니다. 모두 실패하면 마지막 실패를 한 문장으로 알립니다."""
    urls = mirrors(filename)
    for i, mirror in enumerate(urls):
        url = mirror + filename
        try:
            _fetch(url, Path(data_dir) / filename)
            return
        except Exception as error:
            if i == len(urls) - 1:
                raise DownloadError(_failure_sentence(url, error, others=i)) from error


class _ChecksumMismatch(OSError):
    pass


def _fetch(url, target):
    """url을 target 옆의 임시 파일로 받고, 체크섬이 맞으면 target으로 바꿉니다."""
    part = target.with_name(target.name + '.part')
    request = urllib.request.Request(url, headers={'User-Agent': 'd2lmini'})
    try:
        with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT) as response, \
                open(part, 'wb') as out:
            while True:
                chunk = response.read1(1 << 16)   # 도착한 만큼만 (64kB를 다 채울 때까지 기다리지 않음)
                if not chunk:
                    break
                out.write(chunk)
        if checked_content(target.name, part.read_bytes()) is None:
            raise _ChecksumMismatch(url)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


# 사용자 미러에서 실패했을 때 고칠 방법. 기본 미러에서 실패했으면 늘 DEFAULT_FIX입니다.
CHECK_SERVER = (f'주소와 포트가 맞는지, 그 서버가 켜져 있는지 확인하거나 {MIRROR_ENV}를 지워 '
                '기본 미러를 쓰세요')
DEFAULT_FIX = (f'인터넷 연결을 확인하거나, 기본 미러가 막힌 네트워크라면 환경 변수 {MIRROR_ENV}에 '
               '공식 파일 4개가 있는 다른 미러의 주소를 적으세요')


def _what_went_wrong(error):
    """내려받기 오류를 (URL 뒤에 이어질 말, 덧붙일 원인 또는 None, 사용자 미러일 때 고칠 방법)으로."""
    http_error = isinstance(error, urllib.error.HTTPError)
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if http_error and error.code == 404 or isinstance(reason, FileNotFoundError):
        return ('에 파일이 없습니다', 'HTTP 404' if http_error else None,
                f'{MIRROR_ENV}에는 공식 파일 4개(train-images-idx3-ubyte.gz 등)가 바로 들어 있는 '
                '폴더의 주소를 적으세요')
    if http_error:
        return ('의 서버가 오류로 답했습니다', f'HTTP {error.code} {error.reason}',
                f'잠시 뒤 다시 실행하거나 {MIRROR_ENV}에 다른 미러를 적으세요')
    if isinstance(reason, ConnectionRefusedError):
        return '에 연결하지 못했습니다', '서버가 연결을 거부함', CHECK_SERVER
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f'의 서버가 {DOWNLOAD_TIMEOUT:g}초 안에 응답하지 않았습니다', None, CHECK_SERVER
    if isinstance(reason, socket.gaierror):
        return ('의 서버 이름을 찾지 못했습니다', None,
                f'{MIRROR_ENV}의 서버 이름에 오타가 없는지 확인하세요')
    if isinstance(error, _ChecksumMismatch):
        return ('에서 받은 파일의 MD5 체크섬이 공식 값과 다릅니다', None,
                f'{MIRROR_ENV}에 공식 파일을 그대로 둔 다른 미러를 적으세요')
    if isinstance(error, (http.client.HTTPException, ConnectionError)):
        return '에서 받는 도중 연결이 끊겼습니다', type(error).__name__, CHECK_SERVER
    return '에서 받다가 오류가 났습니다', f'{type(error).__name__}: {error}', CHECK_SERVER


def _failure_sentence(url, error, others=0):
    """실패한 주소와 원인, 고칠 방법을 한 문장으로. ``others``: 먼저 실패한 미러 수."""
    what, cause, custom_fix = _what_went_wrong(error)
    value = custom_mirror()
    details = [cause, f'환경 변수 {MIRROR_ENV}={value!r}' if value else None,
               f'앞의 미러 {others}곳도 실패함' if others else None]
    details = ', '.join(d for d in details if d)
    details = f'({details})' if details else ''
    if value:
        return f'미러 주소 {url}{what}{details}: {custom_fix}.'
    return f'기본 미러 주소 {url}{what}{details}: {DEFAULT_FIX}.'


def offline_requested():
    """``D2LMINI_OFFLINE``가 켜져 있으면 True (1/true/yes/on; 0/false/no/off는 꺼짐)."""
    from .profiles import switch_on   # 켜고 끄는 환경 변수는 한 곳에서 읽습니다
    return switch_on(OFFLINE_ENV)


def try_download(data_dir, names):
    """내려받기를 시도합니다. 성공하면 None, 못 하면 그 이유(한국어 문장)를 돌려줍니다.

    미러를 잘못 적은 것(URL이 아님)은 네트워크 사정이 아니라 고쳐야 할 실수이므로
    이유를 돌려주지 않고 ``ValueError``로 알립니다.
    """
    if offline_requested():
        return f'환경 변수 {OFFLINE_ENV}={os.environ[OFFLINE_ENV]}이라 내려받기를 건너뜀'
    mirrors(f'{names[0]}.gz')   # 잘못 적은 미러는 '내려받습니다'를 알리기 전에 ValueError로
    print(f'[d2lmini] Fashion-MNIST 파일 {len(names)}개를 {data_dir}에 내려받습니다 ...')
    try:
        download_files(data_dir, names)
    except DownloadError as error:
        return str(error)
    except OSError as error:
        return f'내려받기 실패 ({type(error).__name__}: {error})'
    return None
