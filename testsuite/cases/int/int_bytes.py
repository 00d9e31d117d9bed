print((1024).to_bytes(2, "big"), (1024).to_bytes(2, "little"), (1).to_bytes())
print((-1).to_bytes(2, "big", signed=True), (-129).to_bytes(2, "little", signed=True))
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\x01\x00", "little"))
print(int.from_bytes(b"\xff\xff", "big", signed=True), int.from_bytes([1, 2, 3], "big"))
print(int.from_bytes(b""), (2 ** 70).to_bytes(9, "big"))
for call in [lambda: (256).to_bytes(1, "big"), lambda: (-1).to_bytes(1, "big"),
             lambda: (1).to_bytes(1, "middle")]:
    try:
        print(call())
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
