match point:
    case [x, y]:
        kind = "list-like pair"
    case (x, y, z):
        kind = "triple"
    case [0, 0, 0, w]:
        kind = "origin with weight"
