class Acc:
    def __init__(self): self.items = []
    def __iadd__(self, o):
        self.items.append(o)
        return self
    def __isub__(self, o): return "isub result"
    def __imul__(self, o): return NotImplemented
    def __mul__(self, o): return "fallback mul"
a = Acc()
b = a
a += 1
a += 2
print(a is b, a.items)
a -= 1
print(a)
c = Acc()
c *= 3
print(c)
class OnlyAdd:
    def __add__(self, o): return "plain add"
x = OnlyAdd()
x += 1
print(x)
