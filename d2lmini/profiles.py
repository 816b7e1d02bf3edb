"""실행 프로필: 같은 노트북이 GPU에서도, 노트북 CPU에서도, CI에서도 끝나게 합니다.

* ``book``  – 책과 똑같은 설정. CUDA나 MPS가 있으면 자동으로 고릅니다.
* ``cpu``   – 2코어 노트북 CPU에서 모델마다 몇 분 안에 훈련이 끝나도록 줄인 설정.
* ``smoke`` – 노트북 하나가 몇 초 만에 끝나는 자동 점검용 설정.

환경 변수 ``D2LMINI_PROFILE``이 있으면 언제나 그것이 자동 선택보다 우선합니다.

환경 변수 ``D2LMINI_TINY=1``은 어느 프로필에서든 smoke와 같은 크기 제한(에폭 1, 훈련 256장·
검증 128장)을 겁니다.  테스트가 ``book`` 프로필의 모델(책의 해상도와 너비)을 GPU 없이 빨리 한 번
돌려 보는 데 씁니다.
"""
import os
from types import SimpleNamespace

import torch

PROFILES = ('book', 'cpu', 'smoke')
ENV_VAR = 'D2LMINI_PROFILE'
TINY_VAR = 'D2LMINI_TINY'

# smoke 프로필에서는 책 코드를 고치지 않아도 라이브러리가 이 크기로 줄입니다.
SMOKE_LIMITS = {'max_epochs': 1, 'train_examples': 256, 'val_examples': 128}

# 이미 출력한 알림의 종류. 한 프로세스(노트북 커널)에서 같은 종류는 한 번만 알립니다.
_NOTICES_SHOWN = set()


def notice_once(kind, message):
    """``kind`` 종류의 알림을 이 프로세스에서 처음일 때만 출력합니다.

    셀 하나에서 Trainer나 데이터 모듈을 여러 개 만들어도 같은 알림이 반복되지 않습니다.
    """
    if kind in _NOTICES_SHOWN:
        return False
    _NOTICES_SHOWN.add(kind)
    print(message)
    return True


def has_accelerator():
    """CUDA 또는 Apple MPS 장치가 있으면 True."""
    mps = getattr(torch.backends, 'mps', None)
    return torch.cuda.is_available() or bool(mps and mps.is_available())


def profile_and_reason():
    """``(프로필 이름, 고른 이유)``를 돌려줍니다."""
    requested = os.environ.get(ENV_VAR, '').strip().lower()
    if requested:
        if requested not in PROFILES:
            raise ValueError(
                f"{ENV_VAR}={os.environ[ENV_VAR]!r} 는 없는 프로필입니다. "
                f"{', '.join(PROFILES)} 중 하나로 설정하세요 (예: {ENV_VAR}=cpu).")
        return requested, f'환경 변수 {ENV_VAR}={requested} 로 지정됨'
    if has_accelerator():
        return 'book', 'GPU(CUDA 또는 MPS)가 있어 책과 같은 설정을 사용'
    return 'cpu', 'GPU가 없어 CPU에서 몇 분 안에 끝나도록 줄인 설정을 사용'


def profile():
    """지금 쓰는 프로필 이름: ``'book'``, ``'cpu'``, ``'smoke'`` 중 하나."""
    return profile_and_reason()[0]


def size_limited():
    """에폭과 데이터를 ``SMOKE_LIMITS``로 줄여야 하면 True: smoke 프로필이거나 ``D2LMINI_TINY``가 켜짐."""
    return profile() == 'smoke' or os.environ.get(TINY_VAR, '').strip() not in ('', '0')


def profile_settings(**per_profile):
    """지금 프로필의 설정을 골라 돌려주고, 어떤 프로필을 왜 골랐는지 출력합니다.

    노트북은 설정을 한곳에 모아 선언합니다::

        cfg = d2l.profile_settings(
            book=dict(max_epochs=10, batch_size=128, lr=0.1, resize=224),
            cpu=dict(max_epochs=4, batch_size=128, lr=0.1, resize=32),
            smoke=dict(max_epochs=1, batch_size=64, lr=0.1, resize=32))
        cfg.max_epochs  # 지금 프로필의 값
    """
    missing = [name for name in PROFILES if name not in per_profile]
    unknown = [name for name in per_profile if name not in PROFILES]
    if missing or unknown:
        raise ValueError(
            f'profile_settings 에는 {", ".join(PROFILES)} 세 프로필의 설정이 모두 필요합니다 '
            f'(빠진 것: {missing or "없음"}, 모르는 것: {unknown or "없음"}).')
    name, reason = profile_and_reason()
    settings = dict(per_profile[name])
    shown = ', '.join(f'{key}={value}' for key, value in settings.items())
    print(f'실행 프로필: {name} ({reason})\n설정: {shown}')
    return SimpleNamespace(profile=name, **settings)
