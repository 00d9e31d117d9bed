s = "  \t hello \n "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixx".strip("x"), "abcba".strip("ab"), "www.example.com".lstrip("cmowz."), "mississippi".rstrip("ips"))
print(repr("hi".center(7)), repr("hi".center(8, "*")), repr("hi".ljust(5, "-")), repr("hi".rjust(5)), repr("hi".center(1)))
print("42".zfill(5), "-42".zfill(5), "+42".zfill(2), "abc".zfill(6), "".zfill(3))
print("prefix_body".removeprefix("prefix_"), "body.py".removesuffix(".py"), "x".removeprefix("y"))
try:
    "x".center(5, "ab")
except TypeError as e:
    print(type(e).__name__, e)
print(repr("\u3000 x \u00a0".strip()))
