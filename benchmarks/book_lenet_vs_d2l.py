"""책의 LeNet 수업을 책의 d2l 패키지와 d2lmini로 한 번씩 돌려 ``trainer.fit``의 시간을 잽니다.

수업의 코드는 책과 같습니다(합성곱 신경망 LeNet 절): 시그모이드 LeNet(책이 이 절에서 정의해
패키지에 저장해 둔 ``d2l.LeNet``)을 ``d2l.init_cnn``(Xavier 초기화)으로 초기화하고, SGD 학습률
0.1, 배치 크기 128로 Fashion-MNIST 전체(훈련 60,000 / 검증 10,000)를 10에폭 훈련합니다.  두
패키지의 ``model.net``이 같은지도 확인합니다::

    trainer = d2l.Trainer(max_epochs=10, num_gpus=1)
    data = d2l.FashionMNIST(batch_size=128)
    model = d2l.LeNet(lr=0.1)
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    trainer.fit(model, data)

다른 것은 ``d2l``이 무엇인가 하나뿐입니다: 책의 패키지(PyPI의 ``d2l``, ``from d2l import torch
as d2l``)와 d2lmini(``import d2lmini as d2l``, ``cpu`` 프로필).  두 실행은 같은 컴퓨터에서
저마다의 자식 프로세스로 차례로 돌고, 둘 다 같은 파이썬과 torch·torchvision·matplotlib을
씁니다.  matplotlib은 두 쪽 모두 Agg 백엔드를 씁니다(``MPLBACKEND=Agg``).  책의 Trainer는
스크립트에서도 그래프를 그려 IPython display로 내보내고(2코어 CPU에서 10에폭에 약 3초), d2lmini는
노트북 밖에서는 그래프를 그리지 않습니다.  시작 전에 두 쪽 모두 ``torch.manual_seed(0)``을 부릅니다.

출력: 실행마다 ``trainer.fit``의 벽시계 시간(초), 데이터 준비와 초기화까지 더한 수업 전체
시간, 훈련이 끝난 모델의 검증 정확도(두 쪽 모두 같은 코드로 float32에서 잼), d2lmini가
bf16 자동 혼합 정밀도·channels_last로 계산했는지(``trainer.fast.as_dict()``), 그리고 시간
비율, CPU 모델, torch 판, 스레드 수.

책의 패키지는 아주 오래된 의존성(torch==2.0.0 등)을 고정해 두어 그대로는 설치되지 않습니다.
그래서 처음 실행할 때 의존성 없이(``--no-deps``) git이 무시하는 ``build/d2l-book/site``에
설치하고(그 ``torch.py``가 부르는 것 중 가상 환경에 없는 scipy도 같은 폴더에), 책 쪽 자식
프로세스만 ``PYTHONPATH``로 그 폴더를 봅니다.  책의 ``FashionMNIST``는 작업 폴더 기준
``../data``에서 torchvision으로 데이터를 읽으므로(없으면 내려받음), 책 쪽은
``build/d2l-book/run``에서 실행하고 ``build/d2l-book/data``에 공식 파일을 풀어 둡니다.  수업의
코드는 한 글자도 바꾸지 않습니다.  공식 파일은 ``$D2LMINI_DATA``, 없으면 저장소 옆의
``../shared/data/fashion-mnist``, 그것도 없으면 d2lmini의 사용자 캐시(없으면 내려받음)에서 가져옵니다.

    flock /tmp/cpu.lock .venv/bin/python benchmarks/book_lenet_vs_d2l.py   # 2코어 CPU에서 약 3분
    make book-speed                                                        # 같은 일
"""
import json
import os
import shutil
import subprocess
import sys
import time
from importlib.util import find_spec
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BOOK = REPO / 'build' / 'd2l-book'
SITE = BOOK / 'site'          # 책의 d2l 패키지(와 빠진 의존성)를 설치하는 곳
RUN_DIR = BOOK / 'run'        # 책 쪽 자식 프로세스의 작업 폴더: 책의 root='../data'가 BOOK / 'data'
BOOK_D2L = 'd2l==1.0.3'
SEED = 0
GOAL = 2.5                    # 이슈 26의 목표: d2lmini가 책의 패키지보다 2.5배 이상 빠름
RESULT = 'RESULT '            # 자식 프로세스가 결과 JSON 앞에 붙이는 머리말


