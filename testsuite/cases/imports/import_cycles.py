import sys, os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "_pkgs"))
import cycle_a
print(cycle_a.from_b(), cycle_a.cycle_b.a_partial())
try:
    import cycle_c
except ImportError as e:
    print(type(e).__name__, e)
