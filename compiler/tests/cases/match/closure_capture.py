def outer(item):
    match item:
        case [cell, *_]:
            def inner():
                return cell
            return inner
