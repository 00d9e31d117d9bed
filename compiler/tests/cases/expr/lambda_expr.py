inc = lambda x: x + 1
pair = lambda a, b=2: (a, b)
