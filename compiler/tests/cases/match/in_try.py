try:
    match load():
        case {"ok": True, "value": value}:
            result = value
        case {"error": message}:
            raise ValueError(message)
except KeyError:
    result = None
