class C:
    Inner = int
    type A = Inner
    type B[T] = dict[T, Inner]
