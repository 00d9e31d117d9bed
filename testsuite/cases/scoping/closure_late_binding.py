def make():
    fs = []
    for i in range(3):
        def f(): return i
        fs.append(f)
    return fs
print([f() for f in make()])
def make2():
    return [(lambda i: lambda: i)(i) for i in range(3)]
print([f() for f in make2()])
