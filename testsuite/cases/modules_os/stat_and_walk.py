import os, tempfile, shutil, stat
d = tempfile.mkdtemp()
try:
    os.makedirs(os.path.join(d, "a", "b"))
    for rel in ["top.txt", "a/one.txt", "a/b/two.txt"]:
        with open(os.path.join(d, rel), "w") as f:
            f.write("x" * len(rel))
    st = os.stat(os.path.join(d, "a/one.txt"))
    print(st.st_size, stat.S_ISREG(st.st_mode), stat.S_ISDIR(os.stat(d).st_mode))
    for root, dirs, files in os.walk(d):
        dirs.sort()
        print(os.path.relpath(root, d), sorted(dirs), sorted(files))
finally:
    shutil.rmtree(d)
print(os.path.exists(d))
