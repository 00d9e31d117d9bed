try:
    x, y, z = 1, 2, 3, 4
except ValueError as e:
    print(e)
values = [1, 2, 3]
try:
    a, b = values
except ValueError as e:
    print(e)
try:
    a, b = iter(values)
except ValueError as e:
    print(e)
try:
    a, b, c = [1]
except ValueError as e:
    print(e)
