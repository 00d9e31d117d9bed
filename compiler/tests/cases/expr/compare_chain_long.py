r = a < f() <= c == d
