x = - not 3
