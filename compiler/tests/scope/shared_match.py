# shared
def f(cmd):
    match cmd:
        case [x, *rest]:
            return x, rest
        case {"k": v, **others}:
            return v, others
        case Point(x=px, y=py) as pt:
            return px, py, pt
        case str() | bytes():
            return None
        case _:
            return K
