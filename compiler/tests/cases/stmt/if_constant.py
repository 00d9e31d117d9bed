if True:
    a()
if 0:
    b()
else:
    c()
