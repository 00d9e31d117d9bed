def add_repr(cls):
    def __repr__(self):
        return f"{cls.__name__}({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"
    cls.__repr__ = __repr__
    return cls
def register(cls):
    print("registering", cls.__name__)
    return cls
@register
@add_repr
class P:
    def __init__(self, x, y): self.x, self.y = x, y
print(P(1, "a"))
from dataclasses import dataclass, field
@dataclass(order=True)
class Item:
    price: float
    name: str = "?"
    tags: list = field(default_factory=list)
a, b = Item(2.0, "b"), Item(1.0, "a")
print(a, sorted([a, b]), a == Item(2.0, "b"), Item(3))
