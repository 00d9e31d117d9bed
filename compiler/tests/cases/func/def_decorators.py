import functools

@functools.cache
@staticmethod
def f(x):
    return x
