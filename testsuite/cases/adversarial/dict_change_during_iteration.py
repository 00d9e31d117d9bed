d = {i: i for i in range(5)}
try:
    for k in d:
        d[k + 100] = 1
except RuntimeError as e:
    print(type(e).__name__, e)
d = {i: i for i in range(5)}
try:
    for k in d:
        del d[k]
        d[k + 100] = 1
except RuntimeError as e:
    print(type(e).__name__, e)
d = {1: 1}
try:
    for v in d.values():
        d.clear()
except RuntimeError as e:
    print(type(e).__name__, e)
d = {1: 1, 2: 2}
try:
    for k, v in d.items():
        d.pop(2, None)
        d[3] = 3
except RuntimeError as e:
    print(type(e).__name__, e)
print(d)
