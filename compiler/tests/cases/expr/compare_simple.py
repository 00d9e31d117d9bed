a = x < y
b = x == y
c = x is None
d = x is not None
e = x in y
f = x not in y
g = x != y
h = x >= y
