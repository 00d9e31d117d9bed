r = {x % 3 for x in data}
