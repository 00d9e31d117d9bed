class S:
    __slots__ = ("a",)
desc = S.__dict__["a"]
s = S()
desc.__set__(s, 10)
print(desc.__get__(s, S), s.a, type(desc).__name__, desc.__name__)
desc.__delete__(s)
try:
    s.a
except AttributeError as e:
    print(type(e).__name__, e)
