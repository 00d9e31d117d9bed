try:
    a()
finally:
    b()
