a.b.c += g()
