match pair:
    case [x, 1] | [1, x]:
        other = x
    case (a, b, 0) | (b, a, 1):
        swapped = (a, b)
    case {"k": v} | [v]:
        single = v
