match x:
    case 42 as a.b:
        pass
