# The natively implemented codecs: round trips, byte order marks and error handlers.
s = "A€\U0001F40D"
for enc in ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "UTF8", "utf_16"]:
    b = s.encode(enc)
    print(enc, b, b.decode(enc) == s)
print("é€".encode("latin-1", "replace"), "é€".encode("ascii", "backslashreplace"), "€x".encode("cp1252"))
print(b"\x81".decode("cp1252", "replace"), b"\x80abc".decode("ascii", "ignore"), b"\xe2\x82".decode("utf-8", "replace"))
print(b"a\xe2\x82b".decode("utf-8", "backslashreplace"), b"\xff\xfeA\x00".decode("utf-16"), b"\xd8\x00".decode("utf-16-be", "replace"))
for data, enc in [(b"\xe2\x82", "utf-8"), (b"\x80\x80\x80", "utf-8"), (b"a\xc3(", "utf-8"), (b"\x00\xd8", "utf-16-le"),
                  (b"abc", "utf-32-le"), (b"\x00\x00\x11\x00", "utf-32-le"), (b"\x9d", "cp1252")]:
    try:
        data.decode(enc)
    except UnicodeDecodeError as e:
        print(type(e).__name__, e, e.encoding, e.start, e.end, e.reason)
for text, enc in [("aé€", "ascii"), ("€€x", "latin-1"), ("\u0100", "cp1252")]:
    try:
        text.encode(enc)
    except UnicodeEncodeError as e:
        print(type(e).__name__, e, e.object, e.start, e.end, e.reason)
for call in [lambda: "x".encode("nope"), lambda: b"x".decode("nope"), lambda: "é".encode("ascii", "nope"),
             lambda: str(b"\xff", "ascii", "nope"), lambda: bytes("é", "ascii")]:
    try:
        call()
    except (LookupError, UnicodeError) as e:
        print(type(e).__name__, e)
print(str(b"abc", "utf-8"), str(bytearray(b"\xc3\xa9"), encoding="utf-8"), bytes("hé", "utf-8", "strict"), bytearray("x", "ascii"))
