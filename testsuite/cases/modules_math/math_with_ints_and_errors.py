import math
print(math.sqrt(10 ** 100), math.log(2 ** 2000, 2), math.floor(10 ** 30), type(math.floor(2.5)).__name__, math.ceil(10 ** 30 + 0.0) == 10 ** 30)
for call in [lambda: math.sqrt("4"), lambda: math.floor("x"), lambda: math.sqrt(10 ** 400), lambda: math.gcd(1.5, 2), lambda: math.isqrt(2.0)]:
    try:
        call()
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
class F:
    def __float__(self): return 16.0
class I:
    def __index__(self): return 6
print(math.sqrt(F()), math.factorial(I()), math.gcd(I(), 4))
