import math
print(math.factorial(0), math.factorial(20), math.factorial(30))
print(math.comb(10, 3), math.comb(5, 0), math.comb(3, 5), math.perm(5, 2), math.perm(5), math.perm(3, 5))
print(math.gcd(12, 18), math.gcd(0, 0), math.gcd(-4, 6), math.gcd(), math.gcd(12, 18, 8), math.lcm(4, 6), math.lcm(), math.lcm(0, 5), math.lcm(2, 3, 4))
print(math.isqrt(0), math.isqrt(15), math.isqrt(16), math.isqrt(10 ** 40 + 1))
for call in [lambda: math.factorial(-1), lambda: math.factorial(2.5), lambda: math.comb(-1, 2), lambda: math.isqrt(-1), lambda: math.perm(2, -1)]:
    try:
        call()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
