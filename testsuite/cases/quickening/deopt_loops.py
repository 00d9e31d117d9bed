# A `for` site specialised for range or list iterators must handle any other iterable,
# lists that change while they are iterated, and exhausted iterators.
def total(items):
    t = 0
    for x in items:
        t += x
    return t

for _ in range(30):
    total(range(4))
print(total(range(4)), total([1, 2, 3]), total((1, 2)), total(x * 2 for x in range(3)))
print(total({5: "a", 6: "b"}), total(iter([7, 8])), total(range(10, 0, -3)))

for _ in range(30):
    total([1, 2])
print(total([1, 2]), total(range(3)), total(set([4])))

def grow(items):
    seen = []
    for x in items:
        seen.append(x)
        if x < 3:
            items.append(x + 1)
    return seen

for _ in range(30):
    grow([0])
print(grow([0]), grow([5]))

def shrink(items):
    seen = []
    for x in items:
        seen.append(x)
        items.clear()
    return seen

print(shrink([1, 2, 3]))

def resume(it):
    out = []
    for x in it:
        out.append(x)
        if x == 2:
            break
    for x in it:
        out.append(-x)
    return out

for _ in range(30):
    resume(iter([1, 2, 3]))
print(resume(iter([1, 2, 3, 4])), resume(iter(range(1, 5))))
big = 2**62
print(list(range(big, big * 3, big)))
