r = a < b < c
