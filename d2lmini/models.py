"""이 장의 모델들: 각 노트북이 「구현」 절에서 만드는 클래스를 그대로 모아 둔 것.

수업 노트북은 모델을 직접 만들며 배우고, 풀이 노트북과 벤치마크는 같은 모델을 다시 쓰지 않고
여기서 가져옵니다(책의 패키지가 ``LeNet``·``Residual``을 저장해 두고 뒤 절에서 다시 쓰는 것과 같은
방식).  ``tests/test_models.py``가 노트북의 클래스와 이 파일의 클래스가 같은 모델(같은 층, 같은 모양,
같은 초기화에서 같은 출력)인지 확인합니다.

* 02 ``AlexNet``  · 03 ``vgg_block``, ``VGG``, ``SlimVGG``  · 04 ``nin_block``, ``NiN``, ``NarrowNiN``
* 05 ``Inception``, ``GoogleNet``, ``NarrowGoogleNet``
* 06 ``batch_norm``, ``BatchNorm`` (밑바닥 구현), ``BNLeNetScratch``, ``BNLeNet``
* 07 ``ResNet``, ``ResNet18`` (잔차 블록은 ``blocks.Residual``)
* 08 ``conv_block``, ``DenseBlock``, ``transition_block``, ``DenseNet``
* 09 ``AnyNet``, ``RegNetX32`` (블록은 ``blocks.ResNeXtBlock``)

노트북에서 ``add_to_class``로 나누어 쓴 메서드는 여기서는 한 클래스 안에 모여 있습니다.
"""
import torch
from torch import nn
from torch.nn import functional as F

from .blocks import ResNeXtBlock, Residual
from .init import init_cnn
from .module import Classifier


# --- 02 AlexNet ---------------------------------------------------------------------------

class AlexNet(Classifier):
    """AlexNet (책의 한 장치 버전). 기본값이 책의 모델이고, 인자로 크기를 줄일 수 있습니다.

    channels: 합성곱 다섯 층의 출력 채널 수
    hidden:   두 은닉 완전 연결 층의 너비
    stem:     첫 합성곱 층의 (커널 크기, 스트라이드, 패딩)
    초기화는 하지 않습니다: 훈련 코드의 apply_init이 고른 초기화를 적용합니다(책의
    ``self.net.apply(d2l.init_cnn)``은 지연 층에서 아무 일도 하지 않으므로, 책과 같은 모델이 되도록 뺌).
    """
    def __init__(self, lr=0.1, num_classes=10, channels=(96, 256, 384, 384, 256),
                 hidden=4096, stem=(11, 4, 1), dropout=0.5):
        super().__init__()
        self.save_hyperparameters()
        c1, c2, c3, c4, c5 = channels
        kernel, stride, padding = stem
        self.net = nn.Sequential(
            nn.LazyConv2d(c1, kernel_size=kernel, stride=stride, padding=padding), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.LazyConv2d(c2, kernel_size=5, padding=2), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.LazyConv2d(c3, kernel_size=3, padding=1), nn.ReLU(),
            nn.LazyConv2d(c4, kernel_size=3, padding=1), nn.ReLU(),
            nn.LazyConv2d(c5, kernel_size=3, padding=1), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2), nn.Flatten(),
            nn.LazyLinear(hidden), nn.ReLU(), nn.Dropout(p=dropout),
            nn.LazyLinear(hidden), nn.ReLU(), nn.Dropout(p=dropout),
            nn.LazyLinear(num_classes))


# --- 03 VGG -------------------------------------------------------------------------------

def vgg_block(num_convs, out_channels):
    """3×3 합성곱(패딩 1) + ReLU를 ``num_convs``번, 그리고 2×2 최대 풀링(해상도 절반)."""
    layers = []
    for _ in range(num_convs):
        layers.append(nn.LazyConv2d(out_channels, kernel_size=3, padding=1))
        layers.append(nn.ReLU())
    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers)


