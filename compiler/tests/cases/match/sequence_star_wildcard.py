match row:
    case [first, *_, last]:
        ends = (first, last)
    case [*_, "end"]:
        ends = None
    case ["start", *_]:
        ends = None
