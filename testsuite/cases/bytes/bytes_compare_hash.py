print(b"a" < b"b", b"ab" < b"abc", b"" == b"", b"a" == bytearray(b"a"), bytearray(b"b") > b"a")
print(b"a" == "a", hash(b"abc") == hash(b"abc"), sorted([b"b", b"A", b"a"]))
try:
    b"a" < "a"
except TypeError as e:
    print(type(e).__name__, e)
print(bytes(5) == b"\x00" * 5, b"abc"[1:] == b"bc", list(b"\x01\x02"))
