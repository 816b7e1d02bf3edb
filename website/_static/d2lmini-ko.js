// Sphinx의 한국어 번역에서 비어 있는 검색 화면 글자를 채웁니다(비어 있으면 검색을 마친 뒤 찾은 페이지 수가 보이지 않음).
Documentation.addTranslations({
  locale: "ko",
  plural_expr: "0",
  messages: {
    "Search finished, found one page matching the search query.": [
      "검색을 마쳤습니다. 검색어와 맞는 페이지를 ${resultCount}개 찾았습니다.",
    ],
  },
});
