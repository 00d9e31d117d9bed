counter = 0
def inc():
    global counter
    counter += 1
inc(); inc()
print(counter)
def outer():
    n = 0
    def bump():
        nonlocal n
        n += 1
        return n
    bump(); bump()
    return n, bump()
print(outer())
def make_global():
    global created
    created = "yes"
make_global()
print(created)
def shadow():
    counter = 100
    return counter
print(shadow(), counter)
