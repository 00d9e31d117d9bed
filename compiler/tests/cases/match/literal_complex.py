match z:
    case 1+2j:
        w = 1
    case -1-2j:
        w = 2
    case 3j:
        w = 3
    case -4j:
        w = 4
    case 1.5-0.5j:
        w = 5
