match args:
    case [first, *rest]:
        head = first
        tail = rest
    case [*everything]:
        tail = everything