# ---------------------------------------------------------------------------
# 자식 프로세스: 책의 수업 한 번
# ---------------------------------------------------------------------------

def run_lesson(package):
    """책의 LeNet 수업을 ``package``('d2l' 또는 'd2lmini')로 돌리고 결과를 JSON 한 줄로 출력합니다."""
    import torch
    if package == 'd2l':
        from d2l import torch as d2l
        import d2l as dist
    else:
        import d2lmini as d2l
        dist = d2l
    torch.manual_seed(SEED)
    lesson_start = time.perf_counter()
    # ---- 책의 코드 (합성곱 신경망 LeNet 절) ----
    trainer = d2l.Trainer(max_epochs=10, num_gpus=1)
    data = d2l.FashionMNIST(batch_size=128)
    model = d2l.LeNet(lr=0.1)
    model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    fit_start = time.perf_counter()
    trainer.fit(model, data)
    # ---- 책의 코드 끝 ----
    end = time.perf_counter()
    if getattr(data, 'source', 'real') != 'real':
        sys.exit(f'{package} 실행이 진짜 Fashion-MNIST 대신 {data.source} 데이터를 썼습니다.')
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for X, y in data.val_dataloader():
            correct += (model(X).argmax(dim=1) == y).sum().item()
            total += len(y)
    fast = getattr(trainer, 'fast', None)
    print(RESULT + json.dumps({
        'package': f'{package} {dist.__version__}', 'torch': torch.__version__,
        'threads': torch.get_num_threads(), 'fit_seconds': end - fit_start,
        'lesson_seconds': end - lesson_start, 'val_acc': correct / total,
        'examples': [len(data.train), len(data.val)], 'net': repr(model.net),
        'fast': fast.as_dict() if fast is not None else None,
        'fast_why': getattr(fast, 'why', '')}), flush=True)


# ---------------------------------------------------------------------------
# 부모 프로세스: 준비, 두 실행, 요약
# ---------------------------------------------------------------------------

def install_book_package():
    """책의 d2l 패키지와 가상 환경에 없는 그 의존성을 의존성 없이 SITE에 설치합니다(처음 한 번)."""
    wanted = [] if (SITE / 'd2l' / 'torch.py').is_file() else [BOOK_D2L]
    # d2l/torch.py가 import하는 것 중 가상 환경에 없을 수 있는 것(나머지는 d2lmini가 이미 씀)
    for module in ('scipy', 'pandas', 'requests', 'matplotlib_inline', 'IPython'):
        if find_spec(module) is None and not (SITE / module).is_dir():
            wanted.append(module.lower().replace('_', '-'))
    if not wanted:
        return
    print(f'책의 d2l 패키지를 처음 한 번 설치합니다: {" ".join(wanted)} → {SITE.relative_to(REPO)} '
          '(의존성 없이 --no-deps, 가상 환경은 그대로)', flush=True)
    subprocess.run([sys.executable, '-m', 'pip', 'install', '-q', '--upgrade', '--no-deps',
                    '--target', str(SITE), *wanted], check=True)


def fashion_mnist_dir():
    """공식 파일 네 개가 있는 폴더: $D2LMINI_DATA → ../shared/data/fashion-mnist → 사용자 캐시."""
    sys.path.insert(0, str(Path(__file__).parent))
    from data_pipeline import data_dir
    from d2lmini.data import data_dir_for, missing_files
    from d2lmini.download import try_download
    path = data_dir()
    if not path.is_dir():
        path = data_dir_for(None)
    missing = missing_files(path)
    reason = try_download(path, missing) if missing else None
    if reason:
        sys.exit(f'Fashion-MNIST 파일을 구하지 못했습니다({reason}): D2LMINI_DATA에 공식 파일 '
                 '네 개(.gz)가 든 폴더를 지정하세요.')
    return path


