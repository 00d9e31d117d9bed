import sys
n = 50
l = []
for _ in range(n):
    l = [l]
depth = 0
x = l
while x:
    x = x[0]
    depth += 1
print(depth, str(l).count("["))
d = {}
cur = d
for i in range(100):
    cur["k"] = {}
    cur = cur["k"]
print(len(repr(d)))
expr = "(" * 50 + "1" + ")" * 50
print(eval(expr))
t = ()
for _ in range(10000):
    t = (t,)
deep = [[]]
for _ in range(100000):
    deep = [deep]
try:
    repr(deep)
except RecursionError:
    print("RecursionError for very deep repr")
try:
    deep == deep[0]
except RecursionError:
    print("RecursionError for very deep compare")
