print((1 + 1j) ** 0, (1 + 1j) ** 1, (1 + 1j) ** 3, (2j) ** 2, (1 + 1j) ** -1)
print(0j ** 0, 0j ** 1, 1j ** 2.0)
try:
    0j ** -1
except ZeroDivisionError as e:
    print(type(e).__name__)
try:
    0j ** 1j
except ZeroDivisionError as e:
    print(type(e).__name__)
print(pow(1j, 2), (-1) ** 0.5)
