def one(a): pass
def two(a, b): pass
def three(a, b, c): pass
def kwo(*, k): pass
def kwo2(*, k, j): pass
def mixed(a, b=1, *, c, d=2): pass
for call in [lambda: one(), lambda: two(), lambda: two(1), lambda: three(), lambda: three(1), lambda: kwo(),
             lambda: kwo2(), lambda: mixed(), lambda: mixed(1), lambda: mixed(c=1)]:
    try:
        call()
    except TypeError as e:
        print(e)
