s = "héllo €"
for enc in ["utf-8", "utf-16-le", "latin-1", "ascii", "utf-32-be", "cp1252"]:
    try:
        b = s.encode(enc)
        print(enc, b, b.decode(enc) == s)
    except UnicodeEncodeError as e:
        print(enc, type(e).__name__, e)
print(s.encode("ascii", "replace"), s.encode("ascii", "ignore"), s.encode("ascii", "xmlcharrefreplace"), s.encode("ascii", "backslashreplace"))
try:
    b"\xff\xfe\x00".decode("utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__, e, e.start, e.end, e.reason)
print(b"\xe9".decode("latin-1"), b"abc\xff".decode("ascii", "replace"), b"a\xffb".decode("utf-8", "backslashreplace"))
try:
    "x".encode("no-such-codec")
except LookupError as e:
    print(type(e).__name__, e)
print("\ud800".encode("utf-8", "surrogatepass"), b"\xed\xa0\x80".decode("utf-8", "surrogatepass") == "\ud800")
print("\udcff".encode("utf-8", "surrogateescape"), b"\xff".decode("utf-8", "surrogateescape") == "\udcff")
