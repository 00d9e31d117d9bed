print(1 + 0j == 1, 1j == 1j, complex(1, 0) == 1.0, 1j != 1)
print(hash(1 + 0j) == hash(1), hash(complex(2.5, 0)) == hash(2.5))
print(hash(1j), hash(3 + 4j))
print({1: "a"}[1 + 0j], (1 + 2j) in [1 + 2j], abs(-3j), abs(complex(3, -4)))
