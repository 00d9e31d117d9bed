def count(n):
    for i in range(n):
        yield i
g = count(3)
print(type(g).__name__, next(g), next(g), next(g), next(g, "exhausted"))
print(list(count(5)), sum(count(101)), list(count(0)))
def empty():
    return
    yield
print(list(empty()))
def gen_name(): yield 1
print(gen_name().__name__, gen_name().__qualname__, gen_name.__name__)
