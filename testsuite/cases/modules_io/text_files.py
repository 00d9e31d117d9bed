import os, tempfile, shutil
d = tempfile.mkdtemp()
try:
    p = os.path.join(d, "t.txt")
    with open(p, "w", encoding="utf-8") as f:
        f.write("héllo\n")
        f.writelines(["a\n", "b\n"])
        print(f.tell())
    with open(p, encoding="utf-8") as f:
        print(repr(f.readline()), repr(f.read(2)), f.readlines())
    with open(p, encoding="utf-8") as f:
        print([line.rstrip() for line in f])
    with open(p, "rb") as f:
        raw = f.read()
    print(raw, len(raw))
    with open(p, "r+", encoding="utf-8") as f:
        f.seek(0)
        f.write("H")
    with open(p, encoding="utf-8") as f:
        print(f.read(3))
    with open(p, "x" if not os.path.exists(p) else "a") as f:
        f.write("end")
    try:
        open(p, "x")
    except FileExistsError as e:
        print(type(e).__name__, e.errno)
finally:
    shutil.rmtree(d)
