match config:
    case {"host": host, "port": port}:
        address = (host, port)
    case {"socket": path, 0: _}:
        address = path
