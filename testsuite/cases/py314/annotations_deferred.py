def f(x: UndefinedName) -> int:
    return x
print("function defined without evaluating annotations")
try:
    f.__annotations__
except NameError as e:
    print(type(e).__name__, e)
UndefinedName = str
print(f.__annotations__)
print(callable(f.__annotate__))
def g(y: int):
    pass
print(g.__annotations__, g.__annotations__ is g.__annotations__)
def h():
    pass
print(h.__annotations__, h.__annotate__)
