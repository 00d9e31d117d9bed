# Encoding and decoding lone surrogates: strict errors, surrogatepass and
# surrogateescape, and the other handlers, for the UTF codecs and the 8-bit ones.
def enc(s, *args):
    try:
        return s.encode(*args)
    except UnicodeEncodeError as e:
        return f"{type(e).__name__}: {e} [{e.start}:{e.end}] {e.object!r} {e.reason}"

def dec(b, *args):
    try:
        return ascii(b.decode(*args))
    except UnicodeDecodeError as e:
        return f"{type(e).__name__}: {e} [{e.start}:{e.end}] {e.reason}"

for s in ["\ud800", "a\ud800b", "x\ud800\udbff\udcff", "\udc80\udcff", "\ud83d\ude00"]:
    for args in [(), ("utf-8", "surrogatepass"), ("utf-8", "surrogateescape"), ("utf-8", "replace"),
                 ("utf-8", "ignore"), ("utf-8", "backslashreplace"), ("utf-8", "xmlcharrefreplace"),
                 ("utf-16-le",), ("utf-16-le", "surrogatepass"), ("utf-16-be", "surrogatepass"),
                 ("utf-32-le", "surrogatepass"), ("utf-32-be",), ("latin-1",), ("latin-1", "surrogateescape"),
                 ("ascii", "surrogateescape"), ("ascii", "surrogatepass"), ("ascii", "backslashreplace")]:
        print(ascii(s), args, enc(s, *args))

for b in [b"\xff", b"a\x80b\xfe", b"\xed\xa0\x80", b"\xed\xb2\x80x", b"\xf0\x9f\x98", b"\xc3"]:
    for args in [("utf-8", "surrogateescape"), ("utf-8", "surrogatepass"), ("ascii", "surrogateescape"),
                 ("latin-1", "surrogateescape")]:
        print(b, args, dec(b, *args))
print(dec(b"\x00\xd8", "utf-16-le", "surrogatepass"), dec(b"\xd8\x00\xdc\x00", "utf-16-be", "surrogatepass"))
print(dec(b"\x00\xdc\x00\x00", "utf-32-le", "surrogatepass"), dec(b"\x00\xdc\x00\x00", "utf-32-le"))
print(dec(b"a\x00", "utf-16-le", "surrogateescape"), dec(b"\xed\xa0\x80", "utf-8"))
raw = bytes(range(0x80, 0x100))
text = raw.decode("utf-8", "surrogateescape")
print(len(text), ascii(text[:3]), text.encode("utf-8", "surrogateescape") == raw)
print(ascii(str(b"\xffab", "utf-8", "surrogateescape")), bytes("\udcfe", "utf-8", "surrogateescape"))
print(bytes("a\ud800", "utf-8", "surrogatepass"), "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass") == "\ud800")
try:
    bytes("\ud800", "utf-8")
except UnicodeEncodeError as e:
    print(e)
