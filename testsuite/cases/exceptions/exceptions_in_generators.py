def g():
    try:
        yield 1
        yield 2
    finally:
        print("gen finally")
for v in g():
    print(v)
    if v == 1:
        try:
            raise RuntimeError("inside loop")
        except RuntimeError as e:
            print("caught", e)
def raiser():
    yield 1
    1 / 0
try:
    for v in raiser():
        print("val", v)
except ZeroDivisionError:
    print("ZeroDivisionError from generator")
