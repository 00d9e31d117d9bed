match code:
    case 1 | 2 | 3:
        small = True
    case "a" | "b":
        small = "letter"
    case None | False:
        small = False
