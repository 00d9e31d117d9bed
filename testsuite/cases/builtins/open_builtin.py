import os, tempfile, shutil
d = tempfile.mkdtemp()
try:
    p = os.path.join(d, "f.txt")
    with open(p, "w") as f:
        print(f.write("line1\nline2\n"), f.mode, f.closed, f.name == p)
    print(f.closed)
    with open(p) as f:
        print(f.read())
    with open(p, "a") as f:
        f.write("line3")
    with open(p) as f:
        print(f.readlines())
    with open(p, "rb") as f:
        print(f.read(5), type(f).__name__)
    try:
        open(os.path.join(d, "missing.txt"))
    except FileNotFoundError as e:
        print(type(e).__name__, e.errno, e.strerror, os.path.basename(e.filename))
    try:
        open(p, "rw")
    except ValueError as e:
        print(type(e).__name__, e)
finally:
    shutil.rmtree(d)
