total = 0
for i in range(0, 1000, 7):
    total += i
print(total)
it = iter(range(3))
print(next(it), next(it), next(it), next(it, "end"))
print(sum(range(10 ** 6)), max(range(-5, 5)), min(range(3, 0, -1)), sorted(range(3), reverse=True))
print(list(enumerate(range(10, 13))), list(zip(range(3), range(3, 0, -1))))
