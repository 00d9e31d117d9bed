for v in ["abc", "é", "日本", "\U0001F600", "\n", b"\xff", ["é", 1], {"ü": "ß"}, 1.5, None]:
    print(ascii(v), repr(v))
class C:
    def __repr__(self): return "Ç-repr"
print(ascii(C()), repr(C()))
