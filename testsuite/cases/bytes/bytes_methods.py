b = b"  Hello World  "
print(b.strip(), b.lstrip(), b.rstrip(), b.upper(), b.lower(), b.swapcase(), b.title(), b.strip().capitalize())
print(b.split(), b"a,b,,c".split(b","), b"a b c".rsplit(None, 1), b"x\ny\r\n".splitlines(), b"a.b".partition(b"."))
print(b.find(b"o"), b.rfind(b"o"), b.count(b"l"), b.index(b"W"), b.replace(b"l", b"L", 2), b.startswith(b"  H"), b.endswith((b"x", b"  ")))
print(b"abc".center(9, b"*"), b"7".zfill(3), b"-".join([b"a", b"b"]), b"ab".ljust(4, b"."), b"ab".rjust(4))
print(b"abc".isalpha(), b"123".isdigit(), b"a1".isalnum(), b" ".isspace(), b"Ab".istitle(), b"ab".islower(), b"AB".isupper(), b"\x80".isascii())
print(b"hello".hex(), b"hello".hex(":"), b"hello".hex("-", 2), bytes.fromhex("68 65 6c"), bytes.fromhex("FF00"))
print(b"a\tb".expandtabs(4), b"abc".translate(None, b"b"), b"abc".translate(bytes.maketrans(b"a", b"z")), b"xyx".removeprefix(b"x"), b"xyx".removesuffix(b"x"))
try:
    bytes.fromhex("zz")
except ValueError as e:
    print(type(e).__name__, e)
print(b"caf\xc3\xa9".decode(), b"abc".decode("ascii"), b"\xff".decode("latin-1"))
