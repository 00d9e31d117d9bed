# shared
g = (y := x for x in range(3))
