def append(x, acc=[]):
    acc.append(x)
    return acc
print(append(1), append(2), append(3, []))
def f(a, b=[1], *, c={"k": 1}):
    pass
print(f.__defaults__, f.__kwdefaults__)
def g(x=len("abc")):
    return x
print(g(), g.__defaults__)
def h(): pass
print(h.__defaults__, h.__kwdefaults__)
f.__defaults__ = ([9],)
print(f.__defaults__)
