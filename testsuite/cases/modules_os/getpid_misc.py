import os
print(type(os.getpid()).__name__, os.getpid() > 0, os.sep, os.linesep == "\n", os.name, os.curdir, os.pardir)
print(type(os.cpu_count()).__name__, os.path.exists(os.devnull), callable(os.urandom), len(os.urandom(8)))
print(os.fspath("x"), os.strerror(2), os.getppid() > 0 if hasattr(os, "getppid") else True)
