ba = bytearray(range(10))
ba[2:5] = b""
print(list(ba))
ba[::3] = bytes([99] * len(ba[::3]))
print(list(ba))
ba[1:1] = b"\x07\x07"
print(list(ba))
try:
    ba[::2] = b"x"
except ValueError as e:
    print(type(e).__name__, e)
ba[-1] = 0
print(ba[-3:], ba[100:], ba[-100:2])
