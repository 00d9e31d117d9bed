import sys
def depth_reached():
    n = 0
    def r():
        nonlocal n
        n += 1
        r()
    try:
        r()
    except RecursionError:
        pass
    return n
sys.setrecursionlimit(200)
a = depth_reached()
sys.setrecursionlimit(5000)
b = depth_reached()
print(150 <= a <= 200, 4900 <= b <= 5000, b > a)
def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)
print(deep(4000))
sys.setrecursionlimit(1000)
try:
    deep(4000)
except RecursionError:
    print("limit lowered again")
