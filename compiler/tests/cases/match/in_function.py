def classify(value):
    match value:
        case [x, y]:
            return x + y
        case {"n": n}:
            return n
        case Point(x=px) if px > 0:
            return px
    return None
