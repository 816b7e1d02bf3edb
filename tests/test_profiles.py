"""Run profiles (book, cpu, smoke): choosing one, profile_settings, smoke caps, initializers."""
import pytest

import d2lmini as d2l


def test_environment_variable_wins(monkeypatch):
    monkeypatch.setenv('D2LMINI_PROFILE', 'smoke')
    assert d2l.profile() == 'smoke'
    monkeypatch.setenv('D2LMINI_PROFILE', 'BOOK ')
    assert d2l.profile() == 'book'


def test_automatic_choice_follows_the_hardware(monkeypatch):
    monkeypatch.delenv('D2LMINI_PROFILE')
    monkeypatch.setattr(d2l.profiles, 'has_accelerator', lambda: False)
    assert d2l.profile() == 'cpu'
    monkeypatch.setattr(d2l.profiles, 'has_accelerator', lambda: True)
    assert d2l.profile() == 'book'


def test_unknown_profile_is_a_clear_error(monkeypatch):
    monkeypatch.setenv('D2LMINI_PROFILE', 'fast')
    with pytest.raises(ValueError, match="'fast'.*book, cpu, smoke"):
        d2l.profile()


def test_profile_settings_picks_the_active_profile_and_says_why(monkeypatch, capsys):
    monkeypatch.setenv('D2LMINI_PROFILE', 'cpu')
    cfg = d2l.profile_settings(book=dict(lr=0.1, resize=224), cpu=dict(lr=0.05, resize=32),
                               smoke=dict(lr=0.05, resize=16))
    assert (cfg.profile, cfg.lr, cfg.resize) == ('cpu', 0.05, 32)
    out = capsys.readouterr().out
    assert '실행 프로필: cpu' in out and 'D2LMINI_PROFILE' in out and 'resize=32' in out


def test_profile_settings_says_what_differs_from_the_book(monkeypatch, capsys):
    """The cpu line no longer calls a setting 'reduced' when it equals the book's (01's LeNet)."""
    monkeypatch.delenv('D2LMINI_PROFILE')
    monkeypatch.setattr(d2l.profiles, 'has_accelerator', lambda: False)
    d2l.profile_settings(book=dict(lr=0.1, max_epochs=10), cpu=dict(lr=0.1, max_epochs=10),
                         smoke=dict(lr=0.1, max_epochs=1))
    out = capsys.readouterr().out
    assert '줄인' not in out and 'book 프로필(GPU)에서도 같은 값' in out
    d2l.profile_settings(book=dict(lr=0.1, max_epochs=10, resize=224), cpu=dict(lr=0.1, max_epochs=8, resize=224),
                         smoke=dict(lr=0.1, max_epochs=1, resize=28))
    assert '책과 다른 값: max_epochs(책: 10)' in capsys.readouterr().out
    monkeypatch.setattr(d2l.profiles, 'has_accelerator', lambda: True)
    d2l.profile_settings(book=dict(lr=0.1), cpu=dict(lr=0.2), smoke=dict(lr=0.3))
    assert '책' not in capsys.readouterr().out.split('\n', 1)[1]


def test_profile_settings_needs_all_three_profiles():
    with pytest.raises(ValueError, match='smoke'):
        d2l.profile_settings(book={}, cpu={})


def test_smoke_profile_caps_epochs_with_notice(monkeypatch, capsys):
    monkeypatch.setenv('D2LMINI_PROFILE', 'smoke')
    trainer = d2l.Trainer(max_epochs=10)
    assert trainer.max_epochs == 1
    assert '에폭 수를 1로' in capsys.readouterr().out
    monkeypatch.setenv('D2LMINI_PROFILE', 'cpu')
    assert d2l.Trainer(max_epochs=10).max_epochs == 10


def test_smoke_notices_are_printed_once_per_process(monkeypatch, capsys):
    """A notebook cell that builds a dozen trainers and data modules says it once."""
    monkeypatch.setenv('D2LMINI_PROFILE', 'smoke')
    for _ in range(12):
        assert d2l.Trainer(max_epochs=5, progress=False).max_epochs == 1
        assert len(d2l.FashionMNIST(source='synthetic').train) == 256
    out = capsys.readouterr().out
    assert out.count('에폭 수를') == 1
    assert out.count('예제만 씁니다') == 1


def test_initializer_by_name():
    assert d2l.initializer('xavier') is d2l.init_cnn
    assert d2l.initializer('he') is d2l.init_he
    assert d2l.initializer('default') is None
    with pytest.raises(ValueError, match="'xavier', 'he', 'default'"):
        d2l.initializer('kaiming')
