class A:
    g = ((y := x) for x in z)
