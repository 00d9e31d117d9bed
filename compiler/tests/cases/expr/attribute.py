x = a.b
y = a.b.c.d
a.b = 1
a.b.c = x
del a.b
