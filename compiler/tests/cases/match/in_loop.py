for token in tokens:
    match token:
        case "stop":
            break
        case "skip" | None:
            continue
        case [op, *args] if op:
            handle(op, args)
