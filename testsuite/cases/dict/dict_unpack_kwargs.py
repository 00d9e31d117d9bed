def f(**kw): return kw
print(f(**{"a": 1}, b=2), {**{"a": 1}, **{"a": 2}})
try:
    f(**{"a": 1}, a=2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(**{1: 2})
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(**[1])
except TypeError as e:
    print(type(e).__name__, e)
