print(float("  3.5\n"), int("  -12\t"), float(-0), int(-0.0), float("-0"), int("-0"))
print(int.__base__.__name__, float.__mro__, isinstance(1, float), isinstance(1.0, (int, float)))
