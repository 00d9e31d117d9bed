for v in [0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1.005, 0.125, 0.375, 1234.5678, -1234.5678]:
    print(v, round(v), round(v, 0), round(v, 1), round(v, 2), round(v, -1), round(v, -2))
print(round(1e300, -300), round(1e-300, 300), round(123.456, 10), round(5e-324, 400))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, type(round(2.5, None)).__name__)
for bad in [float("inf"), float("nan")]:
    try:
        round(bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print(round(float("inf"), 2), round(float("nan"), 2))
