g = (x * x for x in data)
total = sum(x for x in data if x)
