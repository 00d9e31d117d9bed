def f(m):
    return [[(last := c) for c in row] for row in m], last
