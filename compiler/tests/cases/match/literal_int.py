match command:
    case 0:
        result = "zero"
    case 1:
        result = "one"
    case 100000000000000000000:
        result = "big"
