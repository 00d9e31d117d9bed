r = a and b
