print(True + 1, True * 10, -True, True / 2, True // 2, True ** 10)
print(isinstance(True, int), issubclass(bool, int), bool.__mro__)
print(int(True), str(True), repr(False), True == 1, hash(True))
print(True & 1, type(True & 1).__name__, type(True | False).__name__, type(True + False).__name__)
print(sum([True, True, False]), [1, 2, 3][True])
class MyInt(int):
    pass
m = MyInt(5)
print(m, m + 1, type(m + 1).__name__, type(m).__name__, isinstance(m, int))
