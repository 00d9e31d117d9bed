a = [1]
b = a
c = [1]
print(a is b, a is c, a == c, a is not c)
print(None is None, True is True)
x = ()
print(x == ())
print(type(1) is int, type(True) is bool, isinstance(True, int))
print(id(a) == id(b), id(a) == id(c))
