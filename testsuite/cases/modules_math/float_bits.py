import math
print(math.nextafter(1.0, 2.0), math.nextafter(1.0, 0.0), math.nextafter(0.0, 1.0), math.nextafter(1.0, 2.0, steps=2))
print(math.ulp(1.0), math.ulp(0.0), math.ulp(1e300), math.ulp(math.inf), math.copysign(0.0, -1), math.copysign(3, -0.0))
print(math.fma(2.0, 3.0, 1.0), math.fma(0.1, 10, -1))
