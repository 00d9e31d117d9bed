l = [3, 1, 2]
l.append(4); l.extend([5, 6]); l.insert(0, 0); l.insert(100, 7); l.insert(-1, 8)
print(l, len(l), l.count(1), l.index(2), l.index(2, 2), l.pop(), l.pop(0), l.pop(-2))
l.remove(8)
print(l)
l.reverse(); print(l)
l.sort(); print(l)
l.sort(reverse=True); print(l)
c = l.copy(); c.clear(); print(c, l)
for bad in [lambda: l.index(99), lambda: l.remove(99), lambda: [].pop(), lambda: l.pop(50)]:
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__)
print(l.__len__(), [].pop.__name__)
