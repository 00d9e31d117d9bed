class Range2:
    def __init__(self, n): self.n = n
    def __iter__(self):
        self.i = 0
        return self
    def __next__(self):
        if self.i >= self.n: raise StopIteration
        self.i += 1
        return self.i
print(list(Range2(3)), [x * 2 for x in Range2(2)], 2 in Range2(3), sorted(Range2(4), reverse=True))
a, b, c = Range2(3)
print(a, b, c)
