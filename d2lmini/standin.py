"""합성 대체 데이터: 인터넷도 진짜 Fashion-MNIST 파일도 없을 때 쓰는 옷 그림.

진짜 데이터와 모양이 같습니다: 훈련 60,000장 / 검증 10,000장, 28×28 흑백(uint8),
10개 클래스. 각 클래스는 알아볼 수 있는 실루엣(티셔츠, 바지, 신발, 가방 …)이고,
예제마다 위치·크기·기울기·두께·밝기·무늬·잡음이 무작위로 달라집니다.
그래서 모델이 실제로 '배울' 거리가 있습니다(찍기보다 훨씬 높은 정확도가 나옴).
다만 진짜 사진이 아니므로 정확도 숫자를 책과 비교하면 안 됩니다.

그림은 부호 있는 거리 함수(signed distance function, SDF)로 그립니다.
점 (x, y)가 모양 안쪽이면 음수, 바깥이면 양수인 함수입니다. 두 모양의 합집합은
min, 한 모양에서 다른 모양을 오려 내는 것은 max(a, -b) 한 번으로 끝나서, 사각형·
타원·막대 몇 개로 옷 모양을 짧게 적을 수 있습니다. 거리 값은 클래스마다 한 번만
계산하고, 예제 수만 장은 그 값을 이동·회전·확대해 읽는 텐서 연산 몇 번(벡터화)으로
한꺼번에 그립니다. 그래서 70,000장을 만드는 데 몇 초면 됩니다.

좌표계: 이미지 전체가 x, y ∈ [-1, 1]이고, x는 오른쪽, y는 아래쪽으로 커집니다.
"""
import math

import torch
import torch.nn.functional as F

IMAGE_SIZE = 28
NUM_CLASSES = 10
PIXEL = 2 / IMAGE_SIZE  # 좌표 단위로 잰 픽셀 한 칸의 폭


# ---------------------------------------------------------------------------
# 기본 도형: 모두 (x, y) 좌표 텐서를 받아 같은 모양의 거리 텐서를 돌려줍니다.
# ---------------------------------------------------------------------------

def box(x, y, cx, cy, half_w, half_h):
    """중심 (cx, cy), 반폭 half_w, 반높이 half_h인 직사각형."""
    return torch.maximum((x - cx).abs() - half_w, (y - cy).abs() - half_h)


def trapezoid(x, y, top, bottom, half_w_top, half_w_bottom, cx=0.0):
    """위아래 폭이 다른 사다리꼴(원피스 치마, 몸통 등). 폭은 y를 따라 선형으로 변합니다."""
    t = ((y - top) / (bottom - top)).clamp(0, 1)
    half_w = half_w_top + t * (half_w_bottom - half_w_top)
    return torch.maximum((x - cx).abs() - half_w, torch.maximum(top - y, y - bottom))


def capsule(x, y, ax, ay, bx, by, radius):
    """점 A에서 B까지의 선분을 radius만큼 두껍게 한 막대(소매, 바짓가랑이, 끈)."""
    px, py = x - ax, y - ay
    dx, dy = bx - ax, by - ay
    t = ((px * dx + py * dy) / (dx * dx + dy * dy)).clamp(0, 1)
    return torch.hypot(px - t * dx, py - t * dy) - radius


def ellipse(x, y, cx, cy, rx, ry):
    """타원(근사 거리). 신발 앞코, 목둘레 파임 등에 씁니다."""
    r = torch.hypot((x - cx) / rx, (y - cy) / ry)
    return (r - 1) * min(rx, ry)


def union(*shapes):
    """여러 모양을 합칩니다: 어느 하나의 안쪽이면 안쪽."""
    out = shapes[0]
    for shape in shapes[1:]:
        out = torch.minimum(out, shape)
    return out


def cut(shape, hole):
    """shape에서 hole 부분을 오려 냅니다."""
    return torch.maximum(shape, -hole)


# ---------------------------------------------------------------------------
# 클래스별 실루엣. t는 두께 배율(숫자)로, 소매·끈 등의 굵기를 바꿉니다.
# 순서는 Fashion-MNIST 레이블 번호(0~9)와 같습니다.
# ---------------------------------------------------------------------------

