class Temp(float):
    def __repr__(self):
        return f"Temp({float(self)!r})"
t = Temp(21.5)
print(t, repr(t), t + 1, type(t + 1).__name__, isinstance(t, float))
print(float(t), type(float(t)).__name__, t.is_integer(), Temp("3.5"))
class Pos(float):
    def __new__(cls, v):
        return super().__new__(cls, abs(v))
print(Pos(-3.0), type(Pos(-2)).__name__)
