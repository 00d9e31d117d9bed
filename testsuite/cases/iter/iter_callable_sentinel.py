vals = iter([1, 2, 3, 0, 5])
it = iter(lambda: next(vals), 0)
print(list(it))
count = [0]
def tick():
    count[0] += 1
    return count[0]
print(list(iter(tick, 4)))
try:
    iter(5, 0)
except TypeError as e:
    print(type(e).__name__, e)
