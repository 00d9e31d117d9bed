ws = [c for c in map(chr, range(0x3000 + 1)) if c.isspace()]
print([hex(ord(c)) for c in ws])
print("a\u2029b\x1dc\x85d".splitlines(), "a\x1fb".split(), "a\u00a0b".split())
