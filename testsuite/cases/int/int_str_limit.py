import sys
print(sys.get_int_max_str_digits())
big = 10 ** 5000
try:
    str(big)
except ValueError as e:
    print(type(e).__name__, e)
try:
    int("1" * 5000)
except ValueError as e:
    print(type(e).__name__, e)
sys.set_int_max_str_digits(0)
print(len(str(big)))
sys.set_int_max_str_digits(5001)
print(len(str(big)), hex(big)[:10])
try:
    sys.set_int_max_str_digits(100)
except ValueError as e:
    print(type(e).__name__, e)
