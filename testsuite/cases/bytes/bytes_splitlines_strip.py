print(b"a\x0bb\x0cc\x1cd".splitlines(), b"x\ry\n".splitlines(keepends=True))
print(b"\t a \x0b\x0c".strip(), b"xxaxx".strip(b"x"), b"a b".split(b" ", 0), b"  ".split())
print(b"abc".split(maxsplit=0), b"a  b".split(b" "), b"1,2,3".rsplit(b",", maxsplit=1))
