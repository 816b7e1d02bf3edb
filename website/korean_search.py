"""사이트 검색의 한국어 단어 나누기 (Sphinx 검색 언어 ``ko``).

Sphinx에는 한국어 검색 규칙이 없어 영어 규칙으로 색인하면 ``ResNet은``, ``잔차를``처럼 조사가 붙은
어절이 통째로 한 단어가 되고, ``ResNet``이나 ``잔차``로 찾으면 그 쪽을 놓칩니다. 그래서 색인과
검색어에 같은 규칙을 씁니다: 한글과 그 밖의 글자(영문·숫자) 사이에서 나누고, 한글 어절 끝의 흔한
조사와 어미를 하나 떼어 냅니다. 떼어 낸 조사만 남은 토막은 색인하지 않습니다.
"""
import json
import re

from sphinx.search import SearchLanguage

# 길이가 긴 것부터 봅니다(``에서는``을 ``는``보다 먼저).
PARTICLES = sorted({
    '에서는', '에서도', '으로는', '으로도', '이라는', '이라고', '입니다', '습니다', '합니다', '에게서',
    '으로', '에서', '에게', '까지', '부터', '처럼', '보다', '마다', '이나', '라는', '이다', '이고',
    '와', '과', '은', '는', '이', '가', '을', '를', '의', '에', '로', '도', '만', '나',
}, key=len, reverse=True)
HANGUL = '\uac00-\ud7a3'
_TOKEN = re.compile(rf'[{HANGUL}]+|[^\W{HANGUL}]+')


def strip_particle(word):
    """한글 어절 끝의 조사·어미 하나를 뗍니다(남는 글자가 없으면 그대로)."""
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) > len(particle):
            return word[:-len(particle)]
    return word


def split(text):
    words = []
    for token in _TOKEN.findall(text):
        if re.match(f'[{HANGUL}]', token):
            token = strip_particle(token)
        words.append(token)
    return words


# 브라우저의 검색어도 같은 규칙으로 나눕니다(Sphinx의 searchtools.js가 splitQuery를 부릅니다).
JS_SPLITTER = """
const D2LMINI_PARTICLES = %s;
var splitQuery = (query) => {
  const words = [];
  for (const token of query.match(/[\\uac00-\\ud7a3]+|(?:(?![\\uac00-\\ud7a3])[\\p{L}\\p{N}_])+/gu) || []) {
    let word = token;
    if (/^[\\uac00-\\ud7a3]/.test(word)) {
      const particle = D2LMINI_PARTICLES.find((p) => word.endsWith(p) && word.length > p.length);
      if (particle) word = word.slice(0, -particle.length);
    }
    words.push(word);
  }
  return words;
};
""" % json.dumps(PARTICLES, ensure_ascii=False)


class SearchKorean(SearchLanguage):
    lang = 'ko'
    language_name = 'Korean'
    js_splitter_code = JS_SPLITTER
    # 조사가 홀로 남은 토막(예: ``ResNet은``의 ``은``)은 색인하지 않습니다.
    stopwords = frozenset(PARTICLES)

    def split(self, input):
        return split(input)

    def stem(self, word):
        return word.lower()
