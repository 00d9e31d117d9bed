a, b = b, a
(c, *d), e = g()
