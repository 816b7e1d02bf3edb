"""장치 고르기와, 모델을 바꾸지 않는 torch 도우미.

* 장치: ``Trainer(num_gpus=...)``가 요청한 GPU가 없으면 Apple MPS나 CPU로 내려가며 한 줄로 알립니다.
* CPU에서 빨리 계산하기(``FastCPU``): bf16을 직접 계산하는 CPU(AMX 또는 AVX512-BF16)에서는 bf16
  자동 혼합 정밀도와 channels_last 메모리 배치로 훈련 스텝을 1.5~2배 빠르게 합니다.
* 모델을 살펴볼 때 여러 파일이 함께 쓰는 도우미: 평가 모드로 잠깐 돌리기(``evaluation``),
  파라미터가 있는 장치(``device_of``), 지연 층이 남았는지(``has_lazy_parameters``),
  지연 층까지 복사하는 깊은 복사(``copy_module``).
"""
import copy
import time
from contextlib import nullcontext
from dataclasses import dataclass

import torch
from torch import nn

from .notebook import notice_once
from .profiles import FAST_CPU_ENV


# ---------------------------------------------------------------------------
# 장치
# ---------------------------------------------------------------------------

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
    """``Trainer(num_gpus=...)``에 맞는 장치 하나를 고릅니다 (인자는 Trainer가 이미 확인함).

    d2lmini는 장치 하나에서만 훈련합니다.  요청과 다른 장치를 쓰게 되면 그 사실을
    한 줄로 출력합니다(같은 알림은 커널마다 한 번: 셀마다 Trainer를 새로 만들어도 반복하지 않음).
    """
    if requested_gpus == 0:
        return cpu()
    if num_gpus() >= 1:
        if requested_gpus > 1:
            notice_once('device:one-gpu', f'GPU {requested_gpus}개를 요청했지만 d2lmini는 '
                        'GPU 한 개(cuda:0)로 훈련합니다.')
        return gpu(0)
    if _mps_available():
        notice_once('device:mps', 'CUDA GPU가 없어 Apple MPS 장치로 훈련합니다.')
        return torch.device('mps')
    notice_once('device:cpu', f'GPU {requested_gpus}개를 요청했지만 GPU가 없어 CPU로 훈련합니다.')
    return cpu()


# ---------------------------------------------------------------------------
# CPU에서 빨리 계산하기: bf16 자동 혼합 정밀도와 channels_last
# ---------------------------------------------------------------------------

# bf16을 직접 계산하는 명령어와, torch가 그것을 묻는 함수의 이름(먼저 있는 것을 씁니다)
BF16_INSTRUCTIONS = {'AMX': '_is_amx_tile_supported', 'AVX512-BF16': '_is_avx512_bf16_supported'}
# bf16 명령어가 없는 CPU: bf16은 흉내 내느라 느리므로 float32에서 channels_last만 재 봅니다
NO_BF16 = 'bf16 명령어 없음'


def native_bf16():
    """CPU가 bf16 곱셈을 직접 계산하는 명령어의 이름(``'AMX'``, ``'AVX512-BF16'``), 없으면 None.

    PyTorch가 실행 중에 CPU에 묻습니다.  오래된 torch(이 함수들이 없는 판)에서는 None입니다.
    """
    cpu_module = getattr(torch, 'cpu', None)
    for name, check in BF16_INSTRUCTIONS.items():
        probe = getattr(cpu_module, check, None)
        try:
            if probe is not None and probe():
                return name
        except (RuntimeError, AttributeError):
            continue
    return None


