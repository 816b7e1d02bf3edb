"""Fashion-MNIST 데이터 모듈: 책의 ``d2l.FashionMNIST``와 같은 사용법, 더 빠른 속도.

책과 같은 코드가 그대로 돕니다::

    data = d2l.FashionMNIST(batch_size=128, resize=(224, 224))
    X, y = next(iter(data.train_dataloader()))   # X: (128, 1, 224, 224), y: (128,)

책과 다른 점 두 가지:

1. **빠른 입력 파이프라인.** 책은 이미지 한 장마다 PIL로 크기를 바꾸고 텐서로 바꿉니다.
   여기서는 데이터 전체를 처음부터 uint8 텐서로 메모리에 두고, 미니배치 단위로
   장치(device)에 옮긴 뒤 그곳에서 한꺼번에 실수로 바꾸고 해상도를 맞춥니다.
2. **오프라인에서도 동작.** 진짜 파일이 없고 내려받을 수도 없으면, 코드로 그린
   합성 대체 데이터(``d2lmini.standin``)를 쓰고 그 사실을 눈에 띄게 알립니다.
   이때 ``data.source == 'synthetic'`` 입니다(진짜 데이터면 ``'real'``).

데이터를 찾는 디렉터리는 하나입니다: ``root`` 인자 → 환경 변수 ``D2LMINI_DATA`` →
사용자 캐시(``$XDG_CACHE_HOME/d2lmini/fashion-mnist``, 기본 ``~/.cache/d2lmini/fashion-mnist``)
중 처음으로 정해진 것. 빠진 파일만 그 디렉터리로 내려받습니다.

내려받기(미러, 잠금, 체크섬, 임시 파일)는 ``d2lmini.download``가 맡습니다. 기본 미러가
막힌 네트워크에서는 환경 변수 ``D2LMINI_MIRROR``에 다른 미러의 주소를 적으세요(자세한 것은
그 모듈의 설명).
"""
import hashlib
import math
import os
from pathlib import Path

import torch
import torch.nn.functional as F

from . import download, standin
from .datamodule import DataModule
from .diagnose import (augment_value, batch_size_value, data_arguments, fixed_after_creation,
                       is_positive_int, resize_value, whole_number)
from .download import OFFLINE_ENV, checked_content, custom_mirror, expected_md5, find_file
from .profiles import smoke_cap

# 레이블 번호 0~9의 이름. 책과 같은 영어 이름입니다.
TEXT_LABELS = ['t-shirt', 'trouser', 'pullover', 'dress', 'coat',
               'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot']
NUM_CLASSES = len(TEXT_LABELS)
SPLIT_SIZES = {'train': 60_000, 'val': 10_000}

# 공식 파일 이름(확장자 .gz 제외). 책처럼 공식 테스트 세트(t10k)를 검증 데이터로 씁니다.
FILES = {'train': ('train-images-idx3-ubyte', 'train-labels-idx1-ubyte'),
         'val': ('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte')}
DATA_ENV = 'D2LMINI_DATA'        # 진짜 데이터가 있는 디렉터리
STANDIN_SEED = 0                 # 합성 데이터 내용은 늘 같게(섞는 순서는 seed 인자가 정함)
SOURCES = (None, 'real', 'synthetic')

# 한 번 읽은 데이터를 프로세스 안에서 재사용합니다. 노트북에서 FashionMNIST를
# 여러 번 만들어도 파일을 다시 읽거나 체크섬을 다시 계산하지 않습니다. 데이터 모듈은
# 저마다 복사본을 받으므로, 한 모듈의 이미지를 바꿔도 다른 모듈은 바뀌지 않습니다.
# 키: ('real', 디렉터리) 또는 ('synthetic', 시드), 값: {'train': (X, y), 'val': (X, y)}
_CACHE = {}


# ---------------------------------------------------------------------------
# 1. 파일 찾기, 확인하기, 읽기
# ---------------------------------------------------------------------------

def data_dir_for(root=None):
    """데이터를 찾을(없으면 내려받을) 디렉터리: root → $D2LMINI_DATA → 사용자 캐시."""
    if root is not None:
        path, named = Path(root).expanduser(), 'root 인자'
    elif os.environ.get(DATA_ENV):
        path, named = Path(os.environ[DATA_ENV]).expanduser(), f'환경 변수 {DATA_ENV}'
    else:
        cache = os.environ.get('XDG_CACHE_HOME') or Path.home() / '.cache'
        path, named = Path(cache) / 'd2lmini' / 'fashion-mnist', '사용자 캐시 경로'
    if path.is_file():
        raise ValueError(f'{named}가 폴더가 아닌 파일({path})을 가리킵니다: Fashion-MNIST 파일들이 '
                         f'든 폴더(예: {path.parent})를 지정하세요.')
    return path


