def compute(a, b):
    total = a * 2 + b
    return total
compute(1, "x")
