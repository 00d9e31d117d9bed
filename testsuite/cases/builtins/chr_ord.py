print(chr(97), chr(0x263A), ord("a"), ord("☺"), ord(b"a"), ord(bytearray(b"z")), chr(ord("A") + 25))
for bad in [lambda: chr(-1), lambda: chr(1114112), lambda: chr("a"), lambda: ord(""), lambda: ord("ab"), lambda: ord(1), lambda: chr(1.0)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
