l = [3, 1, 2]
def key(x):
    l.append(x)
    return x
try:
    l.sort(key=key)
except ValueError as e:
    print(type(e).__name__, e)
print(len(l) >= 3)
m = [5, 4, 3, 2, 1]
def cmp_mut(x):
    m.clear()
    return x
try:
    m.sort(key=cmp_mut)
except ValueError as e:
    print(type(e).__name__, e)
class Evil:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        victim.append(0)
        return self.v < o.v
victim = [Evil(3), Evil(1), Evil(2)]
try:
    victim.sort()
except ValueError as e:
    print(type(e).__name__, e)
