type Alias = int | str
type ListOf[T] = list[T]
type Bounded[T: int, *Ts] = tuple[T, *Ts]
