z = 3 + 4j
print(z, z.real, z.imag, abs(z), z.conjugate(), -z, +z)
print(complex(), complex(1), complex(1, 2), complex("1+2j"), complex(" (3-4j) "), complex("j"), complex("-1.5e3j"))
print(1j * 1j, (1 + 2j) * (3 - 1j), (1 + 2j) / (1 - 1j), (1 + 1j) ** 2, 2 ** 1j == 2 ** 1j)
print(repr(1j), repr(-1j), repr(0j), repr(-0j), repr(complex(0, -0.0)), repr(complex(-0.0, 0)))
print(complex(1, float("inf")), complex(float("nan"), 1), repr(1e300j * 1e10))
