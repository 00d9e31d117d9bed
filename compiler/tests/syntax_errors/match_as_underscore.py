match x:
    case 42 as _:
        pass
