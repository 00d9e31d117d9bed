class NonData:
    def __get__(self, obj, typ=None): return "nondata"
class Data:
    def __get__(self, obj, typ=None): return "data"
    def __set__(self, obj, v): print("Data.__set__", v)
class C:
    nd = NonData()
    d = Data()
c = C()
print(c.nd, c.d)
c.__dict__["nd"] = "instance wins"
c.__dict__["d"] = "instance loses"
print(c.nd, c.d)
c.d = 5
print(c.__dict__)
print(C.nd, C.d)
