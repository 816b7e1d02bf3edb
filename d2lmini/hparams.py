"""하이퍼파라미터 기록: 생성자 인자를 한 줄로 속성에 저장합니다.

책은 ``self.save_hyperparameters()`` 한 줄로 ``__init__``의 인자를 모두 속성으로
만듭니다.  d2lmini도 같지만, **인자만** 저장하고(생성자 안에서 먼저 만든 지역 변수는
저장하지 않음) 하위 클래스에서 다시 부르면 부모가 저장한 것에 **더합니다**.
"""
import inspect


def add_to_class(Class):
    """데코레이터로 꾸민 함수를 ``Class``의 메서드로 붙입니다.

    책은 긴 클래스를 여러 노트북 셀에 나눠 쓸 때 이것을 씁니다::

        @d2l.add_to_class(GoogleNet)
        def b2(self): ...
    """
    def register(method):
        setattr(Class, method.__name__, method)
        return method
    return register


class HyperParameters:
    """``save_hyperparameters``를 주는 믹스인(mixin) 클래스."""

    def save_hyperparameters(self, ignore=()):
        """이 메서드를 부른 ``__init__``의 인자를 ``self.hparams``와 속성으로 저장합니다.

        ``ignore``에 적은 인자는 빼고, 밑줄(_)로 시작하는 인자도 건너뜁니다.
        """
        frame = inspect.currentframe().f_back
        try:
            if frame.f_code.co_name != '__init__':
                raise RuntimeError(
                    f'save_hyperparameters()를 {frame.f_code.co_name}에서 불렀습니다: 이 메서드는 '
                    '생성자의 인자를 저장하므로 __init__ 안에서만 부르세요.')
            arg_info = inspect.getargvalues(frame)
            names = list(arg_info.args[1:])  # self는 빼고
            if arg_info.varargs:
                names.append(arg_info.varargs)
            if arg_info.keywords:
                names.append(arg_info.keywords)
            values = {name: arg_info.locals[name] for name in names
                      if name not in set(ignore) and not name.startswith('_')}
        finally:
            del frame  # 프레임이 만드는 참조 순환을 끊습니다
        hparams = dict(getattr(self, 'hparams', {}))
        hparams.update(values)
        # nn.Module의 등록 로직을 거치지 않도록 평범한 dict는 object 쪽으로 넣습니다.
        object.__setattr__(self, 'hparams', hparams)
        for name, value in values.items():
            setattr(self, name, value)
