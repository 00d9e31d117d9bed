x = 1234.5678
print(format(x, ".2f"), format(x, "e"), format(x, ".3g"), format(x, "%"), format(x, ",.1f"))
print(format(0.1, ".20f"), format(1e-7, "g"), format(1e16, "g"), format(123456.0, "g"))
print(str(1e-7), repr(1.0e7), "%r" % 0.1, "%s" % 1e100)
print(format(float("nan"), "f"), format(float("-inf"), "e"), format(-0.0, ".1f"), format(-0.0001, ".1f"))
print(format(0.5, ".0f"), format(1.5, ".0f"), format(2.5, ".0f"), format(2.675, ".2f"))
