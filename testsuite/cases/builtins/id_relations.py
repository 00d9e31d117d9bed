a = []
b = a
c = []
print(id(a) == id(b), id(a) != id(c), isinstance(id(a), int), id(None) == id(None))
x = object()
ids = {id(x)}
print(id(x) in ids)
