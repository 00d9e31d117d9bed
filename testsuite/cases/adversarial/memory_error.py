try:
    x = [0] * 10 ** 12
except MemoryError as e:
    print(type(e).__name__)
try:
    y = "x" * 10 ** 15
except (MemoryError, OverflowError) as e:
    print(type(e).__name__)
try:
    z = [0] * (2 ** 62)
except (MemoryError, OverflowError) as e:
    print(type(e).__name__)
try:
    b = bytes(10 ** 15)
except (MemoryError, OverflowError) as e:
    print(type(e).__name__)
try:
    w = [0] * 2 ** 64
except OverflowError as e:
    print(type(e).__name__, e)
print("still alive", len([0] * 10))
