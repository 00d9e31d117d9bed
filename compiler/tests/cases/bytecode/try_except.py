try:
    x = int("12")
except ValueError as e:
    x = 0
finally:
    print(x)
