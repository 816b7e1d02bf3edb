# d2lmini — 설정과 실행을 한곳에.  README의 두 명령: `make lab`과 `make test`.
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
NB      ?=
# NB는 노트북을 번호로 고릅니다: NB=1은 01 노트북(한 자리 번호는 앞에 0을 붙여 찾음), NB=0은 01~09 전부,
# NB=10은 10, NB="3 7"은 03과 07.  고른 번호의 풀이(notebooks/solutions/NN_*_solutions)도 함께 고릅니다.
# NB를 쓰는 목표: nbval, colab, execute, sync, book-runs(풀이 빼고), 그리고 그것을 부르는 test·ci.
nb_prefix = $(if $(filter 1 2 3 4 5 6 7 8 9,$1),0$1,$1)
NB_PREFIXES := $(if $(strip $(NB)),$(foreach n,$(NB),$(call nb_prefix,$n)),[0-9][0-9]_)
# $(call pick,폴더): 그 폴더에서 NB로 고른 노트북(.ipynb나 짝 .py 가운데 하나만 있어도), 번호 순.
pick = $(addsuffix .ipynb,$(sort $(basename $(foreach p,$(NB_PREFIXES),$(wildcard $1/$p*.ipynb $1/$p*.py)))))
MAIN_NOTEBOOKS := $(call pick,notebooks)
SOLUTIONS      := $(call pick,notebooks/solutions)
# 본 노트북을 모두, 그다음 풀이: 풀이는 본 노트북이 남긴 기록을 읽을 수 있습니다(NB=07이면 07, 07 풀이 차례).
SELECTED  := $(strip $(MAIN_NOTEBOOKS) $(SOLUTIONS))
# 검사(nbval, colab)는 .ipynb가 있는 것만; execute·sync는 짝 .py만 있는 새 노트북도 만들어 실행합니다.
NOTEBOOKS := $(wildcard $(SELECTED))
# jupytext --sync에 줄 파일: 짝 .py가 있으면 .py, 없으면 .ipynb.
PAIRS     := $(foreach nb,$(SELECTED),$(firstword $(wildcard $(nb:.ipynb=.py) $(nb))))
NB_GOALS  := nbval colab execute sync book-runs test ci
NB_MISSING := $(strip $(foreach n,$(NB),$(if $(wildcard $(foreach d,notebooks notebooks/solutions,$d/$(call nb_prefix,$n)*.ipynb $d/$(call nb_prefix,$n)*.py)),,$n)))
NB_GOAL   := $(firstword $(filter $(NB_GOALS),$(MAKECMDGOALS)))
# 검사(nbval, colab)가 .ipynb 없는 노트북을 말없이 건너뛰지 않게, 짝 .py만 있는 노트북은 먼저 알립니다.
NB_UNPAIRED := $(filter-out $(NOTEBOOKS),$(SELECTED))
ifneq ($(NB_UNPAIRED),)
  ifneq ($(filter nbval colab test ci,$(MAKECMDGOALS)),)
    $(error 짝 .py만 있고 .ipynb가 없는 노트북이 있습니다($(NB_UNPAIRED:.ipynb=.py)): 먼저 make sync$(if $(strip $(NB)), NB=$(if $(word 2,$(NB)),"$(strip $(NB))",$(NB))) 명령으로 .ipynb를 만드세요)
  endif
endif
# 고른 노트북이 없을 때, 또는 NB를 쓰지 않는 목표에 NB를 주었을 때 알리는 한 줄입니다(아무것도 실행하기 전에).
ifneq ($(strip $(NB)),)
  ifneq ($(NB_GOAL),)
    ifneq ($(NB_MISSING),)
      $(error NB=$(NB_MISSING)에 맞는 노트북이 없습니다: make $(NB_GOAL) NB=03처럼 notebooks/의 두 자리 번호를 주세요)
    endif
  else ifeq ($(origin NB),command line)
    $(error make$(if $(MAKECMDGOALS), $(MAKECMDGOALS))에는 노트북을 고르는 NB가 없습니다: NB는 $(filter-out test ci,$(NB_GOALS))에 주세요(예: make nbval NB=$(firstword $(NB))))
  endif
endif

.PHONY: lab setup-lab test unit nbval colab book-check book-runs browser ci execute sync results benchmarks budget book-speed ablation clean
.PHONY: site site-check

# 가상 환경을 만들고 d2lmini와 개발 도구를 설치합니다 (pyproject.toml이 바뀌면 다시).
$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch torchvision
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

