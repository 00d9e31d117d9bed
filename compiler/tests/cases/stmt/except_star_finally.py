try:
    a()
except* OSError:
    b()
finally:
    c()
