match obj:
    case {}:
        is_mapping = True
