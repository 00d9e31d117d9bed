print(list(filter(lambda s: s.startswith("a"), ["ab", "ba", "ac"])), list(map(len, ["", "ab"])), list(map(int.__add__, [1, 2], [10, 20, 30])))
print(type(filter(None, [])).__name__, type(map(str, [])).__name__)
