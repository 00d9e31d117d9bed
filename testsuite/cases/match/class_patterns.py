from dataclasses import dataclass
@dataclass
class Point:
    x: int
    y: int
class Circle:
    __match_args__ = ("center", "radius")
    def __init__(self, c, r): self.center, self.radius = c, r
def m(s):
    match s:
        case Point(x=0, y=0): return "origin"
        case Point(0, y): return f"on y axis at {y}"
        case Point(x, y) if x == y: return f"diagonal {x}"
        case Point(): return "some point"
        case Circle(Point(0, 0), r): return f"centered circle r={r}"
        case Circle(radius=r): return f"circle r={r}"
        case int(n) | float(n): return f"number {n}"
        case str() as s: return f"string {s}"
        case _: return "unknown"
for s in [Point(0, 0), Point(0, 5), Point(3, 3), Point(1, 2), Circle(Point(0, 0), 2), Circle(Point(1, 1), 4), 7, 2.5, "txt", None]:
    print(m(s))
