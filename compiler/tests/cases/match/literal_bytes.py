match data:
    case b"\x00\x01":
        header = "binary"
    case b"GET" b" ":
        header = "http"
