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

from .notebook import notice_once

PROFILES = ('book', 'cpu', 'smoke')
PROFILE_ENV = 'D2LMINI_PROFILE'
TINY_ENV = 'D2LMINI_TINY'
FAST_CPU_ENV = 'D2LMINI_FAST_CPU'

# smoke 프로필에서는 책 코드를 고치지 않아도 라이브러리가 이 크기로 줄입니다.
SMOKE_LIMITS = {'max_epochs': 1, 'train_examples': 256, 'val_examples': 128}
# 줄일 때 한 번 하는 알림: (알림 종류, 문장).  훈련·검증 예제는 알림 하나로 함께 알립니다.
_DATA_NOTICE = ('smoke-data', f"smoke 크기 제한: 빨리 끝나도록 훈련 {SMOKE_LIMITS['train_examples']}개, "
                f"검증 {SMOKE_LIMITS['val_examples']}개 이하의 예제만 씁니다(클래스 균형 부분집합).")
_CAP_NOTICES = {'max_epochs': ('smoke-epochs', 'smoke 크기 제한: 빨리 끝나도록 에폭 수를 {limit}로 '
                               '줄입니다(처음 요청: {value}).'),
                'train_examples': _DATA_NOTICE, 'val_examples': _DATA_NOTICE}
# 켜고 끄는 환경 변수가 받는 값(대소문자 무시).  빈 값은 꺼짐입니다.
_SWITCH_VALUES = {'1': True, 'true': True, 'yes': True, 'on': True,
                  '0': False, 'false': False, 'no': False, 'off': False, '': False}


def has_accelerator():
    """CUDA 또는 Apple MPS 장치가 있으면 True."""
    mps = getattr(torch.backends, 'mps', None)
    return torch.cuda.is_available() or bool(mps and mps.is_available())


def profile_and_reason():
    """``(프로필 이름, 고른 이유)``를 돌려줍니다."""
    requested = os.environ.get(PROFILE_ENV, '').strip().lower()
    if requested:
        if requested not in PROFILES:
            raise ValueError(
                f"{PROFILE_ENV}={os.environ[PROFILE_ENV]!r}는 없는 프로필입니다. "
                f"{', '.join(PROFILES)} 중 하나로 설정하세요 (예: {PROFILE_ENV}=cpu).")
        return requested, f'환경 변수 {PROFILE_ENV}={requested}로 지정됨'
    if has_accelerator():
        return 'book', 'GPU(CUDA 또는 MPS)가 있어 책과 같은 설정을 사용'
    return 'cpu', 'GPU가 없어 CPU에서 몇 분 안에 끝나는 설정을 사용'


def profile():
    """지금 쓰는 프로필 이름: ``'book'``, ``'cpu'``, ``'smoke'`` 중 하나."""
    return profile_and_reason()[0]


def switch(name):
    """켜고 끄는 환경 변수 ``name``의 값: 켜짐 True, 꺼짐 False, 정하지 않음(없거나 빈 값) None.

    1/true/yes/on과 0/false/no/off를 대소문자 없이 받습니다.  그 밖의 값은 무엇을 뜻하는지
    알 수 없으므로 짐작하지 않고 한 문장으로 알립니다.
    """
    raw = os.environ.get(name, '')
    if not raw.strip():
        return None
    value = _SWITCH_VALUES.get(raw.strip().lower())
    if value is None:
        raise ValueError(f'환경 변수 {name}={raw!r}는 켜짐인지 꺼짐인지 알 수 없습니다: '
                         f'켜려면 {name}=1, 끄려면 {name}=0으로 설정하세요(true/false, yes/no, on/off도 됩니다).')
    return value


def switch_on(name):
    """켜고 끄는 환경 변수 ``name``이 켜져 있으면 True (없거나 빈 값은 꺼짐)."""
    return bool(switch(name))


def size_limited():
    """에폭과 데이터를 ``SMOKE_LIMITS``로 줄여야 하면 True: smoke 프로필이거나 ``D2LMINI_TINY``가 켜짐."""
    return profile() == 'smoke' or switch_on(TINY_ENV)


def smoke_cap(kind, value):
    """크기 제한(smoke 프로필이나 ``D2LMINI_TINY``) 중이면 ``value``를 ``SMOKE_LIMITS[kind]``로 줄입니다.

    줄였으면 무엇을 얼마로 줄였는지 이 프로세스에서 한 번 알립니다.  책의 코드를 고치지 않아도
    자동 점검이 몇 초 만에 끝나게 하는 곳은 여기 하나입니다.
    """
    limit = SMOKE_LIMITS[kind]
    if not size_limited() or value <= limit:
        return value
    notice_kind, message = _CAP_NOTICES[kind]
    notice_once(notice_kind, message.format(limit=limit, value=value))
    return limit


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
            f'profile_settings에는 {", ".join(PROFILES)} 세 프로필의 설정이 모두 필요합니다 '
            f'(빠진 것: {missing or "없음"}, 모르는 것: {unknown or "없음"}).')
    name, reason = profile_and_reason()
    settings = dict(per_profile[name])
    shown = ', '.join(f'{key}={value}' for key, value in settings.items())
    print(f'실행 프로필: {name} ({reason})\n설정: {shown}')
    if name != 'book':   # 무엇을 줄였는지(또는 아무것도 줄이지 않았는지) 노트북마다 정확히
        print(_compared_with_book(settings, per_profile['book']))
    return SimpleNamespace(profile=name, **settings)


def _compared_with_book(settings, book):
    """이 프로필의 설정이 책(``book`` 프로필)과 어떻게 다른지 한 줄로."""
    differ = [f'{key}(책: {book[key]})' for key, value in settings.items()
              if key in book and book[key] != value]
    return f"책과 다른 값: {', '.join(differ)}" if differ else 'book 프로필(GPU)에서도 같은 값을 씁니다.'
