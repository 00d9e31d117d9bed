match message:
    case [1, x] as whole:
        seen = (x, whole)
    case (1 | 2 | 3) as digit:
        seen = digit
    case [[_, _] as inner, *_] as outer:
        seen = (inner, outer)
