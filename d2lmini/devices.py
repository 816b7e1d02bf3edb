"""훈련 장치 고르기: 요청한 GPU가 없으면 Apple MPS나 CPU로 내려가며 한 줄로 알립니다."""
import torch


def num_gpus():
    """쓸 수 있는 CUDA GPU 개수."""
    return torch.cuda.device_count()


def gpu(i=0):
    """i번째 GPU 장치 (책의 ``d2l.gpu``)."""
    return torch.device(f'cuda:{i}')


def cpu():
    return torch.device('cpu')


def _mps_available():
    mps = getattr(torch.backends, 'mps', None)
    return bool(mps and mps.is_available())


def choose_device(requested_gpus):
    """``Trainer(num_gpus=...)``에 맞는 장치 하나를 고릅니다.

    d2lmini는 장치 하나에서만 훈련합니다.  요청과 다른 장치를 쓰게 되면 그 사실을
    한 줄로 출력합니다.
    """
    if not isinstance(requested_gpus, int) or requested_gpus < 0:
        raise ValueError(f'num_gpus는 0 이상의 정수여야 합니다 (받은 값: {requested_gpus!r}).')
    if requested_gpus == 0:
        return cpu()
    available = num_gpus()
    if available >= 1:
        if requested_gpus > 1:
            print(f'알림: GPU {requested_gpus}개를 요청했지만 d2lmini는 GPU 한 개(cuda:0)로 훈련합니다.')
        return gpu(0)
    if _mps_available():
        print('알림: CUDA GPU가 없어 Apple MPS 장치로 훈련합니다.')
        return torch.device('mps')
    print(f'알림: GPU {requested_gpus}개를 요청했지만 GPU가 없어 CPU로 훈련합니다.')
    return cpu()
