match status:
    case 200:
        message = "ok"
    case 404:
        message = "missing"
    case _:
        message = "other"
print(message)
