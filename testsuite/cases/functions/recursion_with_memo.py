memo = {}
def ways(n):
    if n in memo: return memo[n]
    r = 1 if n <= 1 else ways(n - 1) + ways(n - 2)
    memo[n] = r
    return r
print(ways(300))
def flatten(x):
    return [y for item in x for y in (flatten(item) if isinstance(item, list) else [item])]
print(flatten([1, [2, [3, [4, [5]]]], 6]))
def perms(s):
    return [s] if len(s) <= 1 else [c + p for i, c in enumerate(s) for p in perms(s[:i] + s[i + 1:])]
print(perms("abc"))
