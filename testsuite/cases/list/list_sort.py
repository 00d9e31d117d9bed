words = ["banana", "Apple", "cherry", "apple", "Banana"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
pairs = [(1, "b"), (0, "z"), (1, "a"), (0, "a")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[1]), sorted(pairs, key=lambda p: -p[0]))
stable = sorted([("x", 2), ("y", 1), ("z", 2), ("w", 1)], key=lambda t: t[1])
print(stable)
nums = [5, -2, 3.5, 0, -7, 10 ** 20]
nums.sort(key=abs); print(nums)
try:
    [1, "a", 2].sort()
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted([1, 2], key=lambda x, y: 0)
except TypeError as e:
    print(type(e).__name__, e)
print(sorted([]), sorted("bca"), sorted({3: 1, 1: 2}), sorted((3, 1, 2), reverse=True))
