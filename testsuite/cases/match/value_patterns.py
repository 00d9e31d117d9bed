import enum
class Color(enum.Enum):
    RED = 1
    GREEN = 2
class Consts:
    LIMIT = 10
def m(x):
    match x:
        case Color.RED: return "red"
        case Color.GREEN: return "green"
        case Consts.LIMIT: return "at limit"
        case _: return "other"
for v in [Color.RED, Color.GREEN, 10, 10.0, 1]:
    print(v, m(v))
