"""책이 자기 패키지에 저장해 두고 뒤 절에서 다시 쓰는 모델 부품.

* ``LeNet`` (합성곱 신경망 LeNet 절) — 시그모이드와 평균 풀링을 쓰는 LeNet-5.
* ``Residual`` (ResNet 절) — 3×3 합성곱 두 개와 잔차 연결로 된 잔차 블록.
* ``ResNeXtBlock`` (ResNet 절) — 1×1 → 3×3 그룹 합성곱 → 1×1의 병목 잔차 블록.
  합성곱 신경망 구조 설계 절의 AnyNet·RegNetX가 ``d2l.ResNeXtBlock``으로 씁니다.

생성자 인자와 층 이름(``conv1``, ``bn1`` …)은 책과 같으므로 책의 코드와 연습문제가
그대로 돕니다.  모든 층이 지연 초기화(lazy initialization) 층이라 입력 채널 수는
첫 순전파에서 정해집니다.
"""
from torch import nn
from torch.nn import functional as F

from .module import Classifier


class LeNet(Classifier):
    """LeNet-5: 합성곱 층 두 개(5×5, 채널 6·16)와 완전 연결 층 세 개(120·84·클래스 수).

    활성화 함수는 시그모이드, 풀링은 2×2 평균 풀링(스트라이드 2)입니다.  28×28 흑백 이미지를
    받도록 첫 합성곱 층에 패딩 2를 둡니다.  가중치 초기화는 책처럼 부르는 쪽이 정합니다::

        model = d2l.LeNet(lr=0.1)
        model.apply_init([next(iter(data.get_dataloader(True)))[0]], d2l.init_cnn)
    """

    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(6, kernel_size=5, padding=2), nn.Sigmoid(),
            nn.AvgPool2d(kernel_size=2, stride=2),
            nn.LazyConv2d(16, kernel_size=5), nn.Sigmoid(),
            nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Flatten(),
            nn.LazyLinear(120), nn.Sigmoid(),
            nn.LazyLinear(84), nn.Sigmoid(),
            nn.LazyLinear(num_classes))


class Residual(nn.Module):
    """ResNet의 잔차 블록: ReLU(BN(conv2(ReLU(BN(conv1(X))))) + X).

    ``num_channels`` : 두 3×3 합성곱 층의 출력 채널 수
    ``use_1x1conv``  : True 면 숏컷 연결에 1×1 합성곱(``conv3``)을 두어 입력의 채널 수와
                       해상도를 출력에 맞춥니다.  False 면 입력을 그대로 더합니다(항등 매핑).
    ``strides``      : 첫 3×3 합성곱(과 1×1 합성곱)의 스트라이드.  2 면 높이·너비가 절반.

    ``use_1x1conv=False``이면 더하기가 되도록 입력과 출력의 모양이 같아야 하므로
    입력 채널 수가 ``num_channels``이고 ``strides=1`` 이어야 합니다.
    """

    def __init__(self, num_channels, use_1x1conv=False, strides=1):
        super().__init__()
        self.conv1 = nn.LazyConv2d(num_channels, kernel_size=3, padding=1, stride=strides)
        self.conv2 = nn.LazyConv2d(num_channels, kernel_size=3, padding=1)
        self.conv3 = (nn.LazyConv2d(num_channels, kernel_size=1, stride=strides)
                      if use_1x1conv else None)
        self.bn1 = nn.LazyBatchNorm2d()
        self.bn2 = nn.LazyBatchNorm2d()

    def forward(self, X):
        Y = F.relu(self.bn1(self.conv1(X)))
        Y = self.bn2(self.conv2(Y))
        shortcut = X if self.conv3 is None else self.conv3(X)
        return F.relu(Y + shortcut)


class ResNeXtBlock(nn.Module):
    """ResNeXt 블록: 1×1 합성곱 → 3×3 그룹 합성곱 → 1×1 합성곱, 그리고 잔차 연결.

    ``num_channels`` : 블록의 출력 채널 수
    ``groups``       : 책의 구현 그대로, **그룹 하나의 채널 수**(그룹 너비)입니다.
                       3×3 합성곱의 그룹 수는 ``bot_channels // groups``가 됩니다.
                       예: ``ResNeXtBlock(32, 16, 1)``은 병목 채널 32개를 16개씩 2그룹으로 나눕니다.
                       (RegNetX의 "그룹 너비 16" 이 이 값입니다.)
    ``bot_mul``      : 병목 채널 수의 배율.  병목 채널 수 b = ``round(num_channels * bot_mul)``.
    ``use_1x1conv``, ``strides`` : ``Residual``과 같습니다.  여기서는 숏컷의 1×1 합성곱
                       뒤에도 배치 정규화(``bn4``)가 있습니다.

    그룹 수가 g이면 3×3 합성곱의 파라미터와 계산량이 g 분의 1로 줄어듭니다.
    """

    def __init__(self, num_channels, groups, bot_mul, use_1x1conv=False, strides=1):
        super().__init__()
        bot_channels = int(round(num_channels * bot_mul))
        if bot_channels // groups < 1:
            raise ValueError(
                f'병목 채널 수({bot_channels})가 그룹 너비 groups({groups})보다 작아 그룹을 '
                '하나도 만들 수 없습니다. groups는 그룹 하나의 채널 수입니다.')
        self.conv1 = nn.LazyConv2d(bot_channels, kernel_size=1, stride=1)
        self.conv2 = nn.LazyConv2d(bot_channels, kernel_size=3, stride=strides, padding=1,
                                   groups=bot_channels // groups)
        self.conv3 = nn.LazyConv2d(num_channels, kernel_size=1, stride=1)
        self.bn1 = nn.LazyBatchNorm2d()
        self.bn2 = nn.LazyBatchNorm2d()
        self.bn3 = nn.LazyBatchNorm2d()
        if use_1x1conv:
            self.conv4 = nn.LazyConv2d(num_channels, kernel_size=1, stride=strides)
            self.bn4 = nn.LazyBatchNorm2d()
        else:
            self.conv4 = None

    def forward(self, X):
        Y = F.relu(self.bn1(self.conv1(X)))
        Y = F.relu(self.bn2(self.conv2(Y)))
        Y = self.bn3(self.conv3(Y))
        shortcut = X if self.conv4 is None else self.bn4(self.conv4(X))
        return F.relu(Y + shortcut)
