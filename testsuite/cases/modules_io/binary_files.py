import os, tempfile, shutil
d = tempfile.mkdtemp()
try:
    p = os.path.join(d, "b.bin")
    with open(p, "wb") as f:
        print(f.write(bytes(range(10))), f.write(b"\xff"))
    with open(p, "rb") as f:
        print(f.read(3), f.tell(), f.seek(-2, 2), f.read(), f.seek(0), f.read1(2) if hasattr(f, "read1") else None)
    with open(p, "ab") as f:
        f.write(b"tail")
    print(os.path.getsize(p))
    with open(p, "rb", buffering=0) as f:
        print(type(f).__name__, f.readall()[-4:])
    with open(p, "r+b") as f:
        f.seek(1)
        f.write(b"XY")
        f.seek(0)
        print(f.read(4))
        f.truncate(5)
    print(os.path.getsize(p))
finally:
    shutil.rmtree(d)