def book_data(source):
    """책의 FashionMNIST가 ``../data``에서 찾는 torchvision 배치(FashionMNIST/raw)를 만듭니다."""
    from data_pipeline import torchvision_layout
    from d2lmini.data import FILES
    raw = BOOK / 'data' / 'FashionMNIST' / 'raw'
    if all((raw / name).is_file() for pair in FILES.values() for name in pair):
        return
    print(f'책의 FashionMNIST가 읽을 파일을 {raw.relative_to(REPO)}에 풀어 둡니다 (처음 한 번).', flush=True)
    shutil.rmtree(raw, ignore_errors=True)   # 중간에 끊긴 배치는 새로 만듭니다
    torchvision_layout(source, BOOK / 'data')


def run_child(package, env, cwd):
    """자식 프로세스로 수업을 한 번 돌려 결과 dict를 돌려줍니다.  d2lmini의 알림은 그대로 보입니다."""
    print(f'\n{package}로 책의 LeNet 수업을 실행합니다 (10에폭) ...', flush=True)
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), '--run', package],
                          env={**os.environ, 'MPLBACKEND': 'Agg', **env}, cwd=cwd,
                          stdout=subprocess.PIPE, text=True)
    lines = done.stdout.splitlines()
    for line in lines:
        if line.startswith('[d2lmini]'):
            print('  ' + line)
    results = [json.loads(line[len(RESULT):]) for line in lines if line.startswith(RESULT)]
    if done.returncode or not results:
        print('\n'.join(lines[-30:]))
        sys.exit(f'{package} 실행이 실패했습니다(종료 코드 {done.returncode}).')
    return results[0]


def fast_text(result):
    if result['fast'] is None:
        return '해당 없음(책의 Trainer)'
    used = [name for name, on in result['fast'].items() if on]
    return f"{' + '.join(used)} ({result['fast_why']})" if used else 'float32 (빠른 계산 꺼짐)'


def main():
    from d2lmini.results import machine
    install_book_package()
    source = fashion_mnist_dir()
    book_data(source)
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    book = run_child('d2l', {'PYTHONPATH': os.pathsep.join(
        filter(None, [str(SITE), os.environ.get('PYTHONPATH')]))}, RUN_DIR)
    mini = run_child('d2lmini', {'D2LMINI_PROFILE': 'cpu', 'D2LMINI_DATA': str(source)}, REPO)
    if book['net'] != mini['net']:
        sys.exit(f"두 실행의 모델이 다릅니다:\n{book['net']}\n{mini['net']}")
    ratio = book['fit_seconds'] / mini['fit_seconds']
    info = machine()
    print(f"\n책의 LeNet 수업: 시그모이드 LeNet, SGD 학습률 0.1, 배치 128, 10에폭, "
          f"Fashion-MNIST 훈련 {book['examples'][0]:,} / 검증 {book['examples'][1]:,}")
    print(f"CPU: {info['cpu']} (코어 {info['cpu_count']}개), torch {mini['torch']}, "
          f"스레드 {book['threads']}(d2l) / {mini['threads']}(d2lmini)")
    print(f"{'패키지':14} {'fit 초':>8} {'수업 전체 초':>12} {'검증 정확도':>10}  CPU 계산")
    for result in (book, mini):
        print(f"{result['package']:16} {result['fit_seconds']:8.1f} {result['lesson_seconds']:14.1f} "
              f"{result['val_acc']:14.4f}  {fast_text(result)}")
    verdict = '달성' if ratio >= GOAL else '미달'
    print(f"속도 비율(d2l의 fit 초 / d2lmini의 fit 초): {ratio:.2f}배 — 목표 {GOAL}배 이상 {verdict}")


if __name__ == '__main__':
    if sys.argv[1:2] == ['--run']:
        run_lesson(sys.argv[2])
    else:
        main()
