match x:
    case [a] | {"k": b}:
        pass
