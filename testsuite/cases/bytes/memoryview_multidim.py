m = memoryview(bytearray(range(12))).cast("B", (3, 4))
print(m.shape, m.strides, m.ndim, m.tolist(), m[1, 2])
m[2, 3] = 99
print(m.tolist()[2], m.cast("B").tolist()[-1], m.c_contiguous, m.contiguous)
h = memoryview(b"\x01\x00\x02\x00").cast("H")
print(h.tolist(), h[1], h.nbytes)
