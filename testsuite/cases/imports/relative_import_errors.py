try:
    from . import something
except ImportError as e:
    print(type(e).__name__, e)
print(__package__, __spec__)
