def f():
    return undefined_variable_here + 1
f()
