counter = 0
def outer():
    x = 1
    def inner():
        global counter
        nonlocal x
        counter += 1
        x += 1
    return inner
