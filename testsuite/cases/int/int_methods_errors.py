try:
    (5).bit_length(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    int.from_bytes("ab", "big")
except TypeError as e:
    print(type(e).__name__, e)
try:
    (1).to_bytes(-1, "big")
except ValueError as e:
    print(type(e).__name__, e)
try:
    int("1", base="2")
except TypeError as e:
    print(type(e).__name__, e)
try:
    1 + "1"
except TypeError as e:
    print(type(e).__name__, e)
try:
    "1" + 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    1 - None
except TypeError as e:
    print(type(e).__name__, e)
try:
    -"x"
except TypeError as e:
    print(type(e).__name__, e)
try:
    ~1.5
except TypeError as e:
    print(type(e).__name__, e)
