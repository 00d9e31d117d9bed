# Sites that the interpreter specialises for one operand kind must still give the
# generic answer when the kind changes, and when the fast path overflows or divides
# by zero.

def add(a, b):
    return a + b

def iadd(a, b):
    a += b
    return a

def lt(a, b):
    return a < b

def div(a, b):
    return a / b

def fdiv(a, b):
    return a // b

for _ in range(50):
    add(1, 2)
    iadd(3, 4)
    lt(1, 2)
    div(6, 3)
    fdiv(7, 2)
print(add(1, 2), add(2**46, 2**46), add(2**47 - 1, 1), add(-2**47, -1))
print(add(1.5, 2), add("a", "b"), add([1], [2]), add(True, True), add(2**100, 1))
print(iadd(3, 4), iadd([1], (2, 3)), iadd(1.25, 1))
print(lt(1, 2), lt(2, 1), lt(1, 2.5), lt("a", "b"), lt(2**80, 1))
print(div(6, 3), div(1, 3), div(7.0, 2))
try:
    div(1, 0)
except ZeroDivisionError as e:
    print(type(e).__name__)
print(fdiv(7, 2), fdiv(-7, 2), fdiv(7.5, 2))
try:
    fdiv(1, 0)
except ZeroDivisionError as e:
    print(type(e).__name__)

for _ in range(50):
    add(1.0, 2.0)
    lt(1.0, 2.0)
    div(1.0, 4.0)
nan = float("nan")
print(add(1.0, 2.0), add(1, 2), lt(nan, 1.0), lt(1.0, nan), lt(1.0, 2.0), lt(1, 2))
print(div(1.0, 4.0), div(3, 4))
try:
    div(1.0, 0.0)
except ZeroDivisionError as e:
    print(type(e).__name__)

def mul(a, b):
    return a * b

for _ in range(50):
    mul(3, 5)
print(mul(3, 5), mul(2**40, 2**40), mul(-(2**30), 2**30), mul("ab", 3), mul(1.5, 2))

class Num:
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        return Num(self.v + (other.v if isinstance(other, Num) else other))
    def __lt__(self, other):
        return self.v < other
    def __repr__(self):
        return f"Num({self.v})"

print(add(Num(1), 2), add(Num(1), Num(2)), lt(Num(1), 2))
for i in range(40):
    add(i, i)
print(add(Num(5), 5), add(4, 5))
