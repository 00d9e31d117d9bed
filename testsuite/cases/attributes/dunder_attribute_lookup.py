class C:
    def __len__(self): return 5
c = C()
c.__len__ = lambda: 99
print(len(c), c.__len__())
class D:
    pass
d = D()
d.__repr__ = lambda: "instance repr"
print(repr(d).startswith("<__main__.D"), d.__repr__())