def tshirt(x, y, t):
    torso = trapezoid(x, y, -0.62, 0.85, 0.42, 0.40)
    sleeves = union(capsule(x, y, -0.35, -0.52, -0.80, -0.18, 0.17 * t),
                    capsule(x, y, 0.35, -0.52, 0.80, -0.18, 0.17 * t))
    return cut(union(torso, sleeves), ellipse(x, y, 0.0, -0.66, 0.20, 0.12))


def trouser(x, y, t):
    waist = box(x, y, 0.0, -0.62, 0.36, 0.22)
    legs = union(capsule(x, y, -0.19, -0.6, -0.24, 0.88, 0.15 * t),
                 capsule(x, y, 0.19, -0.6, 0.24, 0.88, 0.15 * t))
    return union(waist, legs)


def pullover(x, y, t):
    torso = box(x, y, 0.0, 0.12, 0.40, 0.72)
    sleeves = union(capsule(x, y, -0.36, -0.48, -0.66, 0.80, 0.13 * t),
                    capsule(x, y, 0.36, -0.48, 0.66, 0.80, 0.13 * t))
    return cut(union(torso, sleeves), ellipse(x, y, 0.0, -0.62, 0.16, 0.10))


def dress(x, y, t):
    bodice = trapezoid(x, y, -0.70, -0.15, 0.22, 0.15)
    skirt = trapezoid(x, y, -0.18, 0.92, 0.16, 0.62)
    straps = union(capsule(x, y, -0.13, -0.95, -0.16, -0.66, 0.05 * t),
                   capsule(x, y, 0.13, -0.95, 0.16, -0.66, 0.05 * t))
    return union(bodice, skirt, straps)


def coat(x, y, t):
    torso = box(x, y, 0.0, 0.05, 0.43, 0.88)
    sleeves = union(capsule(x, y, -0.38, -0.62, -0.70, 0.86, 0.16 * t),
                    capsule(x, y, 0.38, -0.62, 0.70, 0.86, 0.16 * t))
    collar = union(capsule(x, y, -0.22, -0.86, -0.04, -0.30, 0.09),
                   capsule(x, y, 0.22, -0.86, 0.04, -0.30, 0.09))
    # 앞여밈: 가운데를 가는 틈으로 오려 코트의 트인 앞섶을 표현합니다.
    opening = box(x, y, 0.0, 0.35, 0.025, 0.60)
    return cut(union(torso, sleeves, collar), opening)


def sandal(x, y, t):
    sole = box(x, y, 0.0, 0.42, 0.86, 0.06)
    straps = union(capsule(x, y, -0.55, 0.38, -0.05, -0.05, 0.06 * t),
                   capsule(x, y, 0.05, 0.38, -0.05, -0.05, 0.06 * t),
                   capsule(x, y, 0.55, 0.38, 0.15, 0.05, 0.06 * t),
                   capsule(x, y, -0.78, 0.38, -0.70, -0.22, 0.05 * t),
                   capsule(x, y, -0.70, -0.22, -0.05, -0.05, 0.05 * t))
    return union(sole, straps)


def shirt(x, y, t):
    torso = box(x, y, 0.0, 0.12, 0.40, 0.74)
    sleeves = union(capsule(x, y, -0.36, -0.50, -0.62, 0.84, 0.12 * t),
                    capsule(x, y, 0.36, -0.50, 0.62, 0.84, 0.12 * t))
    # V자 목선: 위쪽 가운데를 삼각형으로 오려 냅니다.
    v_neck = trapezoid(x, y, -0.70, -0.20, 0.22, 0.0)
    return cut(union(torso, sleeves), v_neck)


def sneaker(x, y, t):
    body = ellipse(x, y, 0.08, 0.22, 0.82, 0.30)
    heel = box(x, y, -0.62, 0.18, 0.20, 0.30)
    sole = box(x, y, 0.0, 0.48, 0.90, 0.07 * t)
    # 발이 들어가는 입구: 뒤쪽 위를 살짝 파냅니다.
    mouth = ellipse(x, y, -0.30, -0.14, 0.26, 0.10)
    return cut(union(body, heel, sole), mouth)


def bag(x, y, t):
    body = box(x, y, 0.0, 0.30, 0.72, 0.50) - 0.06  # 빼기 = 모서리를 둥글게
    ring = ellipse(x, y, 0.0, -0.20, 0.38, 0.48).abs() - 0.06 * t
    handle = torch.maximum(ring, y + 0.15)  # 고리의 위쪽 절반만 손잡이로 남김
    return union(body, handle)


