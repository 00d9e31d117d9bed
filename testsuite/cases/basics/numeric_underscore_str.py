print(int("1_000"), float("1_0.5"), int("0x_ff", 16), int("0b_1", 0))
for s in ["_1", "1__0", "1_", "0x_"]:
    try:
        print(int(s, 0))
    except ValueError as e:
        print(type(e).__name__, e)
