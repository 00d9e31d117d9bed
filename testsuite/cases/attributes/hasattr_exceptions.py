class Boom:
    @property
    def bad(self): raise ValueError("not attr error")
    @property
    def missing(self): raise AttributeError("inner")
b = Boom()
print(hasattr(b, "missing"), getattr(b, "missing", "default"))
try:
    hasattr(b, "bad")
except ValueError as e:
    print(type(e).__name__, e)
