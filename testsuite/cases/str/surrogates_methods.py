# str methods and formatting keep lone surrogates where CPython does.
s = "ab\ud800cd\udc80ef"
print(ascii(s.upper()), ascii(s.lower()), ascii(s.title()), ascii(s.swapcase()), ascii(s.casefold()))
print(ascii(s.split("\ud800")), ascii(s.rsplit("d", 1)), ascii(s.partition("cd")), ascii(s.rpartition("\udc80")))
print(ascii(s.replace("cd", "\udfff")), ascii(s.replace("\ud800", "-")), ascii("a-b".replace("-", "\ud800")))
print(ascii(s.strip("abf\udc80e")), ascii(("\ud800 x \ud800").strip("\ud800")), ascii(" \udc80 ".strip()))
print(ascii(s.center(12, "*")), ascii("x".center(5, "\ud800")), ascii(s.ljust(9)), ascii(s.rjust(9, "\udfff")))
print(s.find("\udc80"), s.rfind("\ud800"), s.index("c"), s.count("\ud800"), s.startswith("ab\ud800"), s.endswith("\udc80ef"))
print(ascii(s.splitlines()), ascii("x\ud800\ny".splitlines(True)), ascii(s.zfill(10)), ascii("\ud800\tx".expandtabs(4)))
print(ascii(s.removeprefix("ab")), ascii(s.removesuffix("\udc80ef")), ascii(s.translate({ord("a"): "A"})))
x = "\udcff"
print(ascii("%s|%r|%5s|%-3s|%c" % ("\ud800", "\udc80", "\ud801", x, x)), ascii("\ud800%s" % 1))
print(ascii("{}-{!r}-{:>4}-{x}".format("\ud800", "\udc80", "\udfff", x="\ud801")), ascii("{0}\ud800".format(2)))
print(ascii("{a}".format_map({"a": "\udc00"})), ascii(format(x, "^5")), ascii(format(x)), ascii(str.format("\ud800")))
n = 7
print(ascii(f"{x}"), ascii(f"<{x:>3}>"), ascii(f"{x!r}"), ascii(f"\ud800{n}\udc00"), ascii(rf"\ud800{n}"))
print(ascii("a" f"\ud800{n}" "\udbff"), ascii(f"{n:\u00e9>4}\ufffd"))
print(ascii(list("a\ud800b")), ascii(sorted("\udc00\ud800a")), ascii(tuple("\udfff")))
match "\ud800":
    case "\ufffd":
        print("replacement")
    case "\ud800":
        print("surrogate")
match {"\udc80": 1}:
    case {"\udc80": v}:
        print("mapping", v)
print(ascii({"\ud800", "a"} & {"\ud800"}), "\ud800" in {"\ud800", "b"}, "\udfff" in ("\ud800", "b"))
class S(str):
    pass
u = S("\ud800x")
print(type(u).__name__, ascii(u), len(u), u == "\ud800x", ascii(str(u)), ascii(u + "\udc00"), ascii(u[0]))
for conv in (int, float, complex):
    try:
        conv("1\ud800")
    except ValueError as e:
        print(conv.__name__, ascii(str(e)))
print(ascii("%c" % 0xd800), ascii(format(0xdfff, "c")), ascii(f"{0xdc80:>3c}"), ascii("{:c}".format(0xd801)))
print("\ud800".__str__() == "\ud800", ascii(str.__str__("\udc80")))