class VGG(Classifier):
    """``arch``의 (합성곱 수, 출력 채널 수)마다 VGG 블록 하나, 그 뒤에 4096-4096 완전 연결 헤드."""
    def __init__(self, arch, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        conv_blks = [vgg_block(num_convs, out_channels) for num_convs, out_channels in arch]
        self.net = nn.Sequential(
            *conv_blks, nn.Flatten(),
            nn.LazyLinear(4096), nn.ReLU(), nn.Dropout(0.5),
            nn.LazyLinear(4096), nn.ReLU(), nn.Dropout(0.5),
            nn.LazyLinear(num_classes))
        self.net.apply(init_cnn)


class SlimVGG(VGG):
    """VGG와 같은 합성곱 블록에, 완전 연결 헤드의 은닉 너비만 num_hiddens로 바꾼 모델."""
    def __init__(self, arch, lr=0.1, num_classes=10, num_hiddens=512):
        super().__init__(arch, lr, num_classes)
        self.save_hyperparameters()
        head = len(arch) + 1  # self.net에서 Flatten 바로 다음 자리
        self.net[head] = nn.LazyLinear(num_hiddens)
        self.net[head + 3] = nn.LazyLinear(num_hiddens)
        self.net.apply(init_cnn)


# --- 04 NiN -------------------------------------------------------------------------------

def nin_block(out_channels, kernel_size, strides, padding):
    """합성곱 하나 뒤에 1×1 합성곱 두 개(픽셀마다 작은 MLP), 모두 ReLU."""
    return nn.Sequential(
        nn.LazyConv2d(out_channels, kernel_size, strides, padding), nn.ReLU(),
        nn.LazyConv2d(out_channels, kernel_size=1), nn.ReLU(),
        nn.LazyConv2d(out_channels, kernel_size=1), nn.ReLU())


class NiN(Classifier):
    """NiN 블록 네 개와 블록 사이의 최대 풀링, 완전 연결 층 대신 전역 평균 풀링."""
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nin_block(96, kernel_size=11, strides=4, padding=0),
            nn.MaxPool2d(3, stride=2),
            nin_block(256, kernel_size=5, strides=1, padding=2),
            nn.MaxPool2d(3, stride=2),
            nin_block(384, kernel_size=3, strides=1, padding=1),
            nn.MaxPool2d(3, stride=2),
            nn.Dropout(0.5),
            nin_block(num_classes, kernel_size=3, strides=1, padding=1),  # 클래스마다 맵 한 장
            nn.AdaptiveAvgPool2d((1, 1)),
            nn.Flatten())
        self.net.apply(init_cnn)


class NarrowNiN(NiN):
    """NiN에서 처음 세 NiN 블록의 채널 수를 width 배로 줄이고, 맨 마지막 ReLU를 뺀 모델."""
    def __init__(self, width=0.25, lr=0.1, num_classes=10):
        super().__init__(lr=lr, num_classes=num_classes)
        self.save_hyperparameters()
        for block in (self.net[0], self.net[2], self.net[4]):  # 마지막 블록의 채널은 그대로
            for layer in block:
                if isinstance(layer, nn.LazyConv2d):  # 아직 가중치가 없는 합성곱 층
                    layer.out_channels = max(1, round(layer.out_channels * width))
        self.net[7][-1] = nn.Identity()  # 클래스 맵이 음수도 될 수 있게 (죽은 클래스 방지)


# --- 05 GoogLeNet -------------------------------------------------------------------------

class Inception(nn.Module):
    """인셉션 블록: 네 분기(1×1 / 1×1→3×3 / 1×1→5×5 / 3×3 최대 풀링→1×1)를 채널 방향으로 이어 붙임.

    c1–c4는 분기마다의 출력 채널 수, c2와 c3는 (1×1로 줄인 채널 수, 출력 채널 수).
    """
    def __init__(self, c1, c2, c3, c4, **kwargs):
        super().__init__(**kwargs)
        self.b1_1 = nn.LazyConv2d(c1, kernel_size=1)
        self.b2_1 = nn.LazyConv2d(c2[0], kernel_size=1)
        self.b2_2 = nn.LazyConv2d(c2[1], kernel_size=3, padding=1)
        self.b3_1 = nn.LazyConv2d(c3[0], kernel_size=1)
        self.b3_2 = nn.LazyConv2d(c3[1], kernel_size=5, padding=2)
        self.b4_1 = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
        self.b4_2 = nn.LazyConv2d(c4, kernel_size=1)

    def forward(self, x):
        b1 = F.relu(self.b1_1(x))
        b2 = F.relu(self.b2_2(F.relu(self.b2_1(x))))
        b3 = F.relu(self.b3_2(F.relu(self.b3_1(x))))
        b4 = F.relu(self.b4_2(self.b4_1(x)))
        return torch.cat((b1, b2, b3, b4), dim=1)


