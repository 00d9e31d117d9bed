m = [[c for c in row] for row in grid]
