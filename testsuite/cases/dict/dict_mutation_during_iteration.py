d = {1: 1, 2: 2}
try:
    for k in d:
        d[k + 10] = 0
except RuntimeError as e:
    print(type(e).__name__, e)
d = {1: 1, 2: 2, 3: 3}
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print(type(e).__name__, e)
d = {1: 1}
for k in d:
    d[k] = "changed"
print(d)
d = {1: 1, 2: 2}
try:
    for k in d.keys():
        d.pop(k)
except RuntimeError as e:
    print(type(e).__name__, e)
