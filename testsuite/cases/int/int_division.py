for a in [7, -7, 10 ** 20 + 3, -(10 ** 20) - 3]:
    for b in [2, -2, 3, -3, 10 ** 19]:
        print(a, b, a // b, a % b, divmod(a, b), a / b)
for op in ["1 // 0", "1 % 0", "divmod(1, 0)", "1 / 0", "10**30 // 0"]:
    try:
        eval(op)
    except ZeroDivisionError as e:
        print(op, type(e).__name__)
