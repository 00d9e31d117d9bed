seen = []
def rec(x):
    seen.append(x)
    return x
print(all(rec(x) for x in [1, 0, 2]), seen)
seen.clear()
print(any(rec(x) for x in [0, 3, 4]), seen)
print(all([]), any([]), all([[]]), any([[0]]))
