type Pair[T] = tuple[T, T]
def first[T](p: Pair[T]) -> T:
    return p[0]