def ankle_boot(x, y, t):
    shaft = box(x, y, -0.32, -0.25, 0.30 * t, 0.62)
    foot = ellipse(x, y, 0.12, 0.32, 0.76, 0.28)
    sole = box(x, y, 0.10, 0.62, 0.80, 0.07)
    heel = box(x, y, -0.50, 0.55, 0.14, 0.14)
    return union(shaft, foot, sole, heel)


SHAPES = (tshirt, trouser, pullover, dress, coat,
          sandal, shirt, sneaker, bag, ankle_boot)

# 진짜 Fashion-MNIST에서 셔츠·티셔츠·풀오버·코트가 서로 헷갈리듯, 클래스마다 닮은
# '이웃' 클래스를 정해 두고 예제마다 조금씩(가끔은 많이) 이웃 모양을 섞습니다.
# 이렇게 하지 않으면 너무 쉬워서 어떤 모델이든 정확도가 99%에 붙어 버립니다.
NEIGHBOURS = (6, 3, 4, 0, 2, 7, 0, 9, 8, 7)  # 레이블 i의 이웃: NEIGHBOURS[i]


# ---------------------------------------------------------------------------
# 거리 지도와 렌더링
#
# 예제마다 도형 함수를 직접 계산하면 느립니다. 대신 클래스마다 거리 값을 촘촘한
# 격자(거리 지도)에 한 번만 계산해 두고, 예제마다 그 지도를 이동·회전·확대한 위치에서
# 읽어 옵니다(F.grid_sample, 이중선형 보간). 두께는 가장 가는 지도와 가장 굵은 지도
# 두 장을 예제별 비율로 섞어(lerp) 연속적으로 바꿉니다.
# ---------------------------------------------------------------------------

MAP_SIZE = 96        # 거리 지도 한 변의 격자 수
MAP_EXTENT = 1.75    # 거리 지도가 덮는 도형 좌표 범위: [-1.75, 1.75]
THIN, THICK = 0.75, 1.35  # 두께 배율의 범위


def distance_maps(label):
    """클래스 label과 그 이웃의 거리 지도를 (1, 4, 96, 96) 텐서로 돌려줍니다.

    채널 순서: 자기 모양(THIN 두께), 자기 모양(THICK), 이웃 모양(THIN), 이웃 모양(THICK).
    """
    coords = torch.linspace(-MAP_EXTENT, MAP_EXTENT, MAP_SIZE)
    y, x = torch.meshgrid(coords, coords, indexing='ij')
    maps = [SHAPES[shape](x, y, thickness)
            for shape in (label, NEIGHBOURS[label]) for thickness in (THIN, THICK)]
    return torch.stack(maps).unsqueeze(0)


def _uniform(n, low, high, generator):
    """[low, high) 균등분포에서 예제 n개 몫의 값을 (n, 1, 1) 모양으로 뽑습니다."""
    return torch.empty(n, 1, 1).uniform_(low, high, generator=generator)


def _random_params(n, generator):
    """예제별 변형 값을 한꺼번에 뽑습니다.

    난수를 그리기 전에 모두 뽑아 두면, 그리는 순서(클래스별, 덩어리별)와
    상관없이 시드가 같으면 결과가 똑같습니다.
    """
    names_and_ranges = [
        ('scale_x', 0.78, 1.08), ('scale_y', 0.78, 1.08),
        ('shift_x', -0.16, 0.16), ('shift_y', -0.16, 0.16),
        ('angle', -0.14, 0.14),        # 라디안, 약 ±8도
        ('thick', THIN, THICK),        # 소매·끈 굵기 배율
        ('grow', -0.03, 0.05),         # 실루엣 전체를 살짝 키우거나 줄임
        ('blend', 0.0, 0.55),          # 이웃 클래스 모양을 섞는 비율
        ('bright', 0.35, 1.0),         # 옷감 밝기
        ('shade', -0.35, 0.35),        # 위아래 명암 차이
        ('stripe_freq', 4.0, 14.0), ('stripe_amp', 0.0, 0.35),
        ('stripe_phase', 0.0, 2 * math.pi),
    ]
    params = {name: _uniform(n, low, high, generator)
              for name, low, high in names_and_ranges}
    params['noise'] = torch.randn(n, IMAGE_SIZE, IMAGE_SIZE, generator=generator)
    return params


