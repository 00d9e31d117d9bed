import sys
print(float(sys.maxsize), int(float(sys.maxsize)), sys.maxsize + 1, -sys.maxsize - 1, (-sys.maxsize - 1) // -1)
print(2 ** 63 * 2 ** 63, (2 ** 64 - 1) & 0xFFFF, -(2 ** 63) >> 63, abs(-sys.maxsize - 1))
print(1e308 * 10, 1e-308 / 1e10, 5e-324 * 0.5, -1e308 * 10, round(1e308), int(1e308) // 10 ** 300)
print(divmod(-2 ** 63, -1), (-2 ** 63) % -1, 2 ** 63 // -1)
