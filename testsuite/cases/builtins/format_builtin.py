print(format(3.14159, ".2f"), format(42, "08b"), format("x", "^5"), format(12345678, ","), format(0.5, "%"), format([1], ""))
try:
    format(1, 5)
except TypeError as e:
    print(type(e).__name__, e)
