class Base:
    def __add__(self, o): return "Base.__add__"
    def __radd__(self, o): return "Base.__radd__"
class Sub(Base):
    def __add__(self, o): return "Sub.__add__"
    def __radd__(self, o): return "Sub.__radd__"
print(Base() + Sub(), Sub() + Base(), Base() + Base())
class I(int):
    def __radd__(self, o): return "I.__radd__"
    def __add__(self, o): return "I.__add__"
print(1 + I(2), I(2) + 1)
class F(float):
    def __rsub__(self, o): return "F.__rsub__"
print(1.0 - F(2), 1 - F(2))
