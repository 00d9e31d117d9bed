match command:
    case 0:
        result = "zero"
    case 1:
        result = "one"
    case 100000000000000000000:
        result = "big"
    case 0x1_0000_0000_0000_0000:
        result = "hex big"
