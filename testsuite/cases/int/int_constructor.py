print(int(), int(42), int(-3.9), int(3.9), int(True), int("  12  "), int("-0"), int("+7"))
print(int("ff", 16), int("0xff", 16), int("0xff", 0), int("0o17", 0), int("0b101", 0), int("z", 36))
print(int("١٢٣"), int("\u0661\u0662"), int(" 1_000 "))
for args in [("12a",), ("",), ("1.5",), ("0x10",), ("12", 1), ("12", 37), ("9", 8), ("010", 0)]:
    try:
        print(int(*args))
    except ValueError as e:
        print(type(e).__name__, e)
for bad in [None, [1], "1e3", float("inf"), float("nan")]:
    try:
        print(int(bad))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    int(5, 10)
except TypeError as e:
    print(type(e).__name__, e)
