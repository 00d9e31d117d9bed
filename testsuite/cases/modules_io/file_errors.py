import os, tempfile, shutil
d = tempfile.mkdtemp()
try:
    try:
        open(d)
    except IsADirectoryError as e:
        print(type(e).__name__, e.errno)
    p = os.path.join(d, "f")
    with open(p, "w") as f:
        pass
    f = open(p)
    f.close()
    try:
        f.read()
    except ValueError as e:
        print(type(e).__name__, e)
    with open(p, "w") as f:
        try:
            f.read()
        except OSError as e:
            print(type(e).__name__, e)
    with open(p, "rb") as f:
        try:
            f.write(b"x")
        except OSError as e:
            print(type(e).__name__, e)
    try:
        open(p, "w", encoding="nonexistent-enc")
    except LookupError as e:
        print(type(e).__name__, e)
    try:
        open(p, "wb", encoding="utf-8")
    except ValueError as e:
        print(type(e).__name__, e)
finally:
    shutil.rmtree(d)
