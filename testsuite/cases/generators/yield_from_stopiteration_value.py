def sub(n):
    for i in range(n):
        yield i
    return n * 100
def main():
    total = 0
    for n in (1, 2):
        total += yield from sub(n)
    return total
g = main()
print(list(g))
try:
    next(main().__iter__())
except StopIteration:
    pass
g = main()
vals = []
while True:
    try:
        vals.append(next(g))
    except StopIteration as e:
        print(vals, e.value)
        break
