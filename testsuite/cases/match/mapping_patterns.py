def m(x):
    match x:
        case {"type": "point", "x": x0, "y": y0}: return f"point {x0},{y0}"
        case {"type": "circle", "r": r, **rest}: return f"circle {r} rest={rest}"
        case {"id": int(i)}: return f"id {i}"
        case {}: return "any mapping"
        case _: return "not mapping"
for v in [{"type": "point", "x": 1, "y": 2, "extra": 0}, {"type": "circle", "r": 5, "c": "red"}, {"id": 3}, {"id": "s"}, {}, [("id", 1)]]:
    print(m(v))
from collections import defaultdict
dd = defaultdict(int)
match dd:
    case {"missing": _}: print("matched missing")
    case _: print("defaultdict not auto-filled", dict(dd))
