"""save_hyperparameters keeps exactly the constructor's arguments; add_to_class attaches methods."""
import pytest

import d2lmini as d2l


class Parent(d2l.HyperParameters):
    def __init__(self, a, b=2):
        self.save_hyperparameters()


class Child(Parent):
    def __init__(self, c, a=1):
        super().__init__(a)
        helper = c * 10  # a local variable: must not be saved
        self.save_hyperparameters()
        self.helper = helper


def test_saves_only_constructor_arguments():
    obj = Child(c=3)
    assert obj.hparams == {'a': 1, 'b': 2, 'c': 3}
    assert (obj.a, obj.b, obj.c) == (1, 2, 3)


def test_subclass_call_merges_instead_of_erasing():
    obj = Child(c=5, a=7)
    assert obj.hparams['b'] == 2 and obj.hparams['a'] == 7 and obj.hparams['c'] == 5


def test_ignore_leaves_argument_out():
    class Holder(d2l.HyperParameters):
        def __init__(self, keep, skip):
            self.save_hyperparameters(ignore=['skip'])

    obj = Holder(1, 2)
    assert obj.hparams == {'keep': 1}
    assert not hasattr(obj, 'skip')


def test_module_hparams_merge_with_module_defaults():
    class Net(d2l.Classifier):
        def __init__(self, lr=0.3):
            super().__init__()
            self.save_hyperparameters()

    assert Net().hparams == {'plot_train_per_epoch': 2, 'plot_valid_per_epoch': 1, 'lr': 0.3}


# --- save_hyperparameters called outside __init__ ------------------------------------------

def test_save_hyperparameters_outside_init_is_refused():
    class Model(d2l.HyperParameters):
        def __init__(self, lr=0.1):
            self.save_hyperparameters()

        def reset(self, lr=5):
            self.save_hyperparameters()

    model = Model()
    with pytest.raises(RuntimeError, match='__init__'):
        model.reset()
    assert model.lr == 0.1


def test_add_to_class_attaches_method():
    class Box:
        pass

    @d2l.add_to_class(Box)
    def double(self, x):
        return 2 * x

    assert Box().double(4) == 8
