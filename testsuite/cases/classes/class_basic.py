class Point:
    dims = 2
    def __init__(self, x, y):
        self.x, self.y = x, y
    def norm2(self):
        return self.x ** 2 + self.y ** 2
p = Point(3, 4)
print(p.x, p.y, p.norm2(), p.dims, Point.dims, type(p).__name__, Point.__name__, Point.__qualname__, Point.__module__)
p.dims = 3
print(p.dims, Point.dims, sorted(vars(p)))
Point.dims = 10
q = Point(0, 0)
print(q.dims, p.dims)
print(isinstance(p, Point), type(p) is Point, p.__class__ is Point, Point.__bases__)
