class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

match shape:
    case Point(0, 0):
        where = "origin"
    case Point(x, 0):
        where = x
    case Point(_, y):
        where = y
