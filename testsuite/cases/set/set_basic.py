s = {3, 1, 2}
s.add(4); s.add(1)
print(sorted(s), len(s), 1 in s, 9 not in s)
s.discard(9); s.discard(4); s.remove(3)
print(sorted(s), s.pop() in (1, 2), len(s))
try:
    s.remove(99)
except KeyError as e:
    print(type(e).__name__, e)
try:
    set().pop()
except KeyError as e:
    print(type(e).__name__, e)
s.clear()
print(s, set(), set([1, 1, 2]) == {1, 2}, {1, 2, 3}, set(range(5)))
