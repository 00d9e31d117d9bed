def f(a: int, b: "str" = "x") -> list:
    return [a, b]
print(f.__annotations__)
def g(x): pass
print(g.__annotations__)
