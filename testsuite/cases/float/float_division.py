for a, b in [(7.0, 2.0), (-7.0, 2.0), (7.0, -2.0), (-7.0, -2.0), (7.5, 0.5), (1.0, 0.1), (-1e-300, 1e300)]:
    print(a, b, a / b, a // b, a % b, divmod(a, b))
print(5.0 % float("inf"), -5.0 % float("inf"), float("inf") % 2.0 if False else None)
print(0.0 % -1.0, -0.0 % 1.0, 3 % -0.5)
for op in ["1.0 / 0", "1.0 // 0.0", "1.0 % 0.0", "divmod(1.0, 0.0)", "1 / 0.0"]:
    try:
        eval(op)
    except ZeroDivisionError as e:
        print(op, type(e).__name__)
