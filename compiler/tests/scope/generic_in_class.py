class Outer:
    A = int
    def m[T: A](self, x: T) -> T:
        return x
    type Alias[K] = dict[K, A]
