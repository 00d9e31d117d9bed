match x:
    case 1:
        a = 1
    case 2:
        a = 2
after = True
