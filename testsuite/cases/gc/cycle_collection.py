import gc
log = []
class Node:
    def __init__(self, name): self.name, self.other = name, None
    def __del__(self): log.append(self.name)
a = Node("a")
b = Node("b")
a.other, b.other = b, a
del a, b
gc.collect()
print(sorted(log))
self_ref = Node("self")
self_ref.other = self_ref
del self_ref
gc.collect()
print(sorted(log))
