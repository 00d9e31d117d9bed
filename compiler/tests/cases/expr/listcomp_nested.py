r = [(x, y) for x in xs for y in ys if x != y]
