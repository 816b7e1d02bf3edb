"""``configure_optimizers``가 돌려준 것 읽기: PyTorch Lightning과 같은 여러 모양을 옵티마이저 하나와
스케줄러 목록으로 풉니다 (Lightning의 ``core/optimizer.py``에 해당).

Trainer는 ``optimizers_and_schedulers(model.configure_optimizers())``를 한 번 부르고, 스케줄러를
``SchedulerConfig``에 적힌 간격('epoch' 또는 'step')마다 움직입니다.
"""
from dataclasses import dataclass

from torch.optim import Optimizer
from torch.optim.lr_scheduler import LRScheduler, OneCycleLR, ReduceLROnPlateau

from .diagnose import is_integer

INTERVALS = ('epoch', 'step')


@dataclass
class SchedulerConfig:
    """Trainer가 움직일 스케줄러 하나: 어떤 간격으로, 몇 번에 한 번, (Plateau면) 어떤 지표로."""
    scheduler: object
    interval: str = 'epoch'
    frequency: int = 1
    monitor: str = 'val_loss'
    calls: int = 0            # 지금까지 간격('epoch' 또는 'step')이 지난 횟수


def _what_to_return(model_name, returned):
    got = ('아무것도 돌려주지 않았습니다(None): return을 빠뜨리지 않았는지 확인하고'
           if returned is None else f'{type(returned).__name__} 값을 돌려주었습니다:')
    return (f'{model_name}.configure_optimizers가 {got} '
            'return torch.optim.SGD(self.parameters(), lr=self.lr)처럼 옵티마이저를 돌려주세요'
            "(스케줄러도 쓰려면 {'optimizer': opt, 'lr_scheduler': sched}).")


def optimizers_and_schedulers(returned, model_name='Model'):
    """``configure_optimizers``가 돌려준 것을 (옵티마이저, [SchedulerConfig, ...])로 풉니다.

    PyTorch Lightning처럼 다음을 모두 받습니다 (옵티마이저는 하나만):

    * ``opt``, ``[opt]``, ``(opt,)``
    * ``(opt, sched)``, ``([opt], [sched])``
    * ``{'optimizer': opt, 'lr_scheduler': sched}``
    * ``{'optimizer': opt, 'lr_scheduler': {'scheduler': sched, 'interval': 'step'}}``

    스케줄러는 기본으로 에폭이 끝날 때마다, ``'interval': 'step'``이면 미니배치마다
    움직입니다.  ``ReduceLROnPlateau``는 ``'monitor'``의 지표(기본 ``'val_loss'``)를 봅니다.
    """
    if isinstance(returned, Optimizer):
        return returned, []
    if isinstance(returned, dict):
        optimizers, schedulers = _from_dict(returned, model_name)
    elif isinstance(returned, (list, tuple)):
        if len(returned) == 2 and all(isinstance(part, (list, tuple)) for part in returned):
            optimizers, schedulers = returned                  # ([opt], [sched])
        else:                                                  # [opt] 또는 (opt, sched)
            optimizers = [x for x in returned if isinstance(x, Optimizer)]
            schedulers = [x for x in returned if not isinstance(x, Optimizer)]
    else:
        raise TypeError(_what_to_return(model_name, returned))
    optimizer = _one_optimizer(optimizers, returned, model_name)
    return optimizer, [_scheduled(item, optimizer, model_name) for item in schedulers]


def _from_dict(returned, model_name):
    if 'optimizer' not in returned:
        raise ValueError(f"{model_name}.configure_optimizers가 돌려준 dict에 'optimizer' 키가 "
                         f"없습니다(키: {list(returned)}): {{'optimizer': opt, 'lr_scheduler': "
                         "sched}처럼 옵티마이저를 'optimizer' 키에 넣으세요.")
    scheduler = returned.get('lr_scheduler')
    if scheduler is None:
        return [returned['optimizer']], []
    if 'monitor' in returned and not isinstance(scheduler, dict):   # Lightning의 윗단 'monitor'
        scheduler = {'scheduler': scheduler, 'monitor': returned['monitor']}
    return [returned['optimizer']], [scheduler]


