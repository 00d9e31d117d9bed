class C:
    def m(self, x): return (type(self).__name__, x)
c = C()
bm = c.m
print(bm(1), bm.__self__ is c, bm.__func__ is C.m, C.m(c, 2), type(bm).__name__)
print(c.m == c.m, c.m is c.m, C.m is C.m)
f = C.m
print(f(c, 3))
c.m = lambda x: ("instance attr", x)
print(c.m(4))
print(len.__self__.__name__, [].append.__self__ == [], type(len).__name__, type([].append).__name__)
