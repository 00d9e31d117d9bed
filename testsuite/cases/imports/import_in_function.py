def f():
    import math
    from json import dumps as d
    return math.floor(2.7), d([1])
print(f())
print("math" in dir())
import sys
print("json" in sys.modules)
