"""그림 도우미: 모델을 모듈 객체에서 바로 그리고, 장의 개념 그림을 그립니다.

* ``draw(model, input_shape, depth=1)``: 모델의 데이터 흐름을 위에서 아래로 그립니다.  층마다 상자
  하나에 층의 종류와 주요 설정, 그 층의 출력 모양을 적고, 덧셈(잔차 연결)은 ⊕, ``torch.cat``은
  '이어 붙이기' 마디로 그립니다.  모델 목록을 주면 나란히 그립니다.
* ``plot_function_classes()``: 중첩되지 않는 함수 클래스와 중첩된 함수 클래스(07 ResNet).
* ``plot_add_vs_concat()``: ResNet의 덧셈과 DenseNet의 이어 붙이기(08 DenseNet).
* ``plot_one_cycle()``: 원사이클 스케줄의 학습률과 AdamW의 β1(10 비교).

모든 함수는 pyplot을 거치지 않은 matplotlib ``Figure``를 돌려주므로 노트북 셀의 마지막 줄이면
그림 한 장으로 보이고, ``fig.savefig(...)``로 저장할 수도 있습니다.
"""
import math
from dataclasses import dataclass, field

import torch
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Rectangle
from matplotlib.path import Path
from torch import fx, nn
from torch.fx.passes.shape_prop import ShapeProp

from .diagnose import check_input, explain_forward_error, whole_number
from .fonts import label as _text
from .notebook import notice
from .torchutil import copy_module, evaluation

# ---------------------------------------------------------------------------
# 1. 모델에서 그래프 얻기
# ---------------------------------------------------------------------------
# torch.fx로 forward를 기호로 따라가(symbolic tracing) 층과 연산의 그래프를 얻습니다.  forward
# 훅(hook)은 모듈의 호출만 보므로 torch.cat이나 덧셈처럼 모듈이 아닌 연산을 놓칩니다.  fx는 그것을
# 모두 보지만 입력 값에 따라 갈라지는 forward(예: 직접 만든 BatchNorm의 ``if X.device ...``)는
# 따라가지 못합니다.  그런 모듈은 속을 펼치지 않고 상자 하나(잎 모듈)로 그리고 다시 따라갑니다.
# ``if self.conv3:``처럼 입력이 아니라 모듈의 속성에 따라 갈라지는 forward는 fx로도 그대로 됩니다.

_CONTAINERS = (nn.Sequential, nn.ModuleList, nn.ModuleDict)


@dataclass
class Node:
    """그림의 마디 하나: 종류(input·layer·add·cat·output), 글자, 출력 모양, 입력 마디 번호들, 묶음."""
    kind: str
    text: str
    shape: str = ''
    inputs: list = field(default_factory=list)
    group: str = ''       # 마디를 부른, 모델 바로 아래 부품(깊이 1 모듈)의 경로. 없으면 ''


def module_levels(model):
    """모듈 경로 → 깊이.  하위 모듈이 컨테이너 하나뿐이면(예: 책의 ``self.net``) 그 컨테이너는
    포장일 뿐이라 깊이를 더하지 않습니다."""
    levels = {'': 0}
    for name, module in model.named_modules():
        children = list(module.named_children())
        wrapper = len(children) == 1 and isinstance(children[0][1], _CONTAINERS)
        for child_name, _ in children:
            path = f'{name}.{child_name}' if name else child_name
            levels[path] = levels[name] + (0 if wrapper else 1)
    return levels


class DepthTracer(fx.Tracer):
    """``depth`` 깊이의 모듈과 PyTorch의 표준 층을 펼치지 않는(잎으로 두는) 추적기.

    따라가다 실패하면 실패한 가장 안쪽 모듈의 경로를 ``failed``에 남깁니다.
    """

    def __init__(self, levels, depth, leaves=()):
        super().__init__()
        self.levels, self.depth, self.leaves = levels, depth, set(leaves)
        self.failed = None

    def is_leaf_module(self, module, name):
        return (super().is_leaf_module(module, name) or name in self.leaves
                or self.levels.get(name, 0) >= self.depth)

    def call_module(self, module, forward, args, kwargs):
        try:
            return super().call_module(module, forward, args, kwargs)
        except Exception:
            if self.failed is None:
                self.failed = self.path_of_module(module)
            raise


def trace(model, depth):
    """``model``의 fx 그래프 모듈.  따라갈 수 없는 모듈은 잎으로 바꿔 다시 따라갑니다.

    모델 자신의 forward를 따라갈 수 없으면 None.
    """
    levels, leaves = module_levels(model), set()
    while True:
        tracer = DepthTracer(levels, depth, leaves)
        try:
            graph = tracer.trace(model)
        except Exception:
            if not tracer.failed or tracer.failed in leaves:
                return None
            leaves.add(tracer.failed)
            continue
        return fx.GraphModule(model, graph)


def prepared_copy(model, input_shape):
    """그릴 복사본: CPU·float32로 옮기고 한 번 순전파해 지연 층의 모양을 정한 것.

    원래 모델과 난수 상태는 그대로 둡니다: 복사본의 지연 층이 초기화에 쓰는 난수는
    ``fork_rng`` 안에서 뽑습니다.
    """
    X = torch.zeros(input_shape)
    with torch.random.fork_rng(devices=[]):
        copy = copy_module(model).to(device='cpu', dtype=torch.float32)
        try:
            with evaluation(copy):
                copy(X)
        except Exception as err:
            problem = explain_forward_error(model, X, err)
            if problem is None:
                raise
            raise RuntimeError(f'd2l.draw: {problem}') from err
    return copy


def model_graph(model, input_shape, depth=1):
    """``model``을 ``input_shape`` 입력으로 그릴 마디 목록(위상 순서)."""
    root = prepared_copy(model, input_shape)
    traced = trace(root, depth)
    if traced is None:
        notice(f'{type(model).__name__}의 forward를 따라갈 수 없어 모델 전체를 상자 하나로 그립니다.')
        root = _Whole(root)
        traced = trace(root, depth=1)
    with evaluation(traced):
        ShapeProp(traced).propagate(torch.zeros(input_shape))
    return graph_nodes(traced, module_levels(root))


