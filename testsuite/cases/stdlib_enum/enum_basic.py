from enum import Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
    def describe(self): return f"{self.name}={self.value}"
print(Color.RED, repr(Color.GREEN), Color(2), Color['BLUE'], Color.CRIMSON is Color.RED)
print(list(Color), len(Color), Color.RED.describe(), Color.__members__.keys() if False else list(Color.__members__))
print(Color.RED in Color, 2 in Color, Color.RED == Color.RED, Color.RED == 1, type(Color.RED), Color)
try: Color(7)
except ValueError as e: print(e)
try: Color['X']
except KeyError as e: print(repr(e))
try:
    Color.RED = 5
except AttributeError as e: print(e)
class N(IntEnum):
    A = 1
    B = auto()
print(N.A + 1, N.B, repr(N.B), str(N.A), f"{N.A}", N(2), N.A < N.B, isinstance(N.A, int))
class S(StrEnum):
    X = auto()
    Y = 'why'
print(S.X, repr(S.Y), S.X == 'x', S.Y.upper())
class P(Flag):
    R = auto()
    W = auto()
    X = auto()
rw = P.R | P.W
print(rw, repr(rw), P.R in rw, P.X in rw, list(rw), bool(P(0)), repr(P(0)), ~P.R)
class IP(IntFlag):
    A = 1
    B = 2
print(IP.A | IP.B, repr(IP.A | IP.B), IP.A | 4, IP.A & 1)
try:
    @unique
    class U(Enum):
        A = 1
        B = 1
except ValueError as e: print(e)
class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    def __init__(self, mass, radius):
        self.mass = mass; self.radius = radius
print(Planet.EARTH.mass, Planet.EARTH.value)
Animal = Enum('Animal', 'ANT BEE CAT')
print(list(Animal), Animal.BEE.value)
print(hash(Color.RED) == hash(Color.RED), {Color.RED: 1}[Color.RED])
match Color.GREEN:
    case Color.RED: print("r")
    case Color.GREEN: print("g")
