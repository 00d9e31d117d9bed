import math
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(1, 1.05, rel_tol=0.1), math.isclose(0, 1e-12), math.isclose(0, 1e-12, abs_tol=1e-9))
print(math.isfinite(1.0), math.isfinite(math.inf), math.isinf(-math.inf), math.isnan(float("nan")), math.isfinite(10 ** 300))
try:
    math.isclose(1, 1, rel_tol=-1)
except ValueError as e:
    print(type(e).__name__, e)
