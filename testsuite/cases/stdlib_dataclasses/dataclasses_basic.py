from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError, is_dataclass
@dataclass
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)
p = Point(1, 2)
print(p, p == Point(1, 2), p != Point(1, 3), asdict(p), astuple(p), replace(p, x=9))
print([f.name for f in fields(p)], is_dataclass(p), is_dataclass(Point), Point.__match_args__)
try: Point()
except TypeError as e: print(e)
@dataclass(frozen=True, order=True)
class V:
    a: int
    b: str = "s"
v = V(1)
try: v.a = 3
except FrozenInstanceError as e: print(type(e).__name__, e)
print(V(1) < V(2), sorted([V(3), V(1)]), hash(v) == hash(V(1)), v)
@dataclass
class Inv:
    items: list = field(default_factory=list)
    count: int = field(default=0, repr=False)
    def __post_init__(self): self.count = len(self.items)
i = Inv([p]); print(i, i.count, asdict(i))
print(Point.__init__.__qualname__, Point.__hash__)
try:
    @dataclass
    class Bad:
        a: list = []
except ValueError as e: print(e)
match p:
    case Point(x, y): print("matched", x, y)
@dataclass(kw_only=True)
class K:
    a: int
    b: int = 2
print(K(a=1))
