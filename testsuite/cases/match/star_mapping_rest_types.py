match {"a": 1, "b": 2, "c": 3}:
    case {"a": 1, **rest}:
        print(type(rest).__name__, rest)
match [1, 2, 3, 4, 5]:
    case [first, *middle, last]:
        print(first, type(middle).__name__, middle, last)
match (1, 2, 3):
    case (*all_,):
        print(type(all_).__name__, all_)
