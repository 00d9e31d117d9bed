# shared
def f():
    class C:
        v = 1
        def m(self):
            return v
    return C
