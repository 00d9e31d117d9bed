for c in ["a", "é", "日", "🐍", "\x00", "\uffff"]:
    print(ord(c), hex(ord(c)), chr(ord(c)) == c, len(c), len(c.encode()))
print(chr(65), chr(0x10FFFF).encode("utf-8"), chr(0x1F600).encode())
for bad in [-1, 0x110000]:
    try:
        chr(bad)
    except ValueError as e:
        print(type(e).__name__, e)
for bad in ["", "ab"]:
    try:
        ord(bad)
    except TypeError as e:
        print(type(e).__name__, e)
