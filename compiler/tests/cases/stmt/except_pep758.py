try:
    a()
except ValueError, TypeError:
    b()
