print(list(), list("abc"), list((1, 2)), list(range(3)), list({1: "a", 2: "b"}), list(x * 2 for x in range(3)))
print(list({"k": 1}.items()), list(reversed([1, 2])), list(map(str, [1, 2])))
try:
    list(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    list(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
class L(list):
    def total(self): return sum(self)
x = L([1, 2, 3])
print(x, x.total(), type(x).__name__, type(x + [1]).__name__, type(x[:1]).__name__, isinstance(x, list))
