for x in [0.5, 1.5, 2.5, -0.5, 1e20, 2.0 ** 70, -1e-300, 123456789.999]:
    print(x, int(x), round(x), x.__trunc__() if hasattr(x, "__trunc__") else None)
print(int(1e308) == 10 ** 308, int(1e308) % 10 ** 10)
