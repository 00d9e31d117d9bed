class A:
    "doc A"
    x = 1
print(A.__name__, A.__qualname__, A.__module__, A.__doc__, A.__bases__, A.__base__, A.__class__)
print(sorted(k for k in A.__dict__ if not k.startswith("__") or k in ("__doc__", "__module__")))
A.__name__ = "Renamed"
print(A.__name__, A)
try:
    A.__name__ = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    int.x = 1
except TypeError as e:
    print(type(e).__name__, e)
