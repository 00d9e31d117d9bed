import math
r = lambda x: round(x, 9)
print(math.gamma(5), r(math.gamma(0.5) ** 2), r(math.lgamma(10)), math.gamma(1))
print(r(math.erf(0)), r(math.erf(1)), r(math.erfc(1)), r(math.erf(-1)), math.erfc(0))
for call in [lambda: math.gamma(0), lambda: math.gamma(-1), lambda: math.lgamma(0)]:
    try:
        call()
    except ValueError as e:
        print(type(e).__name__)
