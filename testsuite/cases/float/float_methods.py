for v in [1.0, 1.5, -2.0, 0.0, 1e300, 0.1, -0.75]:
    print(v, v.is_integer(), v.as_integer_ratio(), v.conjugate(), v.real, v.imag)
for bad in [float("inf"), float("nan")]:
    try:
        bad.as_integer_ratio()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print(float("inf").is_integer(), float("nan").is_integer())
