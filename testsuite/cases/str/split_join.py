print("a,b,,c".split(","), "a,b,,c".split(",", 1), "  a  b  c ".split(), "a b c".split(None, 1))
print("a,b,c".rsplit(",", 1), "  a  b  ".rsplit(None, 1), "".split(), "".split(","), "abc".split("abc"))
print("line1\nline2\r\nline3\rline4\x0bx\x1cy\u2028z".splitlines())
print("a\nb\n".splitlines(True), "".splitlines(), "\n".splitlines())
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"), "ab".join("123"))
try:
    ",".join(["a", 1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    "a".split("")
except ValueError as e:
    print(type(e).__name__, e)
print("a.b.c".partition("."), "a.b.c".rpartition("."), "abc".partition("x"), "abc".rpartition("x"))
try:
    "a".partition("")
except ValueError as e:
    print(type(e).__name__, e)
