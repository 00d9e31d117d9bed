print(1 + 1j + 1, 2 * (1 + 1j), 1.5 + 2j, (1 + 1j) - True, 1j + 10 ** 10)
print(type(1 + 0j).__name__, (3 + 0j).real.__class__.__name__)
print(sum([1j, 2, 3.5]), complex(True, False))
class C:
    def __complex__(self):
        return 2 + 3j
print(complex(C()))
import cmath
print(cmath.sqrt(-1), cmath.phase(-1), cmath.polar(1j), cmath.rect(1, 0))
print(cmath.exp(0), cmath.isclose(cmath.exp(1j * cmath.pi), -1), cmath.inf, cmath.nanj)
