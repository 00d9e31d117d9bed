s = "ab" * 10 ** 6
print(len(s), s[10 ** 6: 10 ** 6 + 4], s.count("ba"), s[::-1][:4])
l = list(range(10 ** 6))
print(l[::10 ** 5], sum(l[::2]), len(l[-10 ** 12:]), l[10 ** 12:])
b = bytearray(10 ** 6)
b[::2] = b"\x01" * (10 ** 6 // 2)
print(sum(b), len(bytes(b)))
