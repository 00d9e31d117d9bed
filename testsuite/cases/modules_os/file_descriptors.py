import os, tempfile, shutil
d = tempfile.mkdtemp()
try:
    p = os.path.join(d, "fd.bin")
    fd = os.open(p, os.O_WRONLY | os.O_CREAT)
    print(os.write(fd, b"hello fd"))
    os.close(fd)
    fd = os.open(p, os.O_RDONLY)
    print(os.read(fd, 5), os.read(fd, 100), os.read(fd, 10))
    os.close(fd)
    try:
        os.close(fd)
    except OSError as e:
        print(type(e).__name__, e.errno)
finally:
    shutil.rmtree(d)
