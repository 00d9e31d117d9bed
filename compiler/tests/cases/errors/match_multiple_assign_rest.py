match x:
    case {"k": r, **r}:
        pass
