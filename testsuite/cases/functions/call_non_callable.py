for obj in [1, "s", None, [1], {"a": 1}, (1,)]:
    try:
        obj()
    except TypeError as e:
        print(e)
class C: pass
try:
    C()()
except TypeError as e:
    print(e)
