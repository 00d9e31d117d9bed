match items:
    case []:
        empty = True
    case ():
        empty = "tuple syntax"
