# An inlined comprehension's cell whose name the module already binds: the module gets
# the cell too (DEF_COMP_CELL), while module-level uses of `s` stay names.
s = 0
states = [list(s for _ in ()) for s in range(3)]

# A free variable that an inlined comprehension also holds in a cell: uses outside the
# comprehension read the free variable, not the comprehension's cell.
def outer():
    x = 1
    def inner(y):
        print(x)
        return [lambda: x for x in y]
    return inner

# The same in a class body, which also keeps the cell beside its namespace entry.
class C:
    i = 10
    fs = [lambda: i for i in range(3)]
