import math
for v in [2.5, -2.5, 3.0, -0.0, 1e300, 7]:
    print(v, math.floor(v), math.ceil(v), math.trunc(v), math.fabs(v), math.copysign(1.0, v))
print(math.modf(3.75), math.modf(-3.75), math.frexp(8.0), math.frexp(0.0), math.ldexp(0.5, 4), math.fmod(7, 3), math.fmod(-7, 3), math.remainder(7, 3), math.remainder(5, 2))
for v in [math.inf, math.nan]:
    try:
        math.floor(v)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
