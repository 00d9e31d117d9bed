counter = 0
class C:
    global counter
    counter = 5
print(counter)
x = 10
def f():
    global x
    return [x + i for i in range(2)]
print(f())
def g():
    y = 1
    def h():
        return [y * k for k in range(3)]
    return h()
print(g())
