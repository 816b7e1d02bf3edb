"""데이터의 기본 클래스: 데이터 모듈은 훈련용·검증용 데이터 로더를 내어 줍니다."""
import torch

from .hparams import HyperParameters


class DataModule(HyperParameters):
    """책의 데이터 인터페이스: ``get_dataloader(train)``과 두 지름길 메서드.

    ``device``는 로더가 미니배치를 내어 줄 장치입니다.  Trainer가 훈련 장치로
    바꿔 두므로, 데이터 모듈은 미니배치를 바로 그 장치에서 만들 수 있습니다.
    """
    device = torch.device('cpu')

    def __init__(self, root=None, num_workers=0):
        self.save_hyperparameters()

    def get_dataloader(self, train):
        raise NotImplementedError(
            f'{type(self).__name__}에 get_dataloader가 없습니다: get_dataloader(self, train) '
            '메서드를 정의해 train이 True면 훈련용, False면 검증용 데이터 로더를 돌려주세요.')

    def train_dataloader(self):
        return self.get_dataloader(train=True)

    def val_dataloader(self):
        return self.get_dataloader(train=False)
