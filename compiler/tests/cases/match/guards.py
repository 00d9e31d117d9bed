match n:
    case x if x < 0:
        sign = -1
    case 0:
        sign = 0
    case [a, b] if a == b:
        sign = "pair"
    case _ if n > 100:
        sign = "big"
