# shared
class C:
    k = 1
    f = lambda self, d=k: d + k
