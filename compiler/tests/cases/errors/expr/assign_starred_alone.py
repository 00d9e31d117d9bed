*a = t
