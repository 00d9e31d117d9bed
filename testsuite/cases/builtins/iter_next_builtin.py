it = iter([1, 2])
print(next(it), next(it), next(it, "default"))
try:
    next(it)
except StopIteration as e:
    print(type(e).__name__, repr(e), e.value)
try:
    iter(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    next(5)
except TypeError as e:
    print(type(e).__name__, e)
print(iter(it) is it, type(iter("")).__name__, type(iter([])).__name__, type(iter(())).__name__, type(iter({})).__name__, type(iter(range(1))).__name__)
