"""입력 파이프라인 속도 비교: d2lmini.FashionMNIST 대 책 방식(torchvision + PIL).

책 방식: torchvision.datasets.FashionMNIST에 transforms.Compose([Resize, ToTensor])를 걸어
이미지 한 장마다 PIL로 크기를 바꾸고, DataLoader(batch_size=128, shuffle=True, num_workers=0)로
미니배치를 만듭니다. d2lmini 방식: uint8 텐서에서 미니배치를 통째로 골라 한 번에 실수로
바꾸고 해상도를 맞춥니다. 두 방식 모두 같은 공식 파일을 읽습니다.

실행: ``python benchmarks/data_pipeline.py``
데이터 위치: 환경 변수 D2LMINI_DATA, 없으면 저장소 옆의 ../shared/data/fashion-mnist.
해상도(resize)마다 정해진 수의 미니배치를 돌려 초당 이미지 수(images/s)를 출력합니다.
"""
import gzip
import os
import sys
import tempfile
import time
from pathlib import Path

import torch
import torchvision
from torchvision import transforms

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # 설치하지 않고 저장소에서 바로 실행할 수 있게

from d2lmini.data import FashionMNIST, FILES  # noqa: E402

BATCH_SIZE = 128
WARMUP_BATCHES = 3
# 해상도마다 잴 미니배치 수: 책 방식이 느린 큰 해상도에서는 적게 잽니다(전체 2분 이내).
BATCHES = {28: 150, 96: 80, 224: 60}


def data_dir():
    default = REPO.parent / 'shared' / 'data' / 'fashion-mnist'
    return Path(os.environ.get('D2LMINI_DATA') or default)


def torchvision_layout(source_dir, target_root):
    """torchvision이 기대하는 배치(root/FashionMNIST/raw/압축 푼 파일)를 임시 디렉터리에 만듭니다."""
    raw = Path(target_root) / 'FashionMNIST' / 'raw'
    raw.mkdir(parents=True)
    for name in (name for pair in FILES.values() for name in pair):
        gz = Path(source_dir) / f'{name}.gz'
        (raw / name).write_bytes(gzip.decompress(gz.read_bytes()))


def book_loader(root, size):
    """책의 d2l.FashionMNIST와 같은 방식: 이미지 한 장씩 PIL Resize → ToTensor."""
    trans = transforms.Compose([transforms.Resize(size), transforms.ToTensor()])
    train = torchvision.datasets.FashionMNIST(root=root, train=True, transform=trans,
                                              download=False)
    return torch.utils.data.DataLoader(train, batch_size=BATCH_SIZE, shuffle=True,
                                       num_workers=0)


def d2lmini_loader(root, size):
    data = FashionMNIST(batch_size=BATCH_SIZE, resize=size, root=root, source='real')
    return data.train_dataloader()


def images_per_second(loader, num_batches):
    """워밍업 뒤 num_batches개의 미니배치를 꺼내는 속도(images/s)."""
    batches = iter(loader)
    for _ in range(WARMUP_BATCHES):
        next(batches)
    count, start = 0, time.perf_counter()
    for _ in range(num_batches):
        X, y = next(batches)
        count += len(y)
    return count / (time.perf_counter() - start), tuple(X.shape), X.dtype


def main():
    source = data_dir()
    print(f'데이터: {source}')
    print(f'CPU 스레드(torch): {torch.get_num_threads()}, 배치 크기 {BATCH_SIZE}, '
          f'torch {torch.__version__}, torchvision {torchvision.__version__}\n')
    header = f'{"resize":>6} | {"책 방식 (PIL, 한 장씩)":>22} | {"d2lmini (배치 통째로)":>22} | {"배율":>6}'
    with tempfile.TemporaryDirectory() as tmp:
        torchvision_layout(source, tmp)
        print(header)
        print('-' * 78)
        for size, num_batches in BATCHES.items():
            book, book_shape, _ = images_per_second(book_loader(tmp, size), num_batches)
            ours, our_shape, dtype = images_per_second(d2lmini_loader(source, size), num_batches)
            assert book_shape == our_shape, (book_shape, our_shape)
            print(f'{size:>6} | {book:>16,.0f} img/s | {ours:>16,.0f} img/s | {ours / book:>5.1f}×',
                  flush=True)
    print(f'\n(두 방식 모두 배치 모양 {our_shape}, {dtype}; 훈련 데이터를 섞어서 읽음)')


if __name__ == '__main__':
    main()