@dataclass(frozen=True)
class FastCPU:
    """훈련을 어떻게 계산하는가: bf16 자동 혼합 정밀도(``bf16``)와 channels_last 배치(``channels_last``).

    bf16 자동 혼합 정밀도(``torch.autocast``)에서는 합성곱과 행렬 곱만 bf16으로 계산합니다.
    가중치와 기울기, 옵티마이저, 배치 정규화의 통계, 손실은 float32로 남습니다.
    """
    bf16: bool = False
    channels_last: bool = False
    why: str = ''
    speedup: float = 1.0      # 고를 때 잰 float32 대비 빠르기(재지 않았으면 1)

    @property
    def enabled(self):
        return self.bf16 or self.channels_last

    @property
    def native(self):
        """CPU가 bf16을 직접 계산해서 켠 것인가(D2LMINI_FAST_CPU=1로 요청한 것이 아니라)."""
        return self.why in BF16_INSTRUCTIONS

    @property
    def measured(self):
        """요청이 아니라 CPU를 보고 정한 것이라, 모델마다 후보를 재어 고르는가."""
        return self.native or self.why == NO_BF16

    def autocast(self):
        """순전파를 감쌀 문맥: bf16이면 CPU 자동 혼합 정밀도, 아니면 아무 일도 하지 않음."""
        if self.bf16:
            return torch.autocast('cpu', dtype=torch.bfloat16)
        return nullcontext()

    def model(self, model):
        """channels_last이면 모델의 4차원 가중치를 그 배치로 (제자리에서) 바꾸고 True를 돌려줍니다.

        아직 모양이 없는 지연 층이 있으면 바꿀 수 없으므로 False: 첫 스텝 뒤에 다시 부릅니다.
        """
        if not self.channels_last or has_lazy_parameters(model):
            return False
        model.to(memory_format=torch.channels_last)
        return True

    def batch(self, batch):
        """channels_last이면 미니배치의 이미지(4차원 텐서)를 그 배치로 바꿉니다."""
        if not self.channels_last:
            return batch
        return [t.contiguous(memory_format=torch.channels_last)
                if torch.is_tensor(t) and t.dim() == 4 else t for t in batch]

    def as_dict(self):
        return {'bf16_autocast': self.bf16, 'channels_last': self.channels_last}

    def describe(self):
        """``'bf16 + channels_last'``, ``'bf16'``, ``'float32'`` 같은 짧은 이름."""
        parts = (['bf16'] if self.bf16 else []) + (['channels_last'] if self.channels_last else [])
        return ' + '.join(parts) or 'float32'

    def tuned(self, model, batch, rounds=2, steps=3):
        """이 모델과 미니배치에서 가장 빠른 계산: float32, channels_last, 그리고 CPU가 bf16을 직접
        계산하면 bf16, bf16 + channels_last까지.

        모델의 복사본으로 훈련 스텝 몇 개를 번갈아 재므로 모델과 난수 상태는 그대로입니다.
        같은 CPU에서도 모델에 따라 답이 다릅니다: 채널이 적은 배치 정규화는 channels_last에서
        오히려 느리고, AMX가 없는 CPU에서는 bf16이 float32보다 느린 모델이 많습니다.
        """
        layouts = [FastCPU(why=self.why), FastCPU(False, True, self.why)]
        with_bf16 = [FastCPU(True, False, self.why), FastCPU(True, True, self.why)]
        candidates = layouts + (with_bf16 if self.native else [])
        with torch.random.fork_rng(devices=[]):
            best = _step_seconds(model, batch, candidates, rounds, steps)
        base = best[0]
        fastest = min(range(len(candidates)), key=lambda k: best[k])
        chosen = candidates[fastest]
        return FastCPU(chosen.bf16, chosen.channels_last, self.why, round(base / best[fastest], 2))

    def notice_text(self):
        """학습자에게 알리는 한 줄: 무엇으로 계산하는지, 왜, 어떻게 끄는지."""
        off = f'끄려면 환경 변수 {FAST_CPU_ENV}=0을 설정하고 커널을 다시 시작하세요.'
        if not self.measured:
            return (f'{self.why}로 요청한 대로 훈련 스텝을 bf16 자동 혼합 정밀도와 channels_last로 '
                    f'계산합니다(가중치·손실·옵티마이저는 float32). {off}')
        if not self.enabled:
            cpu = (f'이 CPU는 bf16을 직접 계산하지만({self.why})' if self.native else
                   '이 CPU는 bf16을 직접 계산하지 못하고,')
            return f'{cpu} 스텝 몇 개를 재 보니 이 모델은 float32·기본 메모리 배치가 가장 빨라 그대로 훈련합니다.'
        cpu = (f'이 CPU는 bf16을 직접 계산하므로({self.why}) 스텝 몇 개를 재어' if self.native else
               '이 CPU는 bf16을 직접 계산하지 못해 float32에서 스텝 몇 개를 재어')
        what = ('합성곱·행렬 곱만 bf16, 가중치·손실·옵티마이저는 float32' if self.bf16 else
                '계산은 모두 float32, 바뀌는 것은 메모리 배치뿐')
        return (f'{cpu} 이 모델에 가장 빠른 계산({self.describe()})으로 훈련합니다'
                f'(float32·기본 메모리 배치보다 {self.speedup:.1f}배 빠름; {what}). {off}')