class _Whole(nn.Module):
    """모델을 통째로 잎 하나로 그리기 위한 포장."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, X):
        return self.model(X)


# 데이터를 바꾸지 않고 넘기기만 하는 연산: 마디를 만들지 않고 입력을 그대로 잇습니다.
_PASS = {'getitem', 'getattr', 'contiguous', 'to', 'type', 'float', 'clone', 'detach', 'size'}
_ADD = {'add', 'iadd', 'add_'}
_CAT = {'cat', 'concat', 'concatenate'}
# 함수로 부른 층(F.relu 등)의 이름
_FUNCTIONS = {'relu': 'ReLU', 'relu_': 'ReLU', 'sigmoid': 'Sigmoid', 'tanh': 'Tanh',
              'gelu': 'GELU', 'softmax': 'Softmax', 'max_pool2d': 'MaxPool',
              'avg_pool2d': 'AvgPool', 'adaptive_avg_pool2d': 'AdaptiveAvgPool',
              'flatten': 'Flatten', 'view': 'Reshape', 'reshape': 'Reshape', 'dropout': 'Dropout',
              'mul': '×', 'matmul': 'MatMul'}


def graph_nodes(traced, levels):
    """fx 그래프를 그림의 마디 목록으로: 넘기기만 하는 연산과 텐서가 아닌 값은 건너뜁니다.
    ``levels``(모듈 경로 → 깊이)로 마디마다 그 마디를 부른 깊이 1의 모듈(묶음)을 적습니다."""
    modules = dict(traced.named_modules())
    nodes, feeds = [], {}      # feeds: fx 마디 → 그 값을 만든 그림 마디 번호들
    for node in traced.graph.nodes:
        sources = [i for arg in node.all_input_nodes for i in feeds.get(arg, [])]
        sources = list(dict.fromkeys(sources))
        shape = _shape_of(node)
        kind, text = _describe(node, modules, len(sources))
        if kind is None:
            feeds[node] = sources if shape is not None else []
            continue
        nodes.append(Node(kind, text, shape or '', sources, _group(node, levels)))
        feeds[node] = [len(nodes) - 1]
    return nodes


def _group(node, levels):
    """fx 마디를 부른 모듈들(바깥부터) 가운데 깊이 1인 모듈의 경로, 없으면 ''."""
    for key, value in node.meta.get('nn_module_stack', {}).items():
        path = value[0] if isinstance(value, tuple) else key
        if levels.get(path) == 1:
            return path
    return ''


def _shape_of(node):
    """마디 출력의 모양 글자(배치 축을 뺀 '6×28×28'), 텐서가 아니면 None."""
    meta = node.meta.get('tensor_meta')
    if not hasattr(meta, 'shape'):
        return None
    return '×'.join(str(n) for n in meta.shape[1:])


def _describe(node, modules, num_sources):
    """fx 마디의 (종류, 글자).  그리지 않을 마디는 (None, None)."""
    if node.op == 'placeholder':
        return 'input', _text('입력', 'input')
    if node.op == 'output':
        return 'output', _text('출력', 'output')
    if node.op == 'call_module':
        return 'layer', layer_text(modules[node.target], node.target)
    if node.op not in ('call_function', 'call_method'):
        return None, None                       # get_attr: 파라미터 같은 상수
    name = node.target if isinstance(node.target, str) else node.target.__name__
    if name in _ADD and num_sources >= 2:
        return 'add', '+'
    if name in _CAT:
        return 'cat', _text('이어 붙이기', 'concat')
    if name in _PASS or num_sources == 0:
        return None, None
    return 'layer', _FUNCTIONS.get(name, name)


# ---------------------------------------------------------------------------
# 2. 층의 이름표
# ---------------------------------------------------------------------------

def _pair(value):
    return tuple(value) if isinstance(value, (tuple, list)) else (value, value)


def _kernel(value):
    h, w = _pair(value)
    return f'{h}×{w}'


def _stride(value):
    h, w = _pair(value)
    return '' if (h, w) == (1, 1) else (f' /{h}' if h == w else f' /{h}×{w}')


def _conv_text(conv):
    text = f'{type(conv).__name__} {_kernel(conv.kernel_size)}, {conv.out_channels}'
    text += _stride(conv.stride)
    return text + (f', 그룹 {conv.groups}' if conv.groups > 1 else '')


def _pool_text(pool, kind):
    stride = pool.stride if pool.stride is not None else pool.kernel_size
    return f'{kind} {_kernel(pool.kernel_size)}{_stride(stride)}'


def standard_text(module):
    """PyTorch 층의 짧은 이름표(예: 'Conv2d 5×5, 6', 'MaxPool 2×2 /2'), 모르는 층이면 None."""
    if isinstance(module, nn.modules.conv._ConvNd):
        return _conv_text(module)
    if isinstance(module, nn.MaxPool2d):
        return _pool_text(module, 'MaxPool')
    if isinstance(module, nn.AvgPool2d):
        return _pool_text(module, 'AvgPool')
    if isinstance(module, nn.AdaptiveAvgPool2d):
        return f'AdaptiveAvgPool {_kernel(module.output_size)}'
    if isinstance(module, nn.Linear):
        return f'Linear {module.out_features}'
    if isinstance(module, nn.modules.batchnorm._BatchNorm):
        return 'BatchNorm'
    if isinstance(module, nn.modules.dropout._DropoutNd):
        return f'Dropout {module.p:g}'
    return None


def layer_text(module, path):
    """잎 모듈의 이름표.  표준 층은 종류와 설정, 그 밖의 모듈은 이름과 파라미터 수."""
    text = standard_text(module)
    if text is not None:
        return text
    if module.__module__.startswith('torch.nn') and not isinstance(module, _CONTAINERS):
        return type(module).__name__            # ReLU, Sigmoid, Flatten …
    name = path.rsplit('.', 1)[-1]
    if isinstance(module, _CONTAINERS):
        title = _contents(module)
        if not name.isdigit():
            title = f'{name}: {title}'
    else:
        title = type(module).__name__
    count = sum(p.numel() for p in module.parameters())
    return f"{title}\n{_text('파라미터', 'params')} {count:,}"


def _contents(container):
    """컨테이너의 자식 종류를 나온 순서대로 세어 적은 것(예: 'Conv2d×2, ReLU×2, MaxPool')."""
    counts = {}
    for child in container.children():
        kind = (standard_text(child) or type(child).__name__).split(' ')[0]
        counts[kind] = counts.get(kind, 0) + 1
    return ', '.join(kind if n == 1 else f'{kind}×{n}' for kind, n in counts.items())


# ---------------------------------------------------------------------------
# 3. 배치: 층(입력에서의 가장 긴 경로)과 줄(lane)
# ---------------------------------------------------------------------------
# 마디의 세로 자리는 입력에서 그 마디까지 가장 긴 경로의 길이(층)입니다.  가로 자리는 '줄'입니다:
# 마디는 첫 입력 마디의 줄을 이어받고(그래서 층을 차례로 쌓은 부분은 곧은 세로줄이 됨), 그 줄을
# 이미 다른 마디가 이어받았으면 빈 줄을 새로 씁니다(갈래는 나란히 놓임).

def node_layers(nodes):
    layers = []
    for node in nodes:
        layers.append(1 + max((layers[i] for i in node.inputs), default=-1))
    return layers


def node_lanes(nodes, layers):
    children = [0] * len(nodes)
    for node in nodes:
        for i in node.inputs:
            children[i] += 1
    lanes, handed, tail, waiting = [], set(), {}, children[:]
    for index, node in enumerate(nodes):
        parent = next((i for i in node.inputs if i not in handed), None)
        if parent is not None:
            handed.add(parent)
            lane = lanes[parent]
        else:   # 끝난 줄(마지막 마디가 기다리는 자식이 없고 이 층보다 위에 있는 줄) 가운데 첫 줄
            lane = 0
            while lane in tail and (waiting[tail[lane]] or layers[tail[lane]] >= layers[index]):
                lane += 1
        for i in node.inputs:
            waiting[i] -= 1
        lanes.append(lane)
        tail[lane] = index
    return lanes


# ---------------------------------------------------------------------------
# 4. 그리기
# ---------------------------------------------------------------------------
# 좌표의 단위는 인치입니다(축 하나가 그림에서 차지하는 크기와 같게 둠).  그래서 글자 크기(포인트)로
# 상자 크기를 바로 계산할 수 있습니다.

FONT = 8.5          # 이름표 글자 크기(포인트)
SMALL = 7.5         # 출력 모양 글자 크기
TITLE = 10          # 그림 제목 글자 크기
PAD_X, PAD_Y = 0.09, 0.06   # 상자 안 여백(인치)
ROW_GAP = 0.24      # 층 사이 세로 간격(화살표 자리)
LANE_GAP = 0.3      # 줄 사이 가로 간격
DETOUR_GAP = 0.16   # 돌아가는 연결선이 상자에서 떨어지는 거리
OP_RADIUS = 0.11    # ⊕ 원의 반지름
FRAME_PAD = 0.06    # 묶음 틀과 그 안 상자 사이의 여백
MAX_HEIGHT = 10.0   # 한 단의 최대 높이(인치): 넘으면 여러 단으로 나눠 옆에 놓습니다
MAX_COLUMNS = 4     # 단이 이보다 많아질 만큼 길면 단을 MAX_HEIGHT보다 높게 합니다
COLUMN_GAP = 0.8    # 단 사이 가로 간격
COLORS = {'Conv': '#cfe2f3', 'MaxPool': '#fce5cd', 'AvgPool': '#fce5cd',
          'AdaptiveAvgPool': '#fce5cd', 'Linear': '#d9ead3', 'BatchNorm': '#fff2cc',
          'input': '#ffffff', 'output': '#ffffff', 'cat': '#f4cccc', 'module': '#e4dcf1',
          'other': '#eeeeee'}
EDGE = '#555555'

LINE = 1.3 / 72     # 글자 한 줄의 높이: 글자 크기(포인트)의 1.3배(인치)
_renderer = []


def _text_width(text, size):
    """글자 한 줄의 너비(인치).  지금의 기본 글꼴(한글 글꼴이 있으면 그것)로 잽니다."""
    if not _renderer:
        _renderer.append(RendererAgg(1, 1, 72))
    width, _, _ = _renderer[0].get_text_width_height_descent(text, FontProperties(size=size),
                                                              ismath=False)
    return width / 72


def _color(node):
    if node.kind in ('input', 'output', 'cat'):
        return COLORS[node.kind]
    first = node.text.split(' ')[0].split('\n')[0]
    if first.startswith('Conv'):
        return COLORS['Conv']
    if '\n' in node.text:
        return COLORS['module']
    return COLORS.get(first, COLORS['other'])


@dataclass
class Box:
    """배치된 마디: 가운데 (x, y)와 너비·높이(인치)."""
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0

    @property
    def top(self):
        return self.y + self.height / 2

    @property
    def bottom(self):
        return self.y - self.height / 2

    @property
    def left(self):
        return self.x - self.width / 2

    @property
    def right(self):
        return self.x + self.width / 2


def _box_size(node):
    if node.kind == 'add':
        return 2 * OP_RADIUS, 2 * OP_RADIUS
    lines = [(line, FONT) for line in node.text.split('\n')]
    if _shows_shape(node):
        lines.append((node.shape, SMALL))
    width = max(_text_width(line, size) for line, size in lines) + 2 * PAD_X
    height = sum(LINE * size for _, size in lines) + 2 * PAD_Y
    return width, height


def _shows_shape(node):
    return bool(node.shape) and node.kind != 'output'


def _columns(nodes, layers, heights):
    """층을 단(세로 기둥)으로 나눕니다: 층 높이의 합이 ``MAX_HEIGHT``를 넘으면 비슷한 높이의 여러
    단으로(많아야 ``MAX_COLUMNS``개).  끊는 자리는 나눌 높이에 가깝고, 한 마디에서 나온 연결선만
    지나며, 묶음(예: ResNet의 단계)이 바뀌는 층 경계를 고릅니다.  단마다 (첫 층, 끝 층) 목록."""
    count, total = len(heights), sum(heights)
    parts = min(math.ceil(total / MAX_HEIGHT), MAX_COLUMNS)
    if parts == 1:
        return [(0, count - 1)]
    crossing = [set() for _ in range(count)]   # 층 c와 c+1 사이를 지나는 연결선들이 나오는 마디
    for index, node in enumerate(nodes):
        for i in node.inputs:
            for c in range(layers[i], layers[index]):
                crossing[c].add(i)
    groups = [set() for _ in range(count)]
    for layer, node in zip(layers, nodes):
        groups[layer].add(node.group)
    below = [sum(heights[:c + 1]) for c in range(count)]     # 층 c의 아래 끝까지의 높이
    columns, start = [], 0
    for k in range(1, parts):
        def cost(c):
            return (abs(below[c] - k * total / parts) + (0 if len(crossing[c]) == 1 else total)
                    + (0 if groups[c].isdisjoint(groups[c + 1]) else total / parts / 3))
        end = min(range(start, count - 1), key=cost, default=None)
        if end is None:
            break
        columns.append((start, end))
        start = end + 1
    columns.append((start, count - 1))
    return columns


@dataclass
class Layout:
    """배치 결과: 마디마다의 상자, 마디가 놓인 단 번호, 단마다의 (왼쪽, 오른쪽) x."""
    boxes: list
    column_of: list
    columns: list


def layout(nodes):
    layers = node_layers(nodes)
    lanes = node_lanes(nodes, layers)
    boxes = [Box(0, 0, *_box_size(node)) for node in nodes]
    heights = [0.0] * (max(layers) + 1)          # 층마다: 가장 높은 상자 + 층 사이 간격
    for layer, box in zip(layers, boxes):
        heights[layer] = max(heights[layer], box.height + ROW_GAP)
    column_of, extents, left = [0] * len(nodes), [], 0.0
    for number, (first, last) in enumerate(_columns(nodes, layers, heights)):
        members = [i for i in range(len(nodes)) if first <= layers[i] <= last]
        widths = {}
        for i in members:
            widths[lanes[i]] = max(widths.get(lanes[i], 0), boxes[i].width)
        labels = [_frame_label(group) for group in _groups(nodes, members)]
        margin = max([_text_width(text, SMALL) + 2 * FRAME_PAD for text in labels if text],
                     default=0)
        centers, x = {}, left + margin
        for lane in sorted(widths):
            centers[lane] = x + widths[lane] / 2
            x += widths[lane] + LANE_GAP
        for i in members:
            boxes[i].x = centers[lanes[i]]
            boxes[i].y = -(sum(heights[first:layers[i]]) + (heights[layers[i]] - ROW_GAP) / 2)
            column_of[i] = number
        extents.append((left, x - LANE_GAP))
        left = x + COLUMN_GAP
    _center_branches(nodes, boxes, column_of)
    return Layout(boxes, column_of, extents)


def _groups(nodes, members):
    """``members`` 마디들의 묶음(깊이 1 모듈 경로) → 그 묶음의 마디 번호들.  마디가 둘 이상인 묶음만."""
    groups = {}
    for i in members:
        if nodes[i].group:
            groups.setdefault(nodes[i].group, []).append(i)
    return {group: found for group, found in groups.items() if len(found) > 1}


def _frame_label(group):
    """묶음 틀의 이름: 모듈 경로의 마지막 이름(``net.b2`` → ``b2``).  번호뿐이면 ''."""
    name = group.rsplit('.', 1)[-1]
    return '' if name.isdigit() else name


def _center_branches(nodes, boxes, column_of):
    """갈래가 한 마디에서 나뉘어 '이어 붙이기'로 다시 모이면(인셉션 블록), 나뉘는 마디와 모이는
    마디를 갈래들의 가운데로 옮깁니다.  그 위아래로 곧게 이어진 마디들도 함께 옮깁니다."""
    parents = [node.inputs for node in nodes]
    children = [[] for _ in nodes]
    for index, node in enumerate(nodes):
        for i in node.inputs:
            children[i].append(index)
    for merge, node in enumerate(nodes):
        if node.kind != 'cat' or len({boxes[i].x for i in node.inputs}) < 2:
            continue
        forks = {_branch_start(i, parents, children) for i in node.inputs}
        if len(forks) != 1 or None in forks:
            continue
        fork = forks.pop()
        if column_of[fork] != column_of[merge]:
            continue
        xs = [boxes[i].x for i in children[fork]] + [boxes[i].x for i in node.inputs]
        middle = (min(xs) + max(xs)) / 2
        chain = [fork, merge]
        chain += _straight(fork, parents, children, up=True)
        chain += _straight(merge, parents, children, up=False)
        for i in chain:
            if column_of[i] == column_of[merge] and _free(boxes, i, middle):
                boxes[i].x = middle


def _branch_start(index, parents, children):
    """갈래의 끝 마디 ``index``에서 입력 하나·출력 하나인 마디를 따라 올라가 닿는, 갈래가 나뉘는 마디."""
    while len(parents[index]) == 1:
        index = parents[index][0]
        if len(children[index]) > 1:
            return index
    return None


def _straight(index, parents, children, up):
    """``index``에서 위(``up``) 또는 아래로, 입력 하나·출력 하나로 곧게 이어진 마디들."""
    ahead, behind = (parents, children) if up else (children, parents)
    chain = []
    while len(ahead[index]) == 1 and len(behind[ahead[index][0]]) == 1:
        index = ahead[index][0]
        chain.append(index)
    return chain


def _free(boxes, index, x):
    """상자 ``index``를 가로 ``x``로 옮겨도 같은 높이의 다른 상자와 겹치지 않으면 True."""
    box = boxes[index]
    moved = Box(x, box.y, box.width, box.height)
    gap = LANE_GAP / 2
    return not any(other is not box and abs(other.y - box.y) < (other.height + box.height) / 2
                   and moved.left - gap < other.right and other.left < moved.right + gap
                   for other in boxes)


# ----- 연결선 -----

def _hits(points, boxes, skip):
    """꺾은선 ``points``가 ``skip``이 아닌 상자를 지나면 True(선분마다 점을 찍어 봅니다)."""
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        for t in [k / 24 for k in range(25)]:
            x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
            for index, box in enumerate(boxes):
                if index not in skip and (box.left - 0.03 < x < box.right + 0.03
                                          and box.bottom - 0.03 < y < box.top + 0.03):
                    return True
    return False


def _rounded(points, radius=0.08):
    """꺾은선을 모서리가 둥근 ``Path``로."""
    vertices, codes = [points[0]], [Path.MOVETO]
    for before, corner, after in zip(points, points[1:], points[2:]):
        vertices += [_toward(corner, before, radius), corner, _toward(corner, after, radius)]
        codes += [Path.LINETO, Path.CURVE3, Path.CURVE3]
    vertices.append(points[-1])
    codes.append(Path.LINETO)
    return Path(vertices, codes)


def _toward(corner, other, radius):
    dx, dy = other[0] - corner[0], other[1] - corner[1]
    length = math.hypot(dx, dy) or 1.0
    step = min(radius, length / 2)
    return corner[0] + dx / length * step, corner[1] + dy / length * step


class Router:
    """연결선의 길을 고릅니다: 곧은 선 → 꺾은 선 → 옆으로 돌아가는 선 순서로, 다른 상자를 지나지
    않는 첫 길.  옆으로 돌아가는 선(건너뛰는 연결)은 겹치지 않게 좌우와 거리를 나눠 씁니다."""

    def __init__(self, placed):
        self.boxes, self.column_of = placed.boxes, placed.column_of
        self.detours = []   # (쪽 부호, 위 y, 아래 y, x, 단)

    def route(self, source, target):
        a, b = self.boxes[source], self.boxes[target]
        start, end = (a.x, a.bottom), (b.x, b.top)
        for points in ([start, end], [start, (a.x, b.top + ROW_GAP / 2), end]):
            if not _hits(points, self.boxes, {source, target}):
                return points
        return self.detour(source, target)

    def detour(self, source, target):
        """옆으로 돌아가는 길: 상자의 옆에서 나가 사이의 상자들 바깥으로 내려가 옆으로 들어갑니다.
        오른쪽을 먼저 쓰고, 그 쪽에 위아래 범위가 닿는 길이 이미 있으면 왼쪽을 씁니다."""
        a, b, column = self.boxes[source], self.boxes[target], self.column_of[source]
        between = [box for i, box in enumerate(self.boxes)
                   if self.column_of[i] == column and b.y <= box.y <= a.y]
        best = None
        for sign in (1, -1):       # 1: 오른쪽, -1: 왼쪽.  부호를 곱해 두 쪽을 같은 식으로 셉니다
            edge = max(sign * box.x + box.width / 2 for box in between)
            used = [sign * x for s, top, bottom, x, c in self.detours
                    if s == sign and c == column and bottom <= a.y and top >= b.y]
            if best is None or len(used) < best[0]:
                x = max([edge + DETOUR_GAP] + [u + DETOUR_GAP / 2 for u in used])
                best = (len(used), sign, sign * x)
        _, sign, x = best
        self.detours.append((sign, a.y, b.y, x, column))
        out = (a.x + sign * a.width / 2, a.y - _quarter(a))
        into = (b.x + sign * b.width / 2, b.y + _quarter(b))
        return [out, (x, out[1]), (x, into[1]), into]


def _quarter(box):
    """돌아가는 선이 상자 옆에 닿는 자리를 가운데에서 띄울 거리: 나가는 선과 들어오는 선이 한
    상자에서 만나도 겹치지 않게(⊕처럼 작은 마디는 가운데)."""
    return 0 if box.height < 0.3 else box.height / 4


def _continuation(a, b, bottom, middle):
    """단 끝의 마디 ``a``에서 다음 단 처음의 마디 ``b``로 가는 길: 아래로, 단 사이로, 위로, 다시 아래로."""
    above = b.top + ROW_GAP / 2
    return [(a.x, a.bottom), (a.x, bottom), (middle, bottom), (middle, above), (b.x, above),
            (b.x, b.top)]


def _draw_node(ax, node, box):
    if node.kind == 'add':
        ax.add_patch(Circle((box.x, box.y), OP_RADIUS, facecolor='white', edgecolor=EDGE, lw=1.1))
        ax.text(box.x, box.y, '+', ha='center', va='center_baseline', fontsize=11,
                fontweight='bold', color='#333333')
        return
    ax.add_patch(FancyBboxPatch((box.left, box.bottom), box.width, box.height,
                                boxstyle='round,pad=0,rounding_size=0.05',
                                facecolor=_color(node), edgecolor=EDGE, lw=0.8))
    if _shows_shape(node):
        ax.text(box.x, box.top - PAD_Y, node.text, ha='center', va='top', fontsize=FONT,
                linespacing=1.2, parse_math=False)
        ax.text(box.x, box.bottom + PAD_Y, node.shape, ha='center', va='bottom',
                fontsize=SMALL, color='#555555', parse_math=False)
    else:
        ax.text(box.x, box.y, node.text, ha='center', va='center', fontsize=FONT,
                linespacing=1.2, parse_math=False)


def _draw_frame(ax, group, members, boxes, edges):
    """한 묶음(예: ResNet의 단계 ``b2``)의 마디들을 두르는 옅은 틀과 그 이름.  틀의 범위를 돌려줍니다."""
    inside = [points for (a, b), points in edges.items() if a in members and b in members]
    xs = [x for i in members for x in (boxes[i].left, boxes[i].right)]
    xs += [x for points in inside for x, _ in points]
    ys = [y for i in members for y in (boxes[i].bottom, boxes[i].top)]
    left, right = min(xs) - FRAME_PAD, max(xs) + FRAME_PAD
    bottom, top = min(ys) - FRAME_PAD, max(ys) + FRAME_PAD
    ax.add_patch(FancyBboxPatch((left, bottom), right - left, top - bottom,
                                boxstyle='round,pad=0,rounding_size=0.06', facecolor='#f6f6f6',
                                edgecolor='#b7b7b7', lw=0.8, ls=(0, (4, 2)), zorder=0))
    label = _frame_label(group)
    if label:
        ax.text(left - FRAME_PAD, top, label, ha='right', va='top', fontsize=SMALL,
                color='#666666', parse_math=False)
        left -= _text_width(label, SMALL) + FRAME_PAD
    return left, bottom, right, top


def draw_graph(ax, nodes, title=None):
    """마디 목록을 축 ``ax``에 그리고 그림의 (너비, 높이)를 인치로 돌려줍니다."""
    placed = layout(nodes)
    boxes, router = placed.boxes, Router(placed)
    lowest = min(box.bottom for box in boxes) - ROW_GAP
    edges = {}      # (입력 마디, 마디) → 연결선의 꺾은선
    for index, node in enumerate(nodes):
        for source in node.inputs:
            column = placed.column_of[source]
            if column == placed.column_of[index]:
                edges[source, index] = router.route(source, index)
            else:
                middle = (placed.columns[column][1] + placed.columns[column + 1][0]) / 2
                edges[source, index] = _continuation(boxes[source], boxes[index], lowest, middle)
    for points in edges.values():
        ax.add_patch(FancyArrowPatch(path=_rounded(points), arrowstyle='-|>', mutation_scale=9,
                                     color=EDGE, lw=0.9, shrinkA=0, shrinkB=0.5, zorder=1))
    for node, box in zip(nodes, boxes):
        _draw_node(ax, node, box)
    xs = [b.left for b in boxes] + [b.right for b in boxes]
    ys = [b.top for b in boxes] + [b.bottom for b in boxes]
    for points in edges.values():
        xs += [x for x, _ in points]
        ys += [y for _, y in points]
    for column in range(len(placed.columns)):
        members = [i for i, c in enumerate(placed.column_of) if c == column]
        for group, found in _groups(nodes, members).items():
            left, bottom, right, top = _draw_frame(ax, group, found, boxes, edges)
            xs += [left, right]
            ys += [bottom, top]
    margin = 0.08
    ax.set_xlim(min(xs) - margin, max(xs) + margin)
    ax.set_ylim(min(ys) - margin, max(ys) + margin)
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=TITLE)
    return max(xs) - min(xs) + 2 * margin, max(ys) - min(ys) + 2 * margin


def draw(model, input_shape, depth=1, title=None, titles=None):
    """모델의 데이터 흐름 그림(matplotlib ``Figure``).  모델과 난수 상태는 바뀌지 않습니다.

    ``model``       : ``nn.Module``(지연 층이 있어도 됨) 또는 나란히 그릴 모듈의 목록
    ``input_shape`` : 배치 축을 포함한 입력 모양, 예: ``(1, 1, 28, 28)``.  모델이 여럿이면 모양의 목록
    ``depth``       : 펼칠 깊이.  1이면 모델 바로 아래 부품(ResNet의 스템·단계·헤드)이 상자가 되고,
                      하나씩 늘리면 그 안의 블록, 블록 안의 층이 상자가 됩니다.  책의 ``self.net``처럼
                      모델이 컨테이너 하나만 가지면 그 컨테이너는 깊이로 세지 않습니다.
    ``title``, ``titles`` : 그림 제목(모델이 여럿이면 ``titles``에 모델마다 하나).

    상자마다 층의 종류와 주요 설정(합성곱은 커널, 출력 채널, ``/스트라이드``), 그 아래에 출력
    모양(배치 축 제외)을 적습니다.  ⊕는 덧셈, '이어 붙이기'는 ``torch.cat``입니다.
    """
    models = list(model) if isinstance(model, (list, tuple)) else [model]
    shapes = list(input_shape) if isinstance(model, (list, tuple)) else [input_shape]
    if len(shapes) != len(models) or not all(_is_shape(s) for s in shapes):
        raise TypeError('d2l.draw의 input_shape에는 배치 축을 포함한 입력 모양(예: (1, 1, 28, 28))을, '
                        '모델이 여럿이면 모델마다 모양 하나씩을 주세요: '
                        'd2l.draw([m1, m2], [(1, 1, 28, 28), (1, 1, 224, 224)]).')
    depth = whole_number('depth', depth, 1, 'depth=2')
    for m, shape in zip(models, shapes):
        check_input(m, tuple(shape), 'd2l.draw')
    names = titles if titles is not None else [title] * len(models)
    graphs = [model_graph(m, tuple(shape), depth) for m, shape in zip(models, shapes)]
    return _figure(graphs, names)


def _is_shape(shape):
    return (isinstance(shape, (tuple, list, torch.Size)) and len(shape) > 0
            and all(isinstance(n, int) and n > 0 for n in shape))


def _figure(graphs, titles):
    """마디 목록마다 축 하나를 나란히 놓은 그림.  축 하나의 크기가 그 그래프의 인치 크기와 같도록.
    그래프마다 자리의 너비는 그래프와 제목 가운데 넓은 쪽이고, 그래프는 자리의 가운데에 둡니다."""
    fig = Figure()
    axes = [fig.add_axes((0, 0, 1, 1)) for _ in graphs]
    sizes = [draw_graph(ax, nodes, name) for ax, nodes, name in zip(axes, graphs, titles)]
    slots = [max(w, _text_width(name, TITLE) + 0.1 if name else 0)
             for (w, _), name in zip(sizes, titles)]
    head = 0.35 if any(titles) else 0.05
    gap = 0.4
    width = sum(slots) + gap * (len(sizes) + 1)
    height = max(h for _, h in sizes) + head + 0.1
    fig.set_size_inches(width, height)
    left = gap
    for ax, (w, h), slot in zip(axes, sizes, slots):
        x = left + (slot - w) / 2
        ax.set_position((x / width, (height - head - h) / height, w / width, h / height))
        left += slot + gap
    return fig


# ---------------------------------------------------------------------------
# 5. 개념 그림
# ---------------------------------------------------------------------------

def plot_function_classes():
    """중첩되지 않는 함수 클래스(왼쪽)와 중첩된 함수 클래스(오른쪽), 그리고 참 함수 f*.

    클래스 F1, …, F6이 커질 때 각 클래스 안에서 f*에 가장 가까운 점(작은 점)이 어떻게
    움직이는지 보입니다: 중첩되지 않으면 더 큰 클래스가 오히려 f*에서 멀어질 수 있고,
    중첩되면(F1 ⊂ … ⊂ F6) 더 큰 클래스는 f*에 가까워지기만 합니다.
    """
    target = (3.5, 2.9)
    # 중첩되지 않는 클래스: 커지지만 제각기 다른 곳으로 (F3이 f*에 가장 가깝고 그 뒤로 멀어짐)
    loose = [((0.6, 0.6), 0.45, 135), ((1.4, 1.3), 0.6, 135), ((2.45, 2.3), 0.7, 90),
             ((0.9, 2.6), 0.8, 150), ((2.3, 0.55), 0.95, -30), ((0.7, 1.4), 1.15, 210)]
    # 중첩된 클래스: 한 점에서 안쪽으로 맞닿은 원들이라 작은 원이 큰 원 안에 들어갑니다
    touch, radii = (0.25, 0.3), (0.35, 0.7, 1.05, 1.4, 1.75, 2.1)
    toward = _unit(touch, target)
    nested = [((touch[0] + r * toward[0], touch[1] + r * toward[1]), r, 110) for r in radii]
    fig = Figure(figsize=(9, 4.4))
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.07, top=0.92, wspace=0.05)
    panels = fig.subplots(1, 2)
    titles = (_text('중첩되지 않는 함수 클래스', 'non-nested function classes'),
              _text('중첩된 함수 클래스', 'nested function classes'))
    notes = (_text('클래스가 커져도 $f^*$에서 멀어질 수 있습니다',
                   'a larger class can move away from $f^*$'),
             _text('클래스가 커지면 $f^*$에 가까워지기만 합니다',
                   'a larger class only gets closer to $f^*$'))
    for ax, circles, title, note in zip(panels, (loose, nested), titles, notes):
        for i, (center, radius, angle) in enumerate(circles):
            color = f'C{i}'
            ax.add_patch(Circle(center, radius, fill=False, color=color, lw=1.4))
            spot = (center[0] + radius * math.cos(math.radians(angle)),
                    center[1] + radius * math.sin(math.radians(angle)))
            ax.text(*spot, f'$\\mathcal{{F}}_{i + 1}$', color=color, fontsize=11,
                    ha='center', va='center', bbox=dict(boxstyle='round,pad=0.1',
                                                        facecolor='white', edgecolor='none'))
            ax.plot(*_closest(target, center, radius), 'o', color=color, ms=4.5)
        ax.plot(*target, '*', color='black', ms=14)
        ax.text(target[0] + 0.14, target[1] + 0.12, '$f^*$', fontsize=14)
        ax.set_title(title, fontsize=11)
        ax.text(0.5, 0.0, note, transform=ax.transAxes, ha='center', va='top', fontsize=9.5)
        ax.set_xlim(-0.8, 4.2)
        ax.set_ylim(-0.6, 4.0)
        ax.set_aspect('equal')
        ax.set_axis_off()
    return fig


def _unit(start, end):
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    return dx / length, dy / length


def _closest(point, center, radius):
    """원(가운데 ``center``, 반지름 ``radius``) 안에서 ``point``에 가장 가까운 점."""
    distance = math.dist(point, center)
    if distance <= radius:
        return point
    ux, uy = _unit(center, point)
    return center[0] + ux * radius, center[1] + uy * radius


SQUARE = 0.34       # 채널 하나를 나타내는 칸의 크기


def plot_add_vs_concat(channels=4):
    """블록의 입력 x와 출력 g(x)를 합치는 두 방법.  칸 하나가 채널 하나입니다.

    ResNet은 더하므로 채널 수가 C 그대로이고 x와 g(x)가 섞입니다.  DenseNet은 채널 방향으로 이어
    붙이므로 채널 수가 2C로 늘고 x가 그대로 남습니다.
    """
    fig = Figure(figsize=(9.5, 3.0))
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.1, top=0.9, wspace=0.08)
    panels = fig.subplots(1, 2)
    x_color, g_color, sum_color = '#6fa8dc', '#f6b26b', '#b4a7d6'
    channel = _text('채널', 'channels')
    results = (([sum_color] * channels, '$\\mathbf{x} + g(\\mathbf{x})$', f'{channel} C'),
               ([x_color] * channels + [g_color] * channels,
                '$[\\mathbf{x},\\ g(\\mathbf{x})]$', f'{channel} 2C'))
    titles = (_text('ResNet: 더하기', 'ResNet: addition'),
              _text('DenseNet: 이어 붙이기', 'DenseNet: concatenation'))
    operators = ('+', _text('이어 붙이기', 'concat'))
    notes = (_text('$\\mathbf{x}$와 $g(\\mathbf{x})$가 섞여 따로 꺼낼 수 없습니다',
                   '$\\mathbf{x}$ and $g(\\mathbf{x})$ are mixed together'),
             _text('$\\mathbf{x}$가 그대로 남아 뒤의 층이 모두 봅니다',
                   '$\\mathbf{x}$ is kept: later layers see it unchanged'))
    for ax, result, title, op, note in zip(panels, results, titles, operators, notes):
        _channels(ax, (0, 1.5), [x_color] * channels, '$\\mathbf{x}$')
        _channels(ax, (0, 0), [g_color] * channels, '$g(\\mathbf{x})$')
        width = channels * SQUARE
        joint = (width + 1.0, 0.75 + SQUARE / 2)
        for y in (1.5, 0):
            ax.add_patch(FancyArrowPatch((width + 0.08, y + SQUARE / 2), joint, arrowstyle='-|>',
                                         mutation_scale=10, color=EDGE, shrinkB=13))
        if op == '+':
            ax.add_patch(Circle(joint, 0.22, facecolor='white', edgecolor=EDGE, lw=1.1))
            ax.text(*joint, '+', ha='center', va='center_baseline', fontsize=14,
                    fontweight='bold')
        else:
            ax.text(*joint, op, ha='center', va='center', fontsize=9,
                    bbox=dict(boxstyle='round', facecolor=COLORS['cat'], edgecolor=EDGE))
        start = joint[0] + 0.8
        ax.add_patch(FancyArrowPatch((joint[0], joint[1]), (start - 0.08, joint[1]),
                                     arrowstyle='-|>', mutation_scale=10, color=EDGE, shrinkA=13))
        colors, name, count = result
        _channels(ax, (start, 0.75), colors, name, count)
        ax.text(0.5, 0.0, note, transform=ax.transAxes, ha='center', va='top', fontsize=9.5)
        ax.set_title(title, fontsize=11)
        ax.set_xlim(-0.5, start + 2 * channels * SQUARE + 0.2)
        ax.set_ylim(-0.45, 2.25)
        ax.set_aspect('equal')
        ax.set_axis_off()
    return fig


def _channels(ax, corner, colors, name, count=None):
    """특성 맵 하나를 채널마다 한 칸씩 옆으로 늘어놓은 그림: 이름은 아래, 채널 수는 위에."""
    x, y = corner
    for i, color in enumerate(colors):
        ax.add_patch(Rectangle((x + i * SQUARE, y), SQUARE, SQUARE, facecolor=color,
                               edgecolor='#555555', lw=0.7))
    middle = x + len(colors) * SQUARE / 2
    ax.text(middle, y - 0.08, name, ha='center', va='top', fontsize=11)
    if count:
        ax.text(middle, y + SQUARE + 0.08, count, ha='center', va='bottom', fontsize=9,
                color='#555555')


def one_cycle_schedule(max_lr, total_steps, warmup):
    """훈련과 똑같은 원사이클 스케줄(``d2l.CPU_RECIPE``의 AdamW + OneCycleLR)에서 스텝마다의
    (학습률, β1) 목록.  가짜 파라미터 하나짜리 모델로 레시피의 옵티마이저를 만들어 걸어 봅니다."""
    from .recipe import CPU_RECIPE

    dummy = nn.Linear(1, 1)
    dummy.lr = max_lr
    configured = CPU_RECIPE.replace(warmup=warmup).configure_optimizers(dummy, total_steps)
    optimizer = configured['optimizer'] if isinstance(configured, dict) else configured
    scheduler = configured['lr_scheduler']['scheduler'] if isinstance(configured, dict) else None
    lrs, betas = [], []
    for step in range(total_steps):
        group = optimizer.param_groups[0]
        lrs.append(group['lr'])
        betas.append(group['betas'][0])
        optimizer.step()        # 기울기가 없어 파라미터는 그대로; 스케줄러의 순서 검사만 맞춥니다
        if scheduler is not None and step < total_steps - 1:
            scheduler.step()
    return lrs, betas


def plot_one_cycle(max_lr=0.002, total_steps=3752, warmup=0.25):
    """원사이클 스케줄에서 학습률(왼쪽)과 AdamW의 β1(오른쪽)이 훈련 동안 바뀌는 모양.

    기본값은 ``cpu`` 프로필의 실행: 최고 학습률 0.002, 8에폭 × 469 미니배치 = 3752 스텝.
    학습률이 올라가는 동안 β1은 0.95에서 0.85로 내려가고, 학습률이 내려가면 β1은 다시 0.95로
    올라갑니다.
    """
    lrs, betas = one_cycle_schedule(max_lr, total_steps, warmup)
    steps = range(len(lrs))
    peak = max(steps, key=lrs.__getitem__)
    fig = Figure(figsize=(9, 3.2), layout='constrained')
    panels = fig.subplots(1, 2, sharex=True)
    panels[0].plot(steps, lrs, color='C0')
    panels[0].set_title(_text('학습률', 'learning rate'), fontsize=11)
    panels[0].ticklabel_format(axis='y', style='sci', scilimits=(-2, 2))
    panels[1].plot(steps, betas, color='C1')
    panels[1].set_title(_text('AdamW의 β1', 'AdamW β1'), fontsize=11)
    for ax in panels:
        ax.axvline(peak, color='#999999', ls='--', lw=0.8)
        ax.set_xlabel(_text('스텝', 'step'))
        ax.grid(True, alpha=0.3)
    turn = _text(f'워밍업 끝: 스텝 {peak}', f'end of warm-up: step {peak}')
    panels[0].text(peak, min(lrs), f' {turn}\n ' + _text(f'최고 학습률 {max(lrs):g}',
                                                          f'peak {max(lrs):g}'),
                   ha='left', va='bottom', fontsize=9)
    panels[1].text(peak, max(betas), ' ' + _text(f'가장 작은 β1 {min(betas):g}',
                                                 f'lowest β1 {min(betas):g}'),
                   ha='left', va='top', fontsize=9)
    return fig
