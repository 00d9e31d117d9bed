for x in b"AZ":
    print(x, type(x).__name__)
print(list(reversed(b"abc")), [chr(c) for c in bytearray(b"hi")], sum(b"\x01\x02\x03"))
print(dict(enumerate(b"ab")), max(b"azb"), min(bytearray(b"azb")), b"abc".find(98), b"abc".count(99))
