import struct
print(struct.pack("<I", 1), struct.pack(">hH", -2, 2), struct.unpack("<i", b"\xff\xff\xff\xff"), struct.calcsize("<iqd"))
print(struct.pack("3s?", b"abcd", True), struct.unpack(">f", struct.pack(">f", 1.5)), struct.pack("<d", 0.1))
try: struct.pack("<h", 70000)
except struct.error as e: print(e)
print(struct.pack("<e", 0.1), struct.pack("<f", 0.1), struct.unpack("<d", struct.pack("<d", -0.0)), struct.calcsize("@bq"), struct.calcsize("hhi"), struct.calcsize("3xi"))
print(struct.pack("5p", b"hi"), struct.unpack("<2H", b"\x01\x00\x02\x00"), list(struct.iter_unpack("<h", b"\x01\x00\xff\xff")), struct.Struct("<iq").size)
s = struct.Struct(">Q"); print(s.pack(2**64 - 1), s.unpack_from(b"xx" + b"\x00" * 7 + b"\x05", 2))
for f, a in [("<B", 256), ("<I", -1), ("<q", 2**70)]:
    try:
        struct.pack(f, a)
    except struct.error as e:
        print(e)
try:
    struct.unpack("<i", b"ab")
except struct.error as e:
    print(e)