def _pixel_grid():
    """픽셀 중심의 (x, y) 좌표. 각각 (28, 28) 텐서입니다."""
    centers = -1 + PIXEL * (torch.arange(IMAGE_SIZE) + 0.5)
    y, x = torch.meshgrid(centers, centers, indexing='ij')
    return x, y


def _render(maps, p):
    """거리 지도 maps(자기 모양과 이웃 모양)를 예제별 변형 값 p대로 읽어 [0, 1] 실수 이미지 (n, 28, 28)로 그립니다."""
    n = p['angle'].shape[0]
    gx, gy = _pixel_grid()
    # 이미지 좌표 → 도형 좌표: 이동을 되돌리고, 회전을 되돌리고, 크기를 되돌립니다.
    cos, sin = torch.cos(p['angle']), torch.sin(p['angle'])
    dx, dy = gx - p['shift_x'], gy - p['shift_y']
    x = (cos * dx + sin * dy) / p['scale_x']
    y = (-sin * dx + cos * dy) / p['scale_y']
    # grid_sample은 [-1, 1]로 정규화한 좌표를 받습니다. 모든 예제를 세로로 이어 붙여
    # (1, n*28, 28, 2) 격자 하나로 만들면 지도 한 장을 한 번의 호출로 모두 읽습니다.
    grid = torch.stack((x, y), dim=-1).reshape(1, n * IMAGE_SIZE, IMAGE_SIZE, 2)
    sampled = F.grid_sample(maps, grid / MAP_EXTENT, align_corners=True,
                            padding_mode='border')
    own_thin, own_thick, other_thin, other_thick = sampled.reshape(4, n, IMAGE_SIZE, IMAGE_SIZE)
    weight = (p['thick'] - THIN) / (THICK - THIN)
    own = torch.lerp(own_thin, own_thick, weight)
    other = torch.lerp(other_thin, other_thick, weight)
    scale = (p['scale_x'] + p['scale_y']) / 2
    dist = (torch.lerp(own, other, p['blend']) - p['grow']) * scale
    # 경계를 픽셀 한 칸 폭으로 부드럽게 해 계단 현상(aliasing)을 줄입니다.
    mask = (0.5 - dist / PIXEL).clamp(0, 1)
    stripes = p['stripe_amp'] * torch.sin(p['stripe_freq'] * y + p['stripe_phase'])
    cloth = p['bright'] * (1 - p['shade'] * y / 2) * (1 - stripes.clamp(min=0))
    return (mask * (cloth + 0.06 * p['noise'])).clamp(0, 1)


def make_split(num_examples, seed):
    """합성 예제 num_examples개를 만듭니다. 같은 seed면 결과가 비트 단위로 같습니다.

    반환값: ``(images, labels)`` — images는 uint8 (N, 1, 28, 28), labels는 int64 (N,).
    클래스마다 예제 수가 같도록(최대 1개 차이) 레이블을 고른 뒤 순서를 섞습니다.
    """
    generator = torch.Generator().manual_seed(seed)
    labels = torch.arange(num_examples) % NUM_CLASSES
    labels = labels[torch.randperm(num_examples, generator=generator)]
    params = _random_params(num_examples, generator)
    images = torch.empty(num_examples, 1, IMAGE_SIZE, IMAGE_SIZE, dtype=torch.uint8)
    for label in range(NUM_CLASSES):
        maps = distance_maps(label)
        idx = (labels == label).nonzero().squeeze(1)
        # 덩어리(chunk)로 나눠 그리면 중간 텐서가 작아 메모리를 덜 쓰고 캐시에 잘 맞습니다.
        for chunk in idx.split(2048):
            chunk_params = {name: value[chunk] for name, value in params.items()}
            pixels = _render(maps, chunk_params)
            images[chunk, 0] = (pixels * 255).round().to(torch.uint8)
    return images, labels


def make_dataset(seed=0, num_train=60_000, num_val=10_000):
    """훈련/검증 두 부분의 합성 데이터를 만듭니다: ``{'train': (X, y), 'val': (X, y)}``.

    두 부분이 서로 다른 예제가 되도록 시드를 다르게(seed, seed + 1) 줍니다.
    """
    return {'train': make_split(num_train, seed),
            'val': make_split(num_val, seed + 1)}
