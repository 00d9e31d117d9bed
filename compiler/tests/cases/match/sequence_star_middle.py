match parts:
    case [first, *middle, last]:
        pass
    case [*init, -1]:
        pass
