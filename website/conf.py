"""Sphinx 설정: 노트북 시리즈를 책처럼 읽는 정적 웹사이트 (``make site``).

``scripts/build_site.py``가 원본(``build/site-src/``: 노트북 사본과 README에서 만든 첫 페이지)을 준비하고
``sphinx-build -c website``로 이 설정을 씁니다. 노트북은 실행하지 않고 저장된 출력을 그대로 보여 줍니다.
빌드 중에는 아무것도 내려받지 않습니다: MathJax는 설치된 ``sphinx-mathjax-offline`` 패키지의 파일을
사이트에 복사해 쓰고, 글꼴은 한글 글꼴을 앞에 둔 시스템 글꼴 목록을 씁니다(``_static/d2lmini.css``).
"""
import shutil
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / 'scripts')]

from korean_search import SearchKorean  # noqa: E402
from sync_links import colab_url, repository_url  # noqa: E402  배지와 같은 주소 모양

REPO = repository_url()
BRANCH = 'main'   # sync_links.colab_url과 같은 가지

project = 'd2lmini'
author = 'd2lmini'
copyright = 'd2lmini. Fashion-MNIST © Zalando SE (MIT 라이선스)'
html_title = 'd2lmini — 현대 합성곱 신경망'
language = 'ko'
# 테마의 화면 글자 가운데 한국어 번역이 없는 것(website/locale/ko/LC_MESSAGES/sphinx.po).
# build_site.py가 원본 폴더에 복사합니다.
locale_dirs = ['locale']

extensions = ['myst_nb']
exclude_patterns = ['**/.ipynb_checkpoints', '_build']
master_doc = 'index'

# 노트북은 실행하지 않습니다: 저장된 출력(그림, 표, 글자)이 곧 내용입니다.
nb_execution_mode = 'off'
nb_merge_streams = True
nb_ipywidgets_js = {}          # 위젯 스크립트를 CDN에서 읽지 않습니다(저장된 위젯 상태도 없음)
myst_enable_extensions = ['dollarmath', 'amsmath']
myst_heading_anchors = 3
suppress_warnings = ['mystnb.unknown_mime_type']

# 수식: MathJax 3을 사이트 안에 둡니다(CDN 없음). 파일은 build-finished에서 복사합니다.
MATHJAX_DIST = 'sphinx-mathjax-offline'
MATHJAX_FILES = ['tex-chtml.js', 'output/chtml', 'input/tex/extensions', 'ui', 'a11y']
mathjax_path = 'mathjax/tex-chtml.js'

html_theme = 'sphinx_book_theme'
html_static_path = ['_static']
html_css_files = ['d2lmini.css']
html_js_files = ['d2lmini-ko.js']
html_favicon = '_static/favicon.svg'
html_context = {'default_mode': 'auto'}
templates_path = ['_templates']
html_copy_source = True          # 노트북 원본(.ipynb)을 _sources/에 그대로 둡니다(받기 링크)
html_sourcelink_suffix = ''
html_last_updated_fmt = None
html_use_index = False           # 용어 색인은 비어 있으므로 만들지 않습니다(검색이 대신)
html_search_language = 'ko'         # korean_search.py: 조사를 떼어 색인하고 찾습니다
html_theme_options = {
    'repository_url': REPO,
    'repository_branch': BRANCH,
    'path_to_docs': 'notebooks',
    'use_repository_button': True,
    'use_download_button': True,
    'use_fullscreen_button': False,
    'home_page_in_toc': True,
    'show_toc_level': 2,
    'toc_title': '이 페이지의 차례',
    'search_bar_text': '검색…',
    'navbar_persistent': [],       # 검색 칸은 왼쪽 차례 위에 하나만
    # 지은이 줄은 빼고 저작권 줄만: 테마의 한국어 번역이 "By d2lmini"를 "으로 d2lmini"로 옮깁니다.
    'footer_content_items': ['copyright.html'],
    # Colab 링크는 테마의 실행 단추 대신 페이지 위의 링크 줄(_templates/layout.html)이 줍니다.
}


def notebook_links(app, pagename, templatename, context, doctree):
    """노트북 페이지마다: Colab에서 열기, 노트북 파일(.ipynb) 받기, GitHub에서 보기."""
    source = context.get('page_source_suffix')
    if source != '.ipynb':
        return
    notebook = pagename            # 01_lenet, solutions/01_lenet …
    context['d2lmini_links'] = {
        'colab': colab_url(REPO, notebook),
        'ipynb': context['pathto'](f'_sources/{pagename}.ipynb', 1),
        'github': f'{REPO}/blob/{BRANCH}/notebooks/{notebook}.ipynb',
        'name': f'{Path(pagename).name}.ipynb',
    }


def drop_colab_badge(app, doctree, docname):
    """노트북 맨 위의 Colab 배지 문단을 뺍니다.

    배지 그림은 colab.research.google.com에서 읽으므로 인터넷 없이 열면 깨진 그림이 되고, 같은 링크는
    페이지 위의 링크 줄(``_templates/layout.html``)이 모든 노트북 페이지에 줍니다.
    """
    from docutils import nodes
    for image in list(doctree.findall(nodes.image)):
        if not image.get('uri', '').startswith('https://colab.research.google.com/assets/'):
            continue
        paragraph = image.parent
        while paragraph is not None and not isinstance(paragraph, nodes.paragraph):
            paragraph = paragraph.parent
        if paragraph is not None and paragraph.astext().strip() == image.get('alt', '').strip():
            paragraph.parent.remove(paragraph)
        else:
            image.parent.remove(image)


def copy_mathjax(app, exception):
    if exception is not None or app.builder.format != 'html':
        return
    source = Path(metadata.distribution(MATHJAX_DIST).locate_file(
        'sphinx-mathjax-offline/static/mathjax'))
    target = Path(app.outdir) / '_static' / 'mathjax'
    for name in MATHJAX_FILES:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name, dirs_exist_ok=True)
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, target / name)


def setup(app):
    app.add_search_language(SearchKorean)
    app.connect('html-page-context', notebook_links)
    app.connect('doctree-resolved', drop_colab_badge)
    app.connect('build-finished', copy_mathjax)
