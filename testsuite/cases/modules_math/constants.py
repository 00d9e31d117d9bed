import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan, math.isnan(math.nan))
print(repr(math.pi), math.pi == 3.141592653589793, math.tau == 2 * math.pi)
