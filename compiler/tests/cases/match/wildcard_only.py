match compute():
    case _:
        ran = True
