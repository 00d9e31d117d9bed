# Constant expressions fold to one constant; division by zero is left for run time.
x = 2 ** 10 + 1
y = (1, 2, "a" * 3)
z = -1j + 1
w = 1 / 0
