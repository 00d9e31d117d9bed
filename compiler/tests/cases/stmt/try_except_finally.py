try:
    a()
except KeyError as e:
    b(e)
else:
    c()
finally:
    d()
