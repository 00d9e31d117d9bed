print(b"%d-%s" % (1, b"x"), b"%5s|" % b"ab", b"%x" % 255, b"%c" % b"A", b"%a" % "é", b"%%")
try:
    b"%s" % "str"
except TypeError as e:
    print(type(e).__name__, e)
print(str(b"x"), repr(bytearray(b"y")), f"{b'z'}", format(b"q", ""), "%s" % b"w")
