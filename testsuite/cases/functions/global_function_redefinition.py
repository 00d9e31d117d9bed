def f(): return 1
g = f
def f(): return 2
print(f(), g(), f.__name__, g.__name__)
def outer():
    def f(): return "local"
    return f()
print(outer(), f())
