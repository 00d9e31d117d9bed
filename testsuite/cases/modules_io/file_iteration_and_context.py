import os, tempfile, shutil
d = tempfile.mkdtemp()
try:
    p = os.path.join(d, "lines.txt")
    with open(p, "w") as f:
        for i in range(5):
            print("line", i, file=f)
    with open(p) as f:
        for n, line in enumerate(f):
            if n == 2:
                break
        print(repr(line), repr(next(f)), f.readline(), end="")
    with open(p) as f:
        print(len(f.read().splitlines()), f.name == p, f.mode, f.encoding.lower().replace("-", "") in ("utf8",))
finally:
    shutil.rmtree(d)
