ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
ba[0] = 65
ba[1:3] = b"XYZ"
print(ba, len(ba), ba.pop(), ba.pop(0), ba)
ba.insert(1, 33)
ba.remove(90)
print(ba, ba.index(b"d"), ba.count(b"Y"))
ba.reverse()
print(ba, bytes(ba), ba.copy(), ba * 2, ba + b"!", ba == bytes(ba))
del ba[0]
del ba[::2]
print(ba)
ba += b"++"
print(ba, bytearray(3), bytearray([1, 2]), bytearray("hé", "utf-8"))
for bad in [lambda: ba.__setitem__(0, 256), lambda: ba.append("x"), lambda: ba.remove(200), lambda: bytearray().pop(), lambda: ba.__setitem__(0, b"ab")]:
    try:
        bad()
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__, e)
ba.clear()
print(ba, repr(bytearray(b"\x00'")))
