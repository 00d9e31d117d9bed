s = {1}
print(s.add(2), s.update([3]), s.discard(5), sorted(s))
print(s.copy() == s, s.copy() is s, sorted(set.union(s, {9})), set.intersection({1, 2}, {2}))