class GoogleNet(Classifier):
    """스템 두 단계(b1, b2), 인셉션 단계 셋(b3–b5), 전역 평균 풀링 뒤 완전 연결 층 하나."""
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(self.b1(), self.b2(), self.b3(), self.b4(), self.b5(),
                                 nn.LazyLinear(num_classes))
        self.net.apply(init_cnn)

    def b1(self):
        return nn.Sequential(
            nn.LazyConv2d(64, kernel_size=7, stride=2, padding=3),
            nn.ReLU(), nn.MaxPool2d(kernel_size=3, stride=2, padding=1))

    def b2(self):
        return nn.Sequential(
            nn.LazyConv2d(64, kernel_size=1), nn.ReLU(),
            nn.LazyConv2d(192, kernel_size=3, padding=1), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2, padding=1))

    def b3(self):
        return nn.Sequential(Inception(64, (96, 128), (16, 32), 32),
                             Inception(128, (128, 192), (32, 96), 64),
                             nn.MaxPool2d(kernel_size=3, stride=2, padding=1))

    def b4(self):
        return nn.Sequential(Inception(192, (96, 208), (16, 48), 64),
                             Inception(160, (112, 224), (24, 64), 64),
                             Inception(128, (128, 256), (24, 64), 64),
                             Inception(112, (144, 288), (32, 64), 64),
                             Inception(256, (160, 320), (32, 128), 128),
                             nn.MaxPool2d(kernel_size=3, stride=2, padding=1))

    def b5(self):
        return nn.Sequential(Inception(256, (160, 320), (32, 128), 128),
                             Inception(384, (192, 384), (48, 128), 128),
                             nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten())


class NarrowGoogleNet(GoogleNet):
    """GoogleNet과 같은 구조에서 합성곱 층의 출력 채널 수만 width배로 줄인 모델."""
    def __init__(self, width=0.25, lr=0.1, num_classes=10):
        super().__init__(lr=lr, num_classes=num_classes)
        self.save_hyperparameters()
        for layer in self.net.modules():
            if isinstance(layer, nn.LazyConv2d):  # 아직 가중치가 없는 합성곱 층
                layer.out_channels = max(1, round(layer.out_channels * width))


# --- 06 배치 정규화 -------------------------------------------------------------------------

def batch_norm(X, gamma, beta, moving_mean, moving_var, eps, momentum):
    """배치 정규화의 밑바닥 구현: (출력, 새 이동 평균, 새 이동 분산).

    기울기를 계산하지 않는 상태면 예측 모드로 보고 이동 평균·이동 분산으로 정규화합니다.
    """
    if not torch.is_grad_enabled():
        X_hat = (X - moving_mean) / torch.sqrt(moving_var + eps)
    else:
        assert len(X.shape) in (2, 4)
        if len(X.shape) == 2:   # 완전 연결 층 (N, d): 특성마다 하나
            mean = X.mean(dim=0)
            var = ((X - mean) ** 2).mean(dim=0)
        else:                   # 합성곱 층 (N, C, H, W): 채널마다 하나
            mean = X.mean(dim=(0, 2, 3), keepdim=True)
            var = ((X - mean) ** 2).mean(dim=(0, 2, 3), keepdim=True)
        X_hat = (X - mean) / torch.sqrt(var + eps)
        moving_mean = (1.0 - momentum) * moving_mean + momentum * mean
        moving_var = (1.0 - momentum) * moving_var + momentum * var
    Y = gamma * X_hat + beta
    return Y, moving_mean.data, moving_var.data


