a, *b, *c = t
