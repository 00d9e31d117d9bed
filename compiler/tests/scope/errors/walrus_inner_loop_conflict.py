def f():
    return [(j := i) for i in range(3) for j in x]
