import math
r = lambda x: round(x, 10)
for a in [0, math.pi / 6, math.pi / 4, math.pi / 2, math.pi, -1.0]:
    print(r(math.sin(a)), r(math.cos(a)), r(math.tan(a)) if abs(math.cos(a)) > 1e-9 else "inf-ish")
print(r(math.asin(1)), r(math.acos(0)), r(math.atan(1)), r(math.atan2(1, 1)), r(math.atan2(-1, -1)), math.atan2(0.0, -0.0))
print(r(math.degrees(math.pi)), r(math.radians(180)), r(math.hypot(3, 4)), math.hypot(), r(math.hypot(1, 2, 2)), r(math.dist((0, 0), (3, 4))))
print(r(math.sinh(1)), r(math.cosh(1)), r(math.tanh(1)), r(math.asinh(1)), r(math.acosh(2)), r(math.atanh(0.5)))
for call in [lambda: math.asin(2), lambda: math.acosh(0), lambda: math.atanh(1), lambda: math.sin(math.inf), lambda: math.dist((1,), (1, 2))]:
    try:
        call()
    except (ValueError, TypeError) as e:
        print(type(e).__name__)
