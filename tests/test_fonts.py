"""Korean text in figures: drawn with a Hangul font when one is installed, English otherwise."""
import io
import warnings

import pytest
from matplotlib.figure import Figure

import d2lmini as d2l
from d2lmini import fonts


@pytest.fixture
def no_font(monkeypatch):
    monkeypatch.setitem(fonts._state, 'font', None)
    monkeypatch.setitem(fonts._state, 'checked', True)


def test_without_a_korean_font_labels_are_english_with_one_notice(no_font, capsys):
    assert d2l.label('에폭', 'epoch') == 'epoch'
    assert d2l.label('검증 정확도', 'val acc') == 'val acc'
    assert capsys.readouterr().out.count('한글 글꼴이 없어') == 1


def test_board_legend_follows_the_font(no_font):
    board = d2l.ProgressBoard(live=False)
    board.draw(1, 0.5, 'val_acc')
    assert board.ax.get_xlabel() == 'epoch'
    assert board.ax.get_legend().get_texts()[0].get_text() == 'val acc'


def test_with_a_korean_font_hangul_is_drawn_without_missing_glyphs():
    if fonts.korean_font() is None:
        pytest.skip('no Korean font installed (apt install fonts-noto-cjk)')
    assert d2l.use_korean_font()
    assert d2l.label('에폭', 'epoch') == '에폭'
    figure = Figure()
    axes = figure.add_subplot()
    axes.set_title('검증 정확도와 훈련 손실')
    axes.plot([0, 1], [-1, 1])
    with warnings.catch_warnings():
        warnings.simplefilter('error')   # "Glyph ... missing from font(s)" would be raised here
        figure.savefig(io.BytesIO(), format='png')   # renders every glyph with Agg
