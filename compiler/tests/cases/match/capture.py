match value:
    case 0:
        found = None
    case other:
        found = other
print(other)
