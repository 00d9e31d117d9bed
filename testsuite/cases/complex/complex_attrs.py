z = complex(2, 3)
for name in ["real", "imag"]:
    try:
        setattr(z, name, 5)
    except AttributeError as e:
        print(type(e).__name__, e)
print(z.__class__.__name__, complex.__name__, isinstance(z, complex), issubclass(complex, object))
class MyC(complex):
    pass
m = MyC(1, 2)
print(m, type(m).__name__, type(m + 1).__name__)
