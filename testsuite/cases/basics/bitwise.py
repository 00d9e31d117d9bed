for a, b in [(12, 10), (-12, 10), (12, -10), (-12, -10), (0, -1)]:
    print(a & b, a | b, a ^ b, ~a, a << 2, a >> 2)
print(1 << 100, (1 << 100) >> 99, -1 >> 1000, 5 >> 64)
try:
    1 << -1
except ValueError as e:
    print(type(e).__name__, e)
try:
    1 >> -1
except ValueError as e:
    print(type(e).__name__, e)
print(True & False, True | False, True ^ True, type(True & True).__name__)
