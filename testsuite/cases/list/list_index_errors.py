l = [1, 2, 3]
for idx in [3, -4, 10 ** 20]:
    try:
        l[idx]
    except IndexError as e:
        print(type(e).__name__, e)
try:
    l[3] = 0
except IndexError as e:
    print(type(e).__name__, e)
try:
    del l[5]
except IndexError as e:
    print(type(e).__name__, e)
for idx in ["0", 1.0, None]:
    try:
        l[idx]
    except TypeError as e:
        print(type(e).__name__, e)
print(l[-3], l[2], l[10 ** 20:], l[-(10 ** 20):1])
