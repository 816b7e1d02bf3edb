"""그림 도우미: 산점도의 점마다 이름을 겹치지 않게 붙입니다(10 비교 노트북의 그림)."""
from matplotlib.transforms import Bbox

# 이름을 놓아 볼 자리: 점에서 (가로, 세로) 포인트만큼 떨어진 곳과 글자의 가로 정렬, 앞의 것부터 시도.
SPOTS = [(5, 3, 'left'), (5, -11, 'left'), (-5, 3, 'right'), (-5, -11, 'right'),
         (5, 13, 'left'), (-5, 13, 'right'), (5, -21, 'left'), (-5, -21, 'right')]
DOT = 8           # 이름이 비켜 갈 점의 크기(화면 픽셀)
OUTSIDE = 1e6     # 축 밖으로 나간 이름의 벌점: 어떤 겹침보다 크게


def label_points(ax, xs, ys, texts, fontsize=8):
    """점마다 이름을 붙입니다: 여덟 자리 가운데 축 안에 들고 다른 이름·점과 가장 덜 겹치는 자리에.

    축 범위가 정해진 뒤(점을 모두 그리고 ``tight_layout``까지 한 뒤)에 부르세요.  글자가 화면의
    어디에 놓일지 재려고 그림을 한 번 그립니다.
    """
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    dots = [ax.transData.transform((x, y)) for x, y in zip(xs, ys)]
    taken = [Bbox.from_bounds(px - DOT / 2, py - DOT / 2, DOT, DOT) for px, py in dots]
    for x, y, text in zip(xs, ys, texts):
        best = None
        for dx, dy, ha in SPOTS:
            note = ax.annotate(text, (x, y), textcoords='offset points', xytext=(dx, dy),
                               ha=ha, fontsize=fontsize)
            box = note.get_window_extent(renderer)
            score = _clash(ax, box, taken)
            if best is None or score < best[0]:
                if best is not None:
                    best[1].remove()
                best = (score, note, box)
            else:
                note.remove()
            if score == 0:
                break
        taken.append(best[2])


def _clash(ax, box, taken):
    """이름 상자 ``box``의 벌점: 이미 놓인 상자들과 겹친 넓이, 축 밖으로 나가면 ``OUTSIDE``를 더해."""
    inside = (ax.bbox.x0 <= box.x0 and box.x1 <= ax.bbox.x1
              and ax.bbox.y0 <= box.y0 and box.y1 <= ax.bbox.y1)
    shared = (Bbox.intersection(box, other) for other in taken)  # 겹치지 않으면 None
    overlap = sum(part.width * part.height for part in shared if part is not None)
    return overlap + (0 if inside else OUTSIDE)
