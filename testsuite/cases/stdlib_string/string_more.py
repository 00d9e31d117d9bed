import string
t = string.Template("$a and ${b}s cost $$$c")
print(t.substitute(a=1, b="apple", c=3), t.safe_substitute({"a": "x"}), t.get_identifiers(), t.is_valid())
try:
    string.Template("bad $").substitute()
except ValueError as e:
    print(e)
f = string.Formatter()
print(f.format("{0[1]}-{x.real}-{y!r:>5}", [1, 2], x=3, y="s"), f.format("{}{}", "a", "b"))
print(list(f.parse("a{{b}}c{0.x!s:^3}")))
print(string.capwords(" the  quick brown "), string.ascii_uppercase[:5], string.octdigits)