class BatchNorm(nn.Module):
    """밑바닥부터 만든 배치 정규화 층. num_dims는 2(완전 연결 층 뒤) 또는 4(합성곱 층 뒤)."""
    def __init__(self, num_features, num_dims):
        super().__init__()
        shape = (1, num_features) if num_dims == 2 else (1, num_features, 1, 1)
        self.gamma = nn.Parameter(torch.ones(shape))
        self.beta = nn.Parameter(torch.zeros(shape))
        # 이동 평균은 0, 이동 분산은 1에서 시작: 통계를 보기 전의 예측 모드가 항등 매핑이 되도록
        self.moving_mean = torch.zeros(shape)
        self.moving_var = torch.ones(shape)

    def forward(self, X):
        if self.moving_mean.device != X.device:
            self.moving_mean = self.moving_mean.to(X.device)
            self.moving_var = self.moving_var.to(X.device)
        Y, self.moving_mean, self.moving_var = batch_norm(
            X, self.gamma, self.beta, self.moving_mean,
            self.moving_var, eps=1e-5, momentum=0.1)
        return Y


class BNLeNetScratch(Classifier):
    """합성곱 층과 완전 연결 층 뒤마다 밑바닥 구현 ``BatchNorm``을 둔 LeNet."""
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(6, kernel_size=5), BatchNorm(6, num_dims=4),
            nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.LazyConv2d(16, kernel_size=5), BatchNorm(16, num_dims=4),
            nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Flatten(),
            nn.LazyLinear(120), BatchNorm(120, num_dims=2), nn.Sigmoid(),
            nn.LazyLinear(84), BatchNorm(84, num_dims=2), nn.Sigmoid(),
            nn.LazyLinear(num_classes))


class BNLeNet(Classifier):
    """``BNLeNetScratch``와 같은 자리에 PyTorch의 배치 정규화 층을 둔 간결한 구현."""
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.LazyConv2d(6, kernel_size=5), nn.LazyBatchNorm2d(),
            nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.LazyConv2d(16, kernel_size=5), nn.LazyBatchNorm2d(),
            nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
            nn.Flatten(),
            nn.LazyLinear(120), nn.LazyBatchNorm1d(), nn.Sigmoid(),
            nn.LazyLinear(84), nn.LazyBatchNorm1d(), nn.Sigmoid(),
            nn.LazyLinear(num_classes))


# --- 07 ResNet ----------------------------------------------------------------------------

class ResNet(Classifier):
    """스템(b1) 뒤에 ``arch``의 (잔차 블록 수, 채널 수)마다 단계 하나(b2, b3, …), 전역 평균 풀링과 출력층."""
    def __init__(self, arch, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(self.b1())
        for i, b in enumerate(arch):
            self.net.add_module(f'b{i+2}', self.block(*b, first_block=(i == 0)))
        self.net.add_module('last', nn.Sequential(
            nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(),
            nn.LazyLinear(num_classes)))
        self.net.apply(init_cnn)

    def b1(self):
        return nn.Sequential(
            nn.LazyConv2d(64, kernel_size=7, stride=2, padding=3),
            nn.LazyBatchNorm2d(), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2, padding=1))

    def block(self, num_residuals, num_channels, first_block=False):
        blk = []
        for i in range(num_residuals):
            if i == 0 and not first_block:   # 단계의 첫 블록: 해상도 절반, 채널은 num_channels로
                blk.append(Residual(num_channels, use_1x1conv=True, strides=2))
            else:
                blk.append(Residual(num_channels))
        return nn.Sequential(*blk)


class ResNet18(ResNet):
    def __init__(self, lr=0.1, num_classes=10):
        super().__init__(((2, 64), (2, 128), (2, 256), (2, 512)), lr, num_classes)


# --- 08 DenseNet --------------------------------------------------------------------------

def conv_block(num_channels):
    """밀집 블록의 단위: BN → ReLU → 3x3 합성곱(패딩 1). 출력 채널은 num_channels(= 성장률)."""
    return nn.Sequential(
        nn.LazyBatchNorm2d(), nn.ReLU(),
        nn.LazyConv2d(num_channels, kernel_size=3, padding=1))


