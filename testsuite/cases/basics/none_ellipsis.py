print(None, repr(None), type(None).__name__)
print(..., Ellipsis, ... is Ellipsis, type(...).__name__)
print(NotImplemented, type(NotImplemented).__name__)
print(type(None)() is None)
def f(): pass
print(f())
