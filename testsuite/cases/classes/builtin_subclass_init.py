class MyList(list):
    def __init__(self, *a):
        super().__init__(*a)
        self.extra = "x"
m = MyList("ab")
print(m, m.extra, len(m), m == ["a", "b"])
class MyDict(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 2)
d = MyDict()
d["a"] = 1
d.update(b=1)
print(d)
class MyInt(int):
    def __new__(cls, v): return super().__new__(cls, v + 1)
print(MyInt(1), MyInt(1) + 1, type(MyInt(1)).__name__)
class E(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
e = E(5)
print(e, e.code, e.args)