def _step_seconds(model, batch, candidates, rounds, steps):
    """후보마다 복사한 모델로 훈련 스텝(순전파, 손실, 역전파, 학습률 0의 SGD)을 재어 가장 짧은 시간."""
    runs = []
    for candidate in candidates:
        copy_ = copy_module(model)
        candidate.model(copy_)
        optimizer = torch.optim.SGD(copy_.parameters(), lr=0.0)
        runs.append((candidate, copy_, candidate.batch(batch), optimizer))
    best = [float('inf')] * len(runs)
    for round_ in range(rounds + 1):              # 첫 번은 준비(메모리, 커널 고르기)라 재지 않습니다
        for k, (candidate, copy_, X_y, optimizer) in enumerate(runs):
            start = time.perf_counter()
            for _ in range(steps):
                with candidate.autocast():
                    loss = copy_.loss(copy_(*X_y[:-1]), X_y[-1])
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
            if round_:
                best[k] = min(best[k], time.perf_counter() - start)
    return best


def fast_cpu_plan(device, profile_wants, requested=None):
    """CPU에서 훈련할 때 빠른 계산을 쓸지 정합니다.

    ``requested``는 ``D2LMINI_FAST_CPU``의 값(None: 정해지지 않음, True/False: 켜기/끄기),
    ``profile_wants``는 지금 프로필이 빠른 계산을 바라는가(``cpu`` 프로필)입니다.  정해지지
    않았으면 프로필이 바랄 때 모델마다 재어 고릅니다(``FastCPU.tuned``).  bf16은 CPU가 직접 계산할
    때만 후보에 넣습니다: 그런 명령어가 없는 CPU에서는 bf16을 흉내 내느라 오히려 느려지기 때문입니다.
    """
    if torch.device(device).type != 'cpu' or requested is False:
        return FastCPU(why='D2LMINI_FAST_CPU=0' if requested is False else '')
    native = native_bf16()
    if requested:
        return FastCPU(True, True, 'D2LMINI_FAST_CPU=1')
    if profile_wants and native:
        return FastCPU(True, True, native)
    if profile_wants:
        return FastCPU(False, True, NO_BF16)
    return FastCPU()


# ---------------------------------------------------------------------------
# 모델을 바꾸지 않는 도우미
# ---------------------------------------------------------------------------

class evaluation:
    """``with evaluation(model):`` 안에서는 평가 모드·기울기 없음, 나오면 층마다 모드 복원."""

    def __init__(self, model):
        self.model = model

    def __enter__(self):
        self.modes = {m: m.training for m in self.model.modules()}
        self.no_grad = torch.no_grad()
        self.no_grad.__enter__()
        self.model.eval()

    def __exit__(self, *exc):
        self.no_grad.__exit__(*exc)
        for m, training in self.modes.items():
            m.training = training
        return False


def device_of(model):
    """모델의 파라미터가 있는 장치(만들어진 파라미터를 먼저 봅니다).  파라미터가 없으면 CPU.

    아직 모양이 없는 지연 층의 파라미터도 자기 장치는 압니다: ``model.to('cuda')`` 한 지연
    모델에 넣을 입력도 GPU에 만들어야 합니다.
    """
    params = list(model.parameters())
    for p in params:
        if not isinstance(p, nn.parameter.UninitializedParameter):
            return p.device
    return params[0].device if params else torch.device('cpu')


def has_lazy_parameters(model):
    """아직 모양이 정해지지 않은 지연 층 파라미터가 있으면 True."""
    return any(isinstance(p, nn.parameter.UninitializedParameter) for p in model.parameters())


def copy_module(net):
    """``net``의 깊은 복사본.  아직 모양이 없는 지연 층(예: ``LazyBatchNorm2d``의 버퍼)은
    ``copy.deepcopy``가 복사하지 못하므로, 같은 종류의 빈 파라미터·버퍼를 새로 만들어 넣습니다."""
    memo = {}
    # Trainer·그래프처럼 모듈 밖의 것은 복사하지 않고 복사본과 함께 씁니다(복사본은 순전파에만 씀).
    for module in net.modules():
        for name in ('trainer', 'board'):
            outside = getattr(module, name, None)
            if outside is not None:
                memo[id(outside)] = outside
    for tensor in [*net.parameters(), *net.buffers()]:
        if isinstance(tensor, nn.parameter.UninitializedParameter):
            memo[id(tensor)] = nn.parameter.UninitializedParameter(
                requires_grad=tensor.requires_grad, device=tensor.device, dtype=tensor.dtype)
        elif isinstance(tensor, nn.parameter.UninitializedBuffer):
            memo[id(tensor)] = nn.parameter.UninitializedBuffer(
                device=tensor.device, dtype=tensor.dtype)
    return copy.deepcopy(net, memo)
