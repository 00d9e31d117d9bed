match event:
    case {"type": "click", **rest}:
        extra = rest
    case {**everything}:
        extra = everything
