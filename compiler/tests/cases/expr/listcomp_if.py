r = [x for x in data if x if x > 0]
