x = "outer"
l = [x for x in range(3)]
print(x, l)
class C:
    v = 10
    items = [1, 2]
    first = [i for i in items]
    try:
        second = [v * i for i in range(2)]
    except NameError as e:
        err = str(e)
print(C.first, C.err)
def f():
    k = 5
    return [k + i for i in range(3)]
print(f())
funcs = [lambda: i for i in range(3)]
print([fn() for fn in funcs])
