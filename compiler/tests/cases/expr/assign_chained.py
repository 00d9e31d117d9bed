a = b = c.d = e[0] = value
