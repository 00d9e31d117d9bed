match x:
    case {"a" f"b": 1}:
        pass
