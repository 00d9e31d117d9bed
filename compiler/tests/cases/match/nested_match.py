match outer:
    case [kind, payload]:
        match payload:
            case {"value": v}:
                result = (kind, v)
            case _:
                result = kind
    case _:
        result = None