## 노트북을 JupyterLab으로 엽니다 (먼저 JupyterLab 설정: 위젯 상태 저장, jupytext 짝, 신뢰).
lab: setup-lab
	$(VENV)/bin/jupyter lab notebooks/

## README의 make 없는 설정 줄과 같은 스크립트입니다.
setup-lab: $(STAMP)
	$(PY) scripts/setup_lab.py

## 단위 테스트 + 노트북 실행 검사(nbval, smoke) + Colab 판 커널 검사 + book 프로필 검사 + 브라우저 검사 + 사이트 검사.
test: unit nbval colab book-check browser site-check

unit: $(STAMP)
	D2LMINI_PROFILE=smoke $(PY) -m pytest -q --ignore=tests/browser --ignore=tests/colab --ignore=tests/book --ignore=tests/site tests

## 모든 노트북을 JupyterLab에서 열고 실행·저장·다시 열기(스크린숏과 요약: build/screenshots/).
## Chromium이 없으면 설치 방법을 알리고 건너뜁니다(.ci/run은 설치해서 돌립니다).
browser: $(STAMP)
	D2LMINI_PROFILE=smoke $(PY) -m pytest -q -s -rs -p no:cacheprovider tests/browser

## 깨끗한 클론에서 CI와 같게: Chromium 설치(없을 때) 후 make test.
ci:
	.ci/run

## 노트북(풀이 포함)을 smoke 프로필로 실행해 저장된 출력과 비교합니다(nbval). NB=07처럼 고를 수 있음.
nbval: $(STAMP)
	D2LMINI_PROFILE=smoke $(PY) -m pytest -q --nbval-lax -p no:cacheprovider $(NOTEBOOKS)

## Colab과 같은 판의 커널(ipywidgets 7.7.1, IPython 7.34, 파이썬 3.12, 오래된 torch: tests/colab/)로
## 모든 노트북(풀이 포함, NB로 고를 수 있음)을 smoke 프로필로 실행합니다.  커널 환경은 .venv-colab에 한 번 만듭니다.
colab: $(STAMP)
	$(PY) scripts/colab_kernel.py
	D2LMINI_PROFILE=smoke $(PY) -m pytest -q --nbval-lax -p no:cacheprovider \
	  --nbval-kernel-name d2lmini-colab $(NOTEBOOKS)
	D2LMINI_PROFILE=smoke $(PY) -m pytest -q -p no:cacheprovider tests/colab

