type Point = tuple[float, float]
type Pair[T] = tuple[T, T]
def f():
    v = int
    type Local = list[v]
    return Local
