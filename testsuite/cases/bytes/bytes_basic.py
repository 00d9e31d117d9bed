b = b"hello"
print(b, len(b), b[0], b[-1], b[1:3], b[::-1], list(b[:2]), b + b"!", b * 2, b"l" in b, 104 in b)
print(bytes(3), bytes([65, 66]), bytes(range(3)), bytes("é", "utf-8"), bytes(b"x"), bytes(), bytes(bytearray(b"ba")))
print(repr(b"\x00\n\t'\"\\\x7f\x80\xff"), repr(b"'"), repr(b"\"'"))
for bad in [lambda: bytes([256]), lambda: bytes([-1]), lambda: bytes("x"), lambda: bytes(-1), lambda: bytes(1.5), lambda: b"a" + "b"]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
