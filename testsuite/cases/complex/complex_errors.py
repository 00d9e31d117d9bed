for s in ["1+", "abc", "1+2i", "(1+2j", "1 + 2j", ""]:
    try:
        complex(s)
    except ValueError as e:
        print(type(e).__name__, e)
for bad in [lambda: complex("1", 2), lambda: complex(None), lambda: (1j) < (2j),
            lambda: int(1j), lambda: float(1j), lambda: (1j) // 2, lambda: (1j) % 2]:
    try:
        print(bad())
    except TypeError as e:
        print(type(e).__name__, e)
try:
    1j / 0
except ZeroDivisionError as e:
    print(type(e).__name__)
