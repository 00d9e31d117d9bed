def f(*args, **kwargs):
    return args, kwargs

def g(a, *rest, key=None, **extra):
    return rest
