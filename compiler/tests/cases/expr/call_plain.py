f()
g(1, 2, x)
h(a)(b)
o.m(1)
