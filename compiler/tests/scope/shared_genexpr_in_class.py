# shared
class C:
    xs = [1]
    g = (x for x in xs)
    h = (x for x in range(3) if x in xs)
