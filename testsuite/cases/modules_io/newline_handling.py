import io, os, tempfile, shutil
d = tempfile.mkdtemp()
try:
    p = os.path.join(d, "nl.txt")
    with open(p, "wb") as f:
        f.write(b"a\r\nb\rc\n")
    with open(p) as f:
        print(repr(f.read()))
    with open(p, newline="") as f:
        print(repr(f.read()))
    with open(p, newline="\r\n") as f:
        print(f.readlines())
    with open(p, "w", newline="\r\n") as f:
        f.write("x\ny\n")
    with open(p, "rb") as f:
        print(f.read())
finally:
    shutil.rmtree(d)
print(io.StringIO("a\r\nb", newline=None).read().encode(), io.StringIO("a\r\nb", newline="").readlines())
