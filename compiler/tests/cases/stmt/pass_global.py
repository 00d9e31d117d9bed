global x
pass
x = 1
