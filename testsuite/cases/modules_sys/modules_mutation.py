import sys, types
mod = types.ModuleType("virtual_mod", "virtual doc")
mod.answer = 42
sys.modules["virtual_mod"] = mod
import virtual_mod
print(virtual_mod.answer, virtual_mod.__doc__, virtual_mod.__name__)
from virtual_mod import answer
print(answer)
sys.modules["virtual_mod"] = None
try:
    import virtual_mod
except ImportError as e:
    print(type(e).__name__, e)
