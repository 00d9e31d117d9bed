# shared
total = 0
def add(x):
    global total
    total += x
def read():
    return total
