import sys, os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "_pkgs"))
try:
    import definitely_missing_module
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    import shapes.missing_sub
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    from shapes import does_not_exist
except ImportError as e:
    print(type(e).__name__, e, e.name)
try:
    from math import nothing
except ImportError as e:
    print(type(e).__name__, e.name)
try:
    import broken_mod
except ValueError as e:
    print(type(e).__name__, e, "broken_mod" in sys.modules)
try:
    import math.sqrt
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
print(issubclass(ModuleNotFoundError, ImportError))
