def f(a, b): pass
for call in [lambda: f(1, 2, b=3), lambda: f(1, a=1), lambda: f(**{"a": 1, "b": 2, "c": 3}), lambda: f(1, **{"b": 2}, b=3)]:
    try:
        call()
    except TypeError as e:
        print(e)
class K:
    def __init__(self, x): pass
for call in [lambda: K(), lambda: K(1, 2), lambda: K(y=1)]:
    try:
        call()
    except TypeError as e:
        print(e)
