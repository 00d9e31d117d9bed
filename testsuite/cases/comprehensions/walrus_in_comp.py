data = [3, 8, 1, 9]
print([y for x in data if (y := x * 2) > 5], y)
total = 0
running = [total := total + x for x in data]
print(running, total)
def f():
    [last := n for n in range(4)]
    return last
print(f())
