def f(*args, /): pass
