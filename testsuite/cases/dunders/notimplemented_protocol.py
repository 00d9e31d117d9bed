class A:
    def __add__(self, o):
        print("A.__add__")
        return NotImplemented
class B:
    def __radd__(self, o):
        print("B.__radd__")
        return "B handled"
print(A() + B())
class C:
    def __add__(self, o): return NotImplemented
try:
    C() + C()
except TypeError as e:
    print(type(e).__name__, e)
try:
    A() + 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    1 - C()
except TypeError as e:
    print(type(e).__name__, e)
for expr in ["C() * 2", "C() / 2", "C() // 2", "C() % 2", "C() ** 2", "C() << 2", "C() & 2", "C() @ 2", "-C()", "~C()", "abs(C())"]:
    try:
        eval(expr)
    except TypeError as e:
        print(type(e).__name__, e)
x = C()
try:
    x += 1
except TypeError as e:
    print(type(e).__name__, e)
