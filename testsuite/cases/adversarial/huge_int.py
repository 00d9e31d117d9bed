import sys
n = 10 ** 100000
print(n.bit_length(), n % 1000007, (n - 1) % 9)
try:
    str(n)
except ValueError as e:
    print(type(e).__name__, str(e)[:60])
sys.set_int_max_str_digits(200000)
s = str(n)
print(len(s), s[:5], s[-5:])
print(len(str(n * n + 1)) if False else len(hex(n)))
sys.set_int_max_str_digits(0)
print(len(str(7 ** 100000)))
