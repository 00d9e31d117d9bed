print(int.from_bytes(b"\x00\x10", "big"), (16).to_bytes(2, "big"), bytes([0x41]) * 3)
print(int(b"42"), float(b"2.5"), int(bytearray(b"7")), int(b"ff", 16))
import struct
print(struct.pack("<I", 1), struct.pack(">hH", -2, 2), struct.unpack("<i", b"\xff\xff\xff\xff"), struct.calcsize("<iqd"))
print(struct.pack("3s?", b"abcd", True), struct.unpack(">f", struct.pack(">f", 1.5)))
