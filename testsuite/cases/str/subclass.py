class Upper(str):
    def shout(self):
        return self.upper() + "!"
u = Upper("hi")
print(u, repr(u), u.shout(), type(u).__name__, type(u + "x").__name__, type(u.upper()).__name__, u == "hi")
class Tagged(str):
    def __new__(cls, v, tag):
        o = super().__new__(cls, v)
        o.tag = tag
        return o
t = Tagged("val", "T")
print(t, t.tag, len(t), t[0], str(t) == "val", type(str(t)).__name__)
