"""d2lmini: 『Dive into Deep Learning』 현대 합성곱 신경망 장을 위한 작은 도우미 패키지.

책의 코드에서 ``from d2l import torch as d2l``을 ``import d2lmini as d2l``로
바꾸기만 하면 그대로 돌아갑니다.
"""
import pandas as _pandas

from .analysis import (classification_report, confusion_matrix, count_flops, most_confused,
                       num_params, plot_confusion_matrix, predict, show_misclassified)
from .board import ProgressBoard
from .blocks import LeNet, ResNeXtBlock, Residual
from .book import *  # 책의 프레임워크 별칭: d2l.randn, d2l.reshape, … (book.__all__)
from .datamodule import DataModule
from .draw import draw, plot_add_vs_concat, plot_function_classes, plot_one_cycle
from .fonts import label, use_korean_font
from .history import History
from .hparams import HyperParameters, add_to_class
from .init import init_cnn, init_he, initializer
from .interactive import interact
from .module import Classifier, Module
from .models import (AlexNet, AnyNet, BatchNorm, BNLeNet, BNLeNetScratch, DenseBlock, DenseNet,
                     GoogleNet, Inception, NarrowGoogleNet, NarrowNiN, NiN, RegNetX32, ResNet,
                     ResNet18, SlimVGG, VGG, batch_norm, conv_block, nin_block, transition_block,
                     vgg_block)
from .notebook import enable_figure_display
from .profiles import profile, profile_settings
from .recipe import BOOK_RECIPE, CPU_RECIPE, Recipe
from .data import augment_batch
from .plots import label_points
from .results import record_run
from .runs import (ABLATION_PREFIX, compare_runs, load_results, pareto_front, recipe_name,
                   reference_results, results_with_reference, run_tag, same_budget,
                   settings_summary)
from .torchutil import choose_device, cpu, gpu, num_gpus
from .trainer import Trainer, seed_everything

from .data import FashionMNIST

enable_figure_display()
use_korean_font()   # 그래프의 한글이 네모로 보이지 않도록 (글꼴이 없으면 영어로)

# 표의 글자 표현에서 한글을 두 칸으로 세어 열을 맞춥니다 (GitHub처럼 HTML이 없는 곳에서도).
_pandas.set_option('display.unicode.east_asian_width', True)

__version__ = '0.1.0'
