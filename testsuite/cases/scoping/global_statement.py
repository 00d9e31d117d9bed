g = 1
def read(): return g
def write():
    global g
    g = 2
def write_new():
    global brand_new
    brand_new = "made"
print(read()); write(); print(read(), g)
write_new(); print(brand_new)
def nested():
    def inner():
        global g
        g = 99
    inner()
nested(); print(g)
