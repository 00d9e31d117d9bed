b = b"abcdef"
m = memoryview(b)
print(m[0], m[-1], bytes(m[1:3]), m.tobytes(), m.tolist(), len(m), m.readonly, m.format, m.itemsize, m.nbytes, m.ndim, m.shape, m.strides)
ba = bytearray(b"hello")
mv = memoryview(ba)
mv[0] = ord("J")
mv[1:3] = b"EE"
print(ba, mv.readonly, bytes(mv[::2]), mv.hex(), mv == b"JEElo", mv.obj is ba)
try:
    m[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    mv[0:2] = b"xyz"
except ValueError as e:
    print(type(e).__name__, e)
mv.release()
try:
    mv[0]
except ValueError as e:
    print(type(e).__name__, e)
with memoryview(b"ctx") as c:
    print(c.tobytes())
ints = memoryview(bytearray(8)).cast("i")
ints[1] = -5
print(ints.tolist(), ints.format, ints.itemsize, len(ints))
