match items:
    case [_, _]:
        n = 2
    case [_, _, *_]:
        n = "many"
    case [*_]:
        n = "any"
