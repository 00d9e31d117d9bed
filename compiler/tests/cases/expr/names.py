x = y
z = print
