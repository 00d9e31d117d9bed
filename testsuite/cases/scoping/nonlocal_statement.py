def outer():
    a = 1
    def mid():
        def inner():
            nonlocal a
            a += 10
        inner()
        return a
    return mid(), a
print(outer())
def shadowing():
    v = "outer"
    def f():
        v = "local to f"
        def g():
            nonlocal v
            v = "changed by g"
        g()
        return v
    return f(), v
print(shadowing())
