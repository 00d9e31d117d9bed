class Seq:
    def __init__(self, data): self.data = data
    def __len__(self): return len(self.data)
    def __getitem__(self, k):
        if isinstance(k, slice):
            start, stop, step = k.indices(len(self.data))
            return Seq([self.data[i] for i in range(start, stop, step)])
        return self.data[k]
    def __repr__(self): return f"Seq({self.data})"
s = Seq(list("abcdefg"))
print(s[1:4], s[::-2], s[-3:], s[5:1:-1], s[2], s[::3][1:])
