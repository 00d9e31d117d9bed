print(bytes.fromhex(""), bytearray.fromhex("0a 0b"), bytes(memoryview(b"mv")), bytes((x for x in [1, 2])))
class B:
    def __bytes__(self):
        return b"custom"
print(bytes(B()), bytearray(b"x").zfill(3), bytes.maketrans(b"ab", b"cd")[97:99])
class I:
    def __index__(self): return 3
print(bytes(I()), bytes([I()]), bytearray(I()))
