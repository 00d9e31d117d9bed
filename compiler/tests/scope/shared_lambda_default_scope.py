# shared
def f():
    a = 1
    return lambda b=a: b
