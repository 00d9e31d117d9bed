match a, b:
    case 0, 0:
        both = "zero"
    case x, 0:
        both = x
    case (0, y):
        both = y