class DenseBlock(nn.Module):
    """단위 num_convs개. 단위마다 입력과 출력을 채널 방향으로 이어 붙여 다음 단위에 넘깁니다."""
    def __init__(self, num_convs, num_channels):
        super().__init__()
        self.net = nn.Sequential(*[conv_block(num_channels) for _ in range(num_convs)])

    def forward(self, X):
        for unit in self.net:
            Y = unit(X)
            X = torch.cat((X, Y), dim=1)
        return X


def transition_block(num_channels):
    """전이 층: 1x1 합성곱으로 채널을 num_channels로 줄이고, 평균 풀링으로 높이·너비를 반으로."""
    return nn.Sequential(
        nn.LazyBatchNorm2d(), nn.ReLU(),
        nn.LazyConv2d(num_channels, kernel_size=1),
        nn.AvgPool2d(kernel_size=2, stride=2))


class DenseNet(Classifier):
    """스템 뒤에 밀집 블록(``arch``의 단위 수마다)과 전이 층을 번갈아 두고, BN·ReLU·전역 평균 풀링·출력층.

    초기화는 하지 않습니다(책의 ``init_cnn`` 줄은 지연 층에서 아무 일도 하지 않으므로 뺌).
    """
    def __init__(self, num_channels=64, growth_rate=32, arch=(4, 4, 4, 4), lr=0.1,
                 num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(self.b1())
        for i, num_convs in enumerate(arch):
            self.net.add_module(f'dense_blk{i+1}', DenseBlock(num_convs, growth_rate))
            num_channels += num_convs * growth_rate          # 블록 출력 채널: c0 + n k
            if i != len(arch) - 1:                           # 마지막 블록 뒤에는 전이 층이 없음
                num_channels //= 2
                self.net.add_module(f'tran_blk{i+1}', transition_block(num_channels))
        self.net.add_module('last', nn.Sequential(
            nn.LazyBatchNorm2d(), nn.ReLU(),
            nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(),
            nn.LazyLinear(num_classes)))

    def b1(self):
        return nn.Sequential(
            nn.LazyConv2d(self.num_channels, kernel_size=7, stride=2, padding=3),
            nn.LazyBatchNorm2d(), nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2, padding=1))


# --- 09 AnyNet과 RegNetX ------------------------------------------------------------------

class AnyNet(Classifier):
    """스템 뒤에 ``arch``의 (깊이, 채널 수, 그룹 너비, 병목 배율)마다 ResNeXt 블록 단계 하나, 그리고 헤드.

    초기화는 하지 않습니다(책의 ``init_cnn`` 줄은 지연 층에서 아무 일도 하지 않으므로 뺌).
    """
    def __init__(self, arch, stem_channels, lr=0.1, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(self.stem(stem_channels))
        for i, s in enumerate(arch):
            self.net.add_module(f'stage{i + 1}', self.stage(*s))
        self.net.add_module('head', nn.Sequential(
            nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.LazyLinear(num_classes)))

    def stem(self, num_channels):
        return nn.Sequential(
            nn.LazyConv2d(num_channels, kernel_size=3, stride=2, padding=1),
            nn.LazyBatchNorm2d(), nn.ReLU())

    def stage(self, depth, num_channels, groups, bot_mul):
        blocks = []
        for i in range(depth):
            if i == 0:   # 단계의 첫 블록: 해상도 절반, 채널 변경
                blocks.append(ResNeXtBlock(num_channels, groups, bot_mul,
                                           use_1x1conv=True, strides=2))
            else:
                blocks.append(ResNeXtBlock(num_channels, groups, bot_mul))
        return nn.Sequential(*blocks)


class RegNetX32(AnyNet):
    """책의 RegNetX-32: 스템 32채널, 그룹 너비 16, 병목 배율 1, 단계 (깊이 4, 32채널)과 (깊이 6, 80채널)."""
    def __init__(self, lr=0.1, num_classes=10):
        stem_channels, groups, bot_mul = 32, 16, 1
        depths, channels = (4, 6), (32, 80)
        super().__init__(
            tuple((d, c, groups, bot_mul) for d, c in zip(depths, channels)),
            stem_channels, lr, num_classes)
