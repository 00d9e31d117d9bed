import io
for enc in ["utf-8", "latin-1", "ascii"]:
    raw = io.BytesIO()
    w = io.TextIOWrapper(raw, encoding=enc, errors="strict" if enc != "ascii" else "replace")
    w.write("café ü")
    w.flush()
    print(enc, raw.getvalue(), w.encoding)
    w.detach()
r = io.TextIOWrapper(io.BytesIO("grüße\nzwei".encode("utf-8")), encoding="utf-8")
print(r.readlines())
l1 = io.TextIOWrapper(io.BytesIO(b"caf\xe9"), encoding="latin-1")
print(l1.read())
try:
    io.TextIOWrapper(io.BytesIO(b"caf\xe9"), encoding="utf-8").read()
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
try:
    w = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    w.write("é")
    w.flush()
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
