"""그래프의 한글: 한글 글꼴이 있으면 그것으로 그리고, 없으면 영어 글자로 그립니다.

matplotlib의 기본 글꼴(DejaVu Sans)에는 한글이 없어 한글이 네모(□)로 그려집니다.  d2lmini를
불러오면 ``use_korean_font()``가 설치된 한글 글꼴(Noto Sans CJK, 나눔, 맑은 고딕, Apple SD 고딕 등)을
찾아 matplotlib 글꼴 목록의 앞에 둡니다(라틴 글자는 그 글꼴이, 없는 글자는 DejaVu Sans가 그림).
찾지 못하면(예: Colab) 한 번 알리고, ``label('에폭', 'epoch')`` 같은 글자는 영어 쪽을 씁니다.
"""
import re

from .notebook import notice_once

# 한글을 담은 글꼴 이름(가족 이름)과 파일 이름의 흔한 모양
_KOREAN_NAME = re.compile(r'CJK (KR|JP|SC|TC|HK)|Noto Sans KR|Nanum|Malgun|Apple ?SD ?Gothic|'
                          r'AppleGothic|Gulim|Dotum|Batang|UnDotum', re.I)
_KOREAN_FILE = re.compile(r'NotoSansCJK|NotoSerifCJK|NotoSansKR|Nanum|malgun|AppleSDGothic|'
                          r'AppleGothic|gulim|batang|UnDotum', re.I)
_PREFERRED = ('Noto Sans CJK KR', 'Noto Sans KR', 'NanumGothic', 'Malgun Gothic',
              'Apple SD Gothic Neo', 'AppleGothic')

_state = {'font': None, 'checked': False}


def korean_font():
    """설치된 한글 글꼴의 이름(없으면 None).  처음 한 번만 찾습니다."""
    if not _state['checked']:
        _state['font'] = _find_korean_font()
        _state['checked'] = True
    return _state['font']


def _find_korean_font():
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist if _KOREAN_NAME.search(f.name)}
    if not names:
        # 글꼴 캐시가 글꼴 설치보다 오래되었을 수 있습니다: 새 파일만 더합니다(캐시 전체 재생성보다 빠름).
        known = {f.fname for f in font_manager.fontManager.ttflist}
        for path in font_manager.findSystemFonts():
            if path not in known and _KOREAN_FILE.search(path):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        names = {f.name for f in font_manager.fontManager.ttflist if _KOREAN_NAME.search(f.name)}
    for name in _PREFERRED:
        if name in names:
            return name
    return min(names) if names else None


def use_korean_font():
    """한글 글꼴이 있으면 matplotlib의 기본 글꼴 목록 앞에 둡니다.  있으면 True."""
    import matplotlib

    font = korean_font()
    if font is None:
        return False
    families = matplotlib.rcParams['font.sans-serif']
    if font not in families:
        matplotlib.rcParams['font.sans-serif'] = [font, *families]
    matplotlib.rcParams['font.family'] = ['sans-serif']
    matplotlib.rcParams['axes.unicode_minus'] = False   # 한글 글꼴에 없는 '−' 대신 '-'
    return True


def label(korean, english):
    """그래프 글자: 한글 글꼴이 있으면 ``korean``, 없으면 ``english`` (한 번 알림)."""
    if korean_font():
        return korean
    notice_once('no-korean-font', '한글 글꼴이 없어 그래프의 글자를 영어로 씁니다 '
                '(한글로 보려면 Noto Sans CJK나 나눔고딕을 설치하세요. 예: apt install fonts-noto-cjk).')
    return english
