# shared
global a
a = 1
def f():
    del a
