import enum

class Color(enum.Enum):
    RED = 1
    GREEN = 2

match color:
    case Color.RED:
        name = "red"
    case Color.GREEN:
        name = "green"
    case enum.Enum.__class__:
        name = "meta"
