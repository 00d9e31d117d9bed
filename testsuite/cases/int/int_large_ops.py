f = 1
for i in range(1, 60):
    f *= i
print(f)
print(f.bit_length(), len(str(f)), f % 1000003)
print(f // (2 ** 100), f >> 100)
n = 3 ** 500
print(str(n)[:20], str(n)[-20:])
print(n.bit_length(), (n * n) // n == n, -n // 7, -n % 7)
import math
print(math.isqrt(n) ** 2 <= n < (math.isqrt(n) + 1) ** 2, math.gcd(f, n), math.gcd(2 ** 100, 6 ** 50))
