import os, tempfile, shutil
print(os.path.basename(os.getcwd()), os.path.isfile("cwd_listdir.py"))
d = tempfile.mkdtemp()
try:
    for name in ["b.txt", "a.txt", "c.py"]:
        with open(os.path.join(d, name), "w") as f:
            f.write(name)
    os.mkdir(os.path.join(d, "sub"))
    print(sorted(os.listdir(d)))
    os.chdir(d)
    print(sorted(os.listdir()), os.path.samefile(os.getcwd(), d))
    os.remove("a.txt")
    os.rmdir("sub")
    print(sorted(os.listdir(".")))
    try:
        os.remove("a.txt")
    except FileNotFoundError as e:
        print(type(e).__name__, e.errno)
    try:
        os.mkdir("c.py")
    except FileExistsError as e:
        print(type(e).__name__, e.errno)
    os.makedirs("x/y/z")
    os.makedirs("x/y/z", exist_ok=True)
    print(os.path.isdir("x/y/z"), sorted(e.name for e in os.scandir(".")))
    os.rename("b.txt", "renamed.txt")
    print(sorted(os.listdir(".")))
finally:
    os.chdir("/")
    shutil.rmtree(d)
