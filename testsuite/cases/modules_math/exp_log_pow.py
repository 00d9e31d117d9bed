import math
r = lambda x: round(x, 10)
print(r(math.exp(1)), r(math.exp(0)), r(math.expm1(1e-10) * 1e10), r(math.log(math.e)), r(math.log(8, 2)), r(math.log(100, 10)))
print(r(math.log10(1000)), r(math.log2(1024)), r(math.log1p(0)), math.log(10 ** 400) > 920, math.log2(2 ** 1000), math.log10(10 ** 300))
print(math.pow(2, 10), math.pow(2, 0.5) == math.sqrt(2), math.sqrt(16), math.sqrt(2), math.pow(0.0, 0), math.pow(-1, math.inf))
print(r(math.cbrt(27)), r(math.cbrt(-8)), math.exp2(10), math.exp(-1000), math.exp(1000) if False else "skip")
for call in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.log(-1), lambda: math.exp(1000), lambda: math.pow(0, -1), lambda: math.log(10, 1)]:
    try:
        call()
    except (ValueError, OverflowError, ZeroDivisionError) as e:
        print(type(e).__name__)