## 노트북을 지금 프로필(기본: GPU 없으면 cpu)로 실행해 출력을 저장합니다. NB=01처럼 고를 수 있음.
## 본 노트북을 먼저, 그다음 그 풀이(notebooks/solutions/)를 실행합니다.
## 실행 전에 먼저 짝을 맞춥니다: .py에서 고친 내용이 .ipynb로 가야 실행 뒤의 --sync가 그것을 덮어쓰지 않습니다.
## 한 노트북이 실패하면 거기서 멈추되, 그 앞에서 실행을 마친 노트북은 위젯 상태를 빼고 짝 .py까지 맞춘 뒤 알립니다.
execute: $(STAMP)
	$(VENV)/bin/jupytext --sync $(PAIRS)
	@ran=""; failed=""; \
	for nb in $(SELECTED); do \
	  echo "$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace $$nb"; \
	  if $(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace \
	      --ExecutePreprocessor.timeout=1800 "$$nb"; then ran="$$ran $$nb"; else failed="$$nb"; break; fi; \
	done; \
	if [ -n "$$ran" ]; then \
	  $(PY) scripts/strip_widget_state.py $$ran && $(VENV)/bin/jupytext --sync $$ran || exit 1; \
	fi; \
	if [ -n "$$failed" ]; then \
	  echo "오류: $$failed 실행이 위의 오류로 멈췄습니다(그 앞의 노트북은 저장됨): 고친 뒤 make execute NB=$$(basename $$failed .ipynb) 명령으로 그 노트북을 다시 실행하세요(뒤의 노트북은 아직 실행하지 않았습니다)." >&2; \
	  exit 1; \
	fi

## book 프로필(책의 해상도와 너비)의 모델을 GPU 없이 확인: 노트북마다 사본을 book + D2LMINI_TINY=1로 실행합니다.
book-check: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider tests/book

## GPU가 있는 컴퓨터에서: 모든 노트북을 book 프로필(책의 설정)로 실행해 notebooks/results/book/ 에
## cpu 결과와 나란히 기록합니다.  저장소의 노트북(cpu 출력)은 그대로 두고 실행한 사본은 build/book/ 에 남깁니다.
## 풀이 노트북은 실행하지 않습니다(훈련 기록을 남기지 않음).  NB=07처럼 고를 수 있음.
book-runs: $(STAMP)
	$(if $(wildcard $(MAIN_NOTEBOOKS)),,$(error NB=$(NB)에 맞는 본 노트북이 없습니다: make book-runs NB=03처럼 notebooks/의 두 자리 번호를 주세요))
	mkdir -p build/book
	for nb in $(wildcard $(MAIN_NOTEBOOKS)); do \
	  D2LMINI_PROFILE=book D2LMINI_RESULTS=$(CURDIR)/notebooks/results \
	    $(VENV)/bin/jupyter nbconvert --to notebook --execute --output-dir build/book \
	    --ExecutePreprocessor.timeout=-1 "$$nb" || exit 1; \
	done

## 저장소의 cpu 실행 기록(notebooks/results/cpu/*.json)으로 README의 결과 표를 다시 씁니다.
results: $(STAMP)
	$(PY) scripts/results_table.py

## .py를 고친 뒤 .ipynb와 짝을 맞춥니다(풀이 포함; NB=07처럼 고를 수 있음).
sync: $(STAMP)
	$(VENV)/bin/jupytext --sync $(PAIRS)

## 만든 것을 지웁니다: build/(사이트, 화면 사진, book 실행 사본)와 파이썬 캐시. .venv와 .venv-colab은 그대로 둡니다.
clean:
	rm -rf build .pytest_cache
	find . -name __pycache__ -type d -not -path './.venv*' -prune -exec rm -rf {} +

## 훈련 레시피의 재료를 하나씩 더한 ResNet 여섯 실행(2코어 CPU에서 약 17분): 10 노트북의 「훈련 레시피」 표.
ablation: $(STAMP)
	$(PY) benchmarks/recipe_ablation.py

benchmarks: $(STAMP)
	$(PY) benchmarks/data_pipeline.py
	$(PY) benchmarks/trainer_overhead.py

## 지금 쓰는 CPU에서 cpu 프로필의 모델마다 훈련 시간을 어림합니다(훈련 150스텝씩 재어 8에폭으로 늘림; 2코어에서 약 5분).
## 예산(모델마다 4분, 시리즈 20분) 옆에 CPU 모델과 고른 계산(float32, bf16, channels_last)을 출력합니다.
## float32와 bf16·channels_last를 나란히: make budget ARGS=--compare
## AMX가 있는 Intel CPU에서 AMX 없는 CPU(AMD Zen 4 등)를 흉내: make budget ARGS=--without-amx
budget: $(STAMP)
	$(PY) benchmarks/budget.py $(ARGS)

## 책의 LeNet 수업을 책의 d2l 패키지와 d2lmini(cpu 프로필)로 한 번씩 실행해 fit 시간을 비교합니다(2코어 CPU에서 약 3분).
## 책의 패키지는 처음 한 번 build/d2l-book/에 의존성 없이 설치합니다(.venv는 그대로).
book-speed: $(STAMP)
	$(PY) benchmarks/book_lenet_vs_d2l.py

# ---- 정적 웹사이트 (make site) ----------------------------------------------------------
SITE_STAMP := $(VENV)/.site-installed

# 사이트 도구(pyproject.toml의 site 묶음)는 처음 make site 때 .venv에 더 설치합니다(make lab의 설치는 그대로).
$(SITE_STAMP): $(STAMP) pyproject.toml
	@$(PY) -c 'import sys; sys.exit("make site에는 파이썬 3.11 이상이 필요합니다(Sphinx 9)." if sys.version_info < (3, 11) else 0)'
	$(PY) -m pip install -q -e '.[site]'
	touch $(SITE_STAMP)

## 노트북을 실행하지 않고 저장된 출력으로 책 같은 정적 웹사이트를 만듭니다: build/site/index.html
site: $(SITE_STAMP)
	$(PY) scripts/build_site.py

## 사이트를 새로 만들고 Chromium으로 모든 페이지를 엽니다(수식, 그림, 링크, 한글 글꼴, 결과 표, 검색).
## 화면 사진은 build/screenshots/site_*.png. Chromium이 없으면 설치 방법을 알리고 건너뜁니다.
site-check: $(SITE_STAMP)
	$(PY) -m pytest -q -s -rs -p no:cacheprovider tests/site
