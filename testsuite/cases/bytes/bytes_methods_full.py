# bytes and bytearray share one method set; bytearray methods return bytearrays.
b, ba = b"Hello, World", bytearray(b"Hello, World")
for x in [b, ba]:
    print(type(x.upper()).__name__, x.lower(), x.swapcase(), x.title(), x.split(b", "), x.partition(b"o"), x.rpartition(b"o"))
    print(x.find(b"o"), x.find(111), x.rfind(b"o", 0, 6), x.count(b"l"), x.index(87), x.rindex(b"l"), x.startswith((b"x", b"He")))
    print(x.replace(b"l", b"L", 1), x.center(16, b"*"), x.ljust(14, b"."), x.rjust(14), x.strip(b"Hd"), x.hex(" ", -4))
print(b"a,b,,c".split(b",", 2), b" a  b ".split(), b" a  b ".rsplit(maxsplit=1), b"a\r\nb\rc\n".splitlines(keepends=True))
print(b"ab\tc".expandtabs(), b"-5".zfill(4), b"abc".translate(None), bytearray(b"abc").translate(bytes.maketrans(b"abc", b"xyz"), b"y"))
print(bytes.fromhex("de ad be ef"), bytearray.fromhex("00ff"), b"\x00\xff".hex(), b"abcdef".hex(b"|", 2), bytes.fromhex(" 41 42 "))
print(b"%s=%d (%5.1f) %r %c%c %x %o %-4b|" % (b"k", 42, 2.5, b"r", 65, b"B", 255, 8, b"z"), b"%(a)s" % {b"a": b"mapped"})
print(bytearray(b"%s") % b"x", b"%%" % ())
for bad in [lambda: b"%d" % b"x", lambda: b"%s %s" % (b"a",), lambda: b"%s" % (b"a", b"b"), lambda: b"%c" % 300, lambda: b"%y" % 1]:
    try:
        print(bad())
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
a = bytearray(b"0123456789")
a[::2] = b"abcde"
del a[1:3]
a[0:0] = [120, 121]
a.extend(range(65, 68))
a.insert(-1, 33)
a *= 2
print(a, a.pop(3), a.pop(), len(a), a.count(b"a"), a.find(b"!"), 120 in a, b"yb" in a)
a.reverse()
print(a, a.copy() == a, a.copy() is a, a.rstrip(b"xy"))
a[2:5] = bytearray(b"")
a[-1] = 0x41
print(a, a[::-1], a[-3:], bytes(a[:4]), a.removeprefix(b"A!"), a.isascii())
for bad in [lambda: a.extend(["x"]), lambda: a.__setitem__(slice(0, 2), 5), lambda: a.insert(0, -1), lambda: a[100],
            lambda: a.__delitem__(100), lambda: bytearray(b"ab").remove(ord("z")), lambda: hash(a), lambda: bytearray(1, "x")]:
    try:
        print(bad())
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__, e)
print(b"abc" < bytearray(b"abd"), bytearray(b"b") >= b"b", b"abc" == bytearray(b"abc"), hash(b"ab") == hash(b"a" + b"b"))
print(bytearray(b"xy") + b"z", b"z" + bytearray(b"xy"), bytearray(b"ab") * 2, 2 * b"ab", list(reversed(bytearray(b"abc"))))
m = memoryview(b"abcdefgh")
print(m[2:6].tobytes(), m[::3].tolist(), m[::-1].tobytes(), m.cast("H").tolist() == list(memoryview(b"abcdefgh").cast("H")), m.hex(":"))
print(m.cast("B", [2, 4]).tolist(), m.cast("c")[1], m.toreadonly().readonly, bytes(m[-2:]), len(m[1:-1]))
