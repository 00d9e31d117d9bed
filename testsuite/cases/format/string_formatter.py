import string
f = string.Formatter()
print(f.format("{0}-{x}", 1, x=2), list(f.parse("a{0!r:>3}b{}")))
print(f.vformat("{a}{0}", ("p",), {"a": "q"}))
