match n:
    case -1:
        kind = "minus one"
    case -2.5:
        kind = "minus two and a half"
    case -0:
        kind = "zero"
    case 0x_ff:
        kind = "hex"