def missing_files(data_dir):
    """data_dir에 없는 공식 파일 이름(.gz 제외)의 목록."""
    names = [name for pair in FILES.values() for name in pair]
    return [name for name in names if find_file(data_dir, name) is None]


def _corrupt_file_message(path, expected, actual):
    return (
        f'Fashion-MNIST 파일이 손상되었습니다(내려받기가 중간에 끊겼을 수 있습니다): {path}\n'
        f'  MD5 체크섬이 공식 값과 다릅니다: 기대값 {expected}, 실제값 {actual} '
        f'(파일 크기 {path.stat().st_size:,} 바이트)\n'
        '고치는 법: 이 파일을 지우고 다시 실행하면 새로 내려받습니다(인터넷 연결 필요). '
        '공식 파일을 직접 다시 받아 같은 자리에 두거나, 환경 변수 '
        f'{DATA_ENV}로 올바른 파일이 있는 다른 디렉터리를 지정해도 됩니다.')


def read_checked_bytes(path):
    """파일을 읽어 MD5 체크섬을 확인하고, (.gz면 압축을 푼) 내용을 바이트로 돌려줍니다."""
    data = path.read_bytes()
    content = checked_content(path.name, data)
    if content is None:
        raise RuntimeError(_corrupt_file_message(path, expected_md5(path.name, data),
                                                 hashlib.md5(data).hexdigest()))
    return content


def parse_idx(data):
    """IDX 형식의 바이트를 uint8 텐서로 바꿉니다.

    IDX 파일은 바이트 4개(0, 0, 자료형 0x08 = uint8, 차원 수 d)로 시작하고, 차원마다 크기가
    4바이트 빅 엔디언 정수로 이어진 뒤 값들이 차례로 나옵니다. Fashion-MNIST의 이미지 파일은
    d=3 (N, 28, 28), 레이블 파일은 d=1 (N,)입니다. 내용은 MD5로 이미 확인했으므로
    머리말을 읽어 모양만 맞춥니다.
    """
    ndim = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(ndim)]
    values = bytearray(data[4 + 4 * ndim:])  # 쓰기 가능한 복사본이어야 텐서가 메모리를 공유할 수 있음
    return torch.frombuffer(values, dtype=torch.uint8).reshape(shape)


def read_split(data_dir, split):
    """훈련('train') 또는 검증('val') 부분을 읽어 (이미지, 레이블)로 돌려줍니다.

    이미지는 uint8 (N, 1, 28, 28): 채널 축을 미리 붙여 두어 미니배치가 바로 모델 입력 모양이 됩니다.
    레이블은 손실 함수가 받는 int64 (N,)입니다.
    """
    images, labels = (parse_idx(read_checked_bytes(find_file(data_dir, name)))
                      for name in FILES[split])
    return images.unsqueeze(1), labels.long()


def load_real(data_dir):
    """data_dir의 공식 파일 4개를 읽습니다(프로세스 안에서 한 번만): {'train': (X, y), 'val': (X, y)}."""
    key = ('real', str(Path(data_dir).resolve()))
    if key not in _CACHE:
        _CACHE[key] = {split: read_split(Path(data_dir), split) for split in FILES}
    return _CACHE[key]


def load_synthetic():
    """합성 대체 데이터를 만듭니다(프로세스 안에서 한 번만). 몇 초 걸립니다."""
    key = ('synthetic', STANDIN_SEED)
    if key not in _CACHE:
        _CACHE[key] = standin.make_dataset(seed=STANDIN_SEED)
    return _CACHE[key]


# ---------------------------------------------------------------------------
# 2. 진짜 데이터를 못 구했을 때의 안내
# ---------------------------------------------------------------------------

def _print_standin_banner(reason, how_to_fix):
    """합성 대체 데이터를 쓸 때 눈에 띄는 안내를 출력합니다. 조용히 바꿔치기하지 않습니다."""
    line = '=' * 72
    print(f'{line}\n'
          '[d2lmini] 주의: 합성 대체 데이터(synthetic stand-in)를 사용합니다.\n'
          '  진짜 Fashion-MNIST가 아닙니다! 코드로 그린 옷 실루엣 60,000/10,000장입니다.\n'
          '  코드는 그대로 돌고 모델도 배우지만, 정확도를 책의 숫자와 비교하면 안 됩니다.\n'
          f'  이유: {reason}\n'
          f'  진짜 데이터를 쓰려면: {how_to_fix}\n'
          f'{line}', flush=True)


