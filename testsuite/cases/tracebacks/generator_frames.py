def produce():
    yield 1
    yield 2
    raise RuntimeError("producer failed")
def consume():
    total = 0
    for item in produce():
        total += item
    return total
consume()
