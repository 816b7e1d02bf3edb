"""README 의 결과 표(`<!-- results:start -->` … `<!-- results:end -->`)를 기록된 결과로 다시 씁니다.

    python scripts/results_table.py            # README.md 를 notebooks/results/cpu/*.json 으로
    python scripts/results_table.py --check    # 다르면 실패(고치지 않음)
"""
import sys

from d2lmini.results import main

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