def _retry_advice():
    """진짜 데이터를 다시 받는 법: 미러를 직접 적었다면 인터넷 연결이 아니라 그 미러가 문제입니다."""
    if custom_mirror() and not download.offline_requested():
        return f'이유에 적힌 대로 환경 변수 {download.MIRROR_ENV}를 고쳐 다시 실행하거나'
    return f'인터넷에 연결된 상태에서 (환경 변수 {OFFLINE_ENV} 없이) 다시 실행하거나'


def _how_to_get_real_data(data_dir):
    return (f'{_retry_advice()}(그러면 {data_dir}에 자동으로 내려받습니다),\n'
            '    공식 파일 4개(train-images-idx3-ubyte.gz 등)가 있는 디렉터리를 root 인자나 '
            f'환경 변수 {DATA_ENV}로 지정하세요.')


# ---------------------------------------------------------------------------
# 3. 부분집합과 미니배치
# ---------------------------------------------------------------------------

def balanced_subset(labels, size, generator):
    """클래스마다 거의 같은 수(최대 1개 차이)가 되도록 예제 size개의 인덱스를 무작위로 고릅니다.

    일부만 쓸 때 클래스 비율이 치우치면 정확도가 왜곡되므로 클래스별로 따로 고릅니다.
    돌려주는 인덱스는 원래 순서대로 정렬되어 있습니다.
    """
    per_class = torch.full((NUM_CLASSES,), size // NUM_CLASSES)
    # 나머지는 무작위로 고른 클래스에 하나씩 더 줍니다.
    per_class[torch.randperm(NUM_CLASSES, generator=generator)[:size % NUM_CLASSES]] += 1
    picked = []
    for label in range(NUM_CLASSES):
        idx = (labels == label).nonzero().squeeze(1)
        idx = idx[torch.randperm(len(idx), generator=generator)]
        picked.append(idx[:per_class[label]])
    return torch.cat(picked).sort().values


def to_float_resized(images, size):
    """uint8 이미지 묶음 (B, 1, 28, 28)을 [0, 1] 범위 float32로 바꾸고 해상도를 size=(높이, 너비)로 맞춥니다.

    이미지 한 장씩이 아니라 미니배치 전체를 한 번에 이중선형 보간으로 처리합니다.
    """
    X = images.float().div_(255)
    if tuple(X.shape[-2:]) == tuple(size):
        return X
    # 앨리어싱 방지 필터는 줄일 때만 필요합니다. 키울 때는 결과가 같고 느리기만 합니다.
    shrinking = size[0] < X.shape[-2] or size[1] < X.shape[-1]
    X = F.interpolate(X, size=tuple(size), mode='bilinear', align_corners=False,
                      antialias=shrinking)
    if shrinking:
        # 앨리어싱 방지 필터의 반올림 오차로 1을 아주 조금 넘는 값이 생길 수 있어 잘라 냅니다.
        X = X.clamp_(0, 1)
    return X


def augment_batch(images, generator, pad=2):
    """훈련용 데이터 증강: 이미지마다 따로 무작위로 자르고(가장자리 ``pad`` 픽셀을 0으로 채운 뒤),
    반은 좌우로 뒤집습니다.  모양 (B, C, H, W)와 자료형은 그대로입니다.

    torchvision의 RandomCrop·RandomHorizontalFlip은 한 번 부를 때 무작위 값 하나를 뽑아
    미니배치 전체에 똑같이 적용하므로, 이미지마다 다르게 하려면 한 장씩 불러야 합니다.
    여기서는 위치를 이미지마다 뽑아 인덱스 한 번으로 미니배치 전체를 자릅니다.
    옷 이미지는 좌우가 바뀌어도 같은 옷이므로 뒤집기는 레이블을 바꾸지 않습니다.
    """
    B, C, H, W = images.shape
    padded = F.pad(images, (pad, pad, pad, pad))
    top = torch.randint(0, 2 * pad + 1, (B, 1, 1), generator=generator)
    left = torch.randint(0, 2 * pad + 1, (B, 1, 1), generator=generator)
    flip = torch.rand(B, 1, 1, generator=generator) < 0.5
    rows = top + torch.arange(H).view(1, H, 1)                           # (B, H, 1)
    columns = torch.arange(W).view(1, 1, W)
    cols = left + torch.where(flip, W - 1 - columns, columns)             # (B, 1, W)
    batch = torch.arange(B).view(B, 1, 1)
    device = images.device
    # 고급 인덱싱의 결과는 (B, H, W, C)이므로 채널 축을 다시 둘째로 옮깁니다.
    cropped = padded[batch.to(device), :, rows.to(device), cols.to(device)]
    return cropped.permute(0, 3, 1, 2).contiguous()


class ImageSplit:
    """훈련 또는 검증 부분 하나: uint8 이미지 (N, 1, 28, 28)와 int64 레이블 (N,).

    책처럼 ``len(data.train)``과 ``data.train[0]``(해상도를 맞춘 이미지, 레이블)을 쓸 수 있습니다.
    """

    def __init__(self, images, labels, size):
        self.images, self.labels, self.size = images, labels, size

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        image = to_float_resized(self.images[i].unsqueeze(0), self.size)[0]
        return image, int(self.labels[i])


class BatchLoader:
    """미니배치 반복자. 책의 ``DataLoader`` 자리를 대신합니다.

    데이터가 이미 메모리에 텐서로 있으므로 작업자 프로세스가 필요 없습니다. 미니배치마다
    인덱스로 uint8 이미지를 골라 장치로 옮기고(float32보다 4배 적은 복사), 장치에서
    실수로 바꾸고 해상도를 맞춥니다(GPU라면 GPU가 크기 조정을 합니다). CUDA에서는
    데이터 전체(uint8, 약 47MB)를 처음에 한 번만 GPU로 옮겨 두므로 미니배치마다 옮기지 않습니다.
    """

    def __init__(self, data_module, split, shuffle):
        self.data_module, self.split, self.shuffle = data_module, split, shuffle

    def __len__(self):
        """미니배치 수. 마지막 미니배치는 더 작을 수 있습니다(버리지 않음).

        다만 섞는 훈련 로더에서 마지막에 예제 하나만 남으면 그 예제를 앞 미니배치에 붙입니다.
        예제 하나짜리 미니배치로는 배치 정규화가 훈련 모드 통계를 낼 수 없기 때문입니다.
        """
        n, batch_size = len(self.split), self.data_module.batch_size
        batches = math.ceil(n / batch_size)
        if self._merge_last(n, batch_size):
            batches -= 1
        return batches

    def _merge_last(self, n, batch_size):
        return self.shuffle and n > batch_size and n % batch_size == 1

    def __iter__(self):
        data = self.data_module
        # 장치는 반복을 시작할 때 읽습니다: Trainer가 데이터 모듈을 만든 뒤에 정하기 때문입니다.
        device = torch.device(data.device)
        n = len(self.split)
        images, labels = self._resident(device)
        # 훈련 데이터는 반복(에폭)마다 새 순서로 섞습니다. 순서는 seed로 재현됩니다.
        order = torch.randperm(n, generator=data.generator) if self.shuffle else torch.arange(n)
        order = order.to(images.device)
        chunks = list(order.split(data.batch_size))
        if self._merge_last(n, data.batch_size):
            chunks[-2:] = [torch.cat(chunks[-2:])]
        augment = self.shuffle and data.augment   # 증강은 훈련 미니배치에만
        for idx in chunks:
            X = images[idx].to(device)
            y = labels[idx].to(device)
            if augment:
                X = augment_batch(X, data.generator)
            yield to_float_resized(X, data.image_size), y

    def _resident(self, device):
        """CUDA 장치면 uint8 데이터 전체를 그 장치에 한 번 올려 두고 씁니다(훈련 60,000장이 47MB).

        그러면 미니배치가 버스를 건너지 않습니다. 이미지 텐서를 바꾸면 새로 올립니다.
        CPU나 다른 장치에서는 원래 텐서를 그대로 씁니다.
        """
        split = self.split
        if device.type != 'cuda':
            return split.images, split.labels
        key = (device, id(split.images), split.images._version,
               id(split.labels), split.labels._version)
        cached = getattr(split, '_on_device', None)
        if cached is None or cached[0] != key:
            split._on_device = (key, split.images.to(device), split.labels.to(device))
        return split._on_device[1], split._on_device[2]


# ---------------------------------------------------------------------------
# 4. 데이터 모듈
# ---------------------------------------------------------------------------

class FashionMNIST(DataModule):
    """Fashion-MNIST 데이터 모듈(28×28 흑백 옷 이미지, 10개 클래스, 훈련 60,000 / 검증 10,000).

    인자:
        batch_size: 배치 크기.
        resize: 해상도. 정수 하나(정사각형) 또는 (높이, 너비).
        root: 데이터 디렉터리. None이면 $D2LMINI_DATA, 그것도 없으면 사용자 캐시.
        source: None이면 진짜 데이터(없으면 내려받기, 그래도 안 되면 합성 대체 데이터),
            'real'이면 진짜 데이터만(못 구하면 오류), 'synthetic'이면 합성 대체 데이터만.
        fraction: 0 < fraction ≤ 1. 훈련·검증 각각에서 이 비율만 씁니다.
        limit: 정수면 훈련·검증 각각의 최대 예제 수, (훈련, 검증) 쌍이면 부분마다 따로
            (None은 제한 없음). fraction과 함께 주면 더 작은 쪽을 따릅니다.
        seed: 부분집합 고르기와 훈련 데이터 섞기의 시드. 같은 시드면 같은 미니배치가 나옵니다.
        num_workers: 책과의 호환을 위해 받기만 합니다(데이터가 메모리에 있어 필요 없음).
        augment: True면 훈련 미니배치의 이미지마다 무작위로 자르고 반은 좌우로 뒤집습니다
            (``augment_batch``).  검증 데이터는 그대로입니다.  훈련 레시피가 정하기도 합니다.

    부분집합은 클래스마다 거의 같은 수로 고릅니다. 'smoke' 프로필에서는 훈련
    256개 / 검증 128개로 저절로 줄입니다(이미 더 적게 요청했다면 그대로).

    속성: ``source``('real' 또는 'synthetic'), ``data_dir``, ``train``/``val``
    (``ImageSplit``), ``image_size``((높이, 너비)), ``device``(Trainer가 정함).

    ``batch_size``, ``resize``, ``augment``는 만든 뒤에 바꿔도 되고(다음 미니배치부터 따름) 바꿀 때도
    확인합니다.  어떤 예제를 쓸지 정하는 ``root``, ``source``, ``fraction``, ``limit``, ``seed``는
    만든 뒤에 바꾸면 아무것도 바뀌지 않으므로, 바꾸려 하면 다시 만들라고 알립니다.
    """

    num_classes = NUM_CLASSES
    # 데이터를 만들 때 쓰고 끝나는 인자: 만든 뒤에 바꾸면 조용히 무시되는 대신 한 문장으로 알립니다.
    _FIXED_AT_CREATION = ('root', 'source', 'fraction', 'limit', 'seed')
    _made = False

    def __init__(self, batch_size=64, resize=(28, 28), root=None, source=None,
                 fraction=None, limit=None, seed=0, num_workers=0, augment=False):
        data_arguments(batch_size, resize, fraction, limit, source, SOURCES, num_workers, augment)
        batch_size, num_workers = int(batch_size), int(num_workers)
        resize = int(resize) if is_positive_int(resize) else tuple(int(v) for v in resize)
        if isinstance(limit, (tuple, list)):
            limit = tuple(None if v is None else int(v) for v in limit)
        elif limit is not None:
            limit = int(limit)
        seed = whole_number('seed', seed, 0, 'seed=0')
        self.save_hyperparameters()   # resize를 저장하면서 image_size도 정합니다(resize 속성)
        self.data_dir = data_dir_for(root)
        self.source, splits = self._load_splits(source)
        # 부분집합 고르기와 섞기에 같은 난수 생성기를 씁니다: 시드 하나로 모두 재현됩니다.
        self.generator = torch.Generator().manual_seed(seed)
        sizes = self._subset_sizes()
        self.train = self._make_split(splits['train'], sizes['train'])
        self.val = self._make_split(splits['val'], sizes['val'])
        self._made = True

    def __setattr__(self, name, value):
        if self._made and name in self._FIXED_AT_CREATION:
            raise fixed_after_creation(type(self).__name__, name, value)
        super().__setattr__(name, value)

    @property
    def batch_size(self):
        return self._batch_size

    @batch_size.setter
    def batch_size(self, value):
        self._batch_size = batch_size_value(value)

    @property
    def augment(self):
        """훈련 미니배치를 증강하는가.  ``True``나 ``False``만 받습니다(``'no'``도 참으로 읽히므로)."""
        return self._augment

    @augment.setter
    def augment(self, value):
        self._augment = augment_value(value)

    @property
    def resize(self):
        return self._resize

    @resize.setter
    def resize(self, value):
        """해상도를 바꾸면 ``image_size``와 두 부분(``train``, ``val``)의 해상도도 함께 바뀝니다."""
        self.image_size = resize_value(value)
        self._resize = value if is_positive_int(value) else self.image_size
        for split in (self.__dict__.get('train'), self.__dict__.get('val')):
            if split is not None:
                split.size = self.image_size

    def _load_splits(self, source):
        """요청(source)에 맞게 데이터를 준비하고 (실제 출처, 데이터)를 돌려줍니다."""
        if source == 'synthetic':
            _print_standin_banner("source='synthetic'으로 직접 요청함",
                                  'source 인자를 빼고(source=None) 다시 만드세요.')
            return 'synthetic', load_synthetic()
        missing = missing_files(self.data_dir)
        reason = download.try_download(self.data_dir, missing) if missing else None
        if reason is None:
            return 'real', load_real(self.data_dir)
        if source == 'real':
            raise RuntimeError(
                f"source='real'이지만 진짜 Fashion-MNIST를 구하지 못했습니다.\n"
                f'  {self.data_dir}에 없는 파일: {", ".join(missing)}\n  이유: {reason}\n'
                f'{_retry_advice()}, 공식 파일 4개가 있는 디렉터리를 root 인자 '
                f"또는 환경 변수 {DATA_ENV}로 지정하세요. 합성 대체 데이터로도 괜찮다면 source=None.")
        _print_standin_banner(f'{reason}\n    {self.data_dir}에 없는 파일: {", ".join(missing)}',
                              _how_to_get_real_data(self.data_dir))
        return 'synthetic', load_synthetic()

    def _subset_sizes(self):
        """fraction, limit, smoke 프로필을 반영해 부분마다 쓸 예제 수를 정합니다."""
        limits = self.limit if isinstance(self.limit, (tuple, list)) else (self.limit, self.limit)
        sizes = {}
        for split, limit in zip(('train', 'val'), limits):
            size = SPLIT_SIZES[split]
            if self.fraction is not None:
                size = max(1, round(size * self.fraction))
            if limit is not None:
                size = min(size, limit)
            sizes[split] = smoke_cap(f'{split}_examples', size)
        return sizes

    def _make_split(self, images_and_labels, size):
        images, labels = images_and_labels
        if size < len(labels):
            idx = balanced_subset(labels, size, self.generator)
            images, labels = images[idx], labels[idx]   # 인덱싱은 새 텐서를 만듭니다
        else:
            images, labels = images.clone(), labels.clone()   # 캐시를 공유하지 않도록
        return ImageSplit(images, labels, self.image_size)

    def get_dataloader(self, train):
        """훈련(train=True, 섞음) 또는 검증(train=False, 순서 그대로) 미니배치 반복자."""
        if train:
            return BatchLoader(self, self.train, shuffle=True)
        return BatchLoader(self, self.val, shuffle=False)

    def text_labels(self, indices):
        """레이블 번호들을 영어 이름 목록으로 바꿉니다. 예: [0, 9] → ['t-shirt', 'ankle boot']."""
        return [TEXT_LABELS[int(i)] for i in indices]

    def visualize(self, batch, nrows=1, ncols=8, labels=None):
        """미니배치 (X, y)의 앞쪽 이미지 nrows×ncols장을 제목(레이블 이름)과 함께 그립니다.

        그림은 ``plt.show()``로 바로 보여 주고 아무것도 돌려주지 않습니다.
        그림 객체를 돌려주면 노트북이 같은 그림을 한 번 더 출력하기 때문입니다.
        """
        import matplotlib.pyplot as plt  # 그림이 필요할 때만 불러옵니다(불러오기에 시간이 걸림).

        X, y = batch
        if not labels:
            labels = self.text_labels(y)
        images = X.detach().cpu()[:nrows * ncols, 0]
        fig, axes = plt.subplots(nrows, ncols, figsize=(1.5 * ncols, 1.7 * nrows), squeeze=False)
        for ax, image, title in zip(axes.flat, images, labels):
            ax.imshow(image.numpy(), cmap='gray')
            ax.set_title(title, fontsize=9)
        for ax in axes.flat:
            ax.axis('off')
        fig.tight_layout()
        plt.show()

    def __repr__(self):
        return (f'FashionMNIST(source={self.source!r}, train={len(self.train)}, '
                f'val={len(self.val)}, batch_size={self.batch_size}, image_size={self.image_size})')
