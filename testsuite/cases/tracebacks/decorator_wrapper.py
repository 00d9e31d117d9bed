import functools
def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        return fn(*args)
    return wrapper
@logged
def risky(x):
    return [1, 2][x]
risky(7)
