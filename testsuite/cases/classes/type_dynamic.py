def init(self, v): self.v = v
Dyn = type("Dyn", (), {"__init__": init, "double": lambda self: self.v * 2, "k": 1})
d = Dyn(21)
print(d.double(), Dyn.__name__, Dyn.k, Dyn.__mro__)
Sub = type("Sub", (Dyn,), {})
print(Sub(1).double(), issubclass(Sub, Dyn))
print(type(d)(5).v, type.__name__, type(type), type(object), isinstance(type, object), isinstance(object, type))
