def f():
    import os.path
    from sys import argv as args
    return os, args
