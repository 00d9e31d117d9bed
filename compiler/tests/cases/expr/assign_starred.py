a, *b = t
*c, d = t
e, *f, g = t
[h, *i] = t