def _one_optimizer(optimizers, returned, model_name):
    if len(optimizers) > 1:
        raise ValueError(f'{model_name}.configure_optimizers가 옵티마이저를 {len(optimizers)}개 '
                         '돌려주었습니다: d2lmini의 Trainer는 옵티마이저를 하나만 쓰므로, 파라미터 '
                         '묶음마다 학습률이 달라야 하면 torch.optim.SGD([{"params": ..., "lr": ...}, '
                         '...])처럼 옵티마이저 하나에 파라미터 그룹으로 넣으세요.')
    if not optimizers or not isinstance(optimizers[0], Optimizer):
        raise TypeError(_what_to_return(model_name, returned))
    return optimizers[0]


def _scheduled(item, optimizer, model_name):
    """스케줄러 하나(또는 Lightning의 설정 dict)를 확인해 Scheduled로 만듭니다."""
    config = dict(item) if isinstance(item, dict) else {'scheduler': item}
    scheduler = config.get('scheduler')
    if not isinstance(scheduler, (LRScheduler, ReduceLROnPlateau)):
        raise TypeError(
            f'{model_name}.configure_optimizers가 스케줄러 자리에 {type(scheduler).__name__} '
            '값을 돌려주었습니다: torch.optim.lr_scheduler.StepLR(opt, step_size=10)처럼 '
            "만든 스케줄러를 주거나, 설정과 함께라면 {'scheduler': sched, 'interval': 'epoch'}"
            '처럼 주세요.')
    if scheduler.optimizer is not optimizer:
        raise ValueError(f'{model_name}.configure_optimizers가 돌려준 스케줄러가 함께 돌려준 '
                         '옵티마이저가 아닌 다른 옵티마이저의 학습률을 바꿉니다: 스케줄러를 '
                         'StepLR(opt, ...)처럼 돌려주는 그 옵티마이저로 만드세요.')
    interval = config.get('interval', 'epoch')
    if interval not in INTERVALS:
        raise ValueError(f"{model_name}.configure_optimizers의 스케줄러 설정 'interval': "
                         f"{interval!r} 대신 에폭마다면 'epoch', 미니배치마다면 'step'을 주세요.")
    frequency = config.get('frequency', 1)
    if not is_integer(frequency) or frequency < 1:
        error = ValueError if is_integer(frequency) else TypeError
        raise error(f"{model_name}.configure_optimizers의 스케줄러 설정 'frequency': "
                    f"{frequency!r} 대신 'frequency': 1처럼 1 이상의 정수를 주세요.")
    return SchedulerConfig(scheduler, interval, int(frequency), config.get('monitor', 'val_loss'))


def check_against_fit(schedulers, total_steps, max_epochs, model_name='Model'):
    """스케줄러의 설정이 이번 훈련의 길이·지표와 맞는지 훈련 전에 확인합니다.

    PyTorch는 이런 실수를 훈련 도중에(OneCycleLR이 끝을 넘을 때) 알리거나 아예 알리지 않습니다
    (정확도를 보는 ReduceLROnPlateau가 'min' 모드면 정확도가 그대로여도 학습률을 깎음).
    """
    where = f'{model_name}.configure_optimizers의 '
    for item in schedulers:
        scheduler = item.scheduler
        if isinstance(scheduler, ReduceLROnPlateau):
            if item.interval == 'step':
                raise ValueError(f"{where}ReduceLROnPlateau는 에폭이 끝날 때 검증 지표를 보므로 "
                                 "'interval': 'step' 대신 'interval': 'epoch'를 주세요.")
            wants = 'max' if item.monitor.endswith('acc') else 'min' if item.monitor.endswith('loss') else None
            if wants and scheduler.mode != wants:
                better = '클수록' if wants == 'max' else '작을수록'
                raise ValueError(f"{where}ReduceLROnPlateau가 보는 {item.monitor!r}는 {better} 좋은데 "
                                 f"mode={scheduler.mode!r}입니다: ReduceLROnPlateau(opt, mode={wants!r})처럼 "
                                 '만드세요(그대로 두면 나아지고 있어도 학습률을 깎습니다).')
        elif isinstance(scheduler, OneCycleLR):
            length = total_steps if item.interval == 'step' else max_epochs
            calls = length // item.frequency
            if scheduler.total_steps < calls:
                unit = '스텝' if item.interval == 'step' else '에폭'
                count = ('self.trainer.estimated_stepping_batches' if item.interval == 'step'
                         else 'self.trainer.max_epochs')
                raise ValueError(f'{where}OneCycleLR은 total_steps={scheduler.total_steps}번 움직이도록 '
                                 f'만들었는데 이번 훈련은 {calls}번({unit}마다) 움직입니다: '
                                 f'total_steps={count}처럼 훈련의 길이로 만드세요.')
