print(bool(), bool(0), bool(1), bool(""), bool("0"), bool([]), bool([[]]), bool(None), bool(0.0), bool(-0.0), bool(float("nan")))
class L:
    def __len__(self): return 0
class B:
    def __bool__(self): return True
    def __len__(self): return 0
class Bad:
    def __bool__(self): return 1
class BadLen:
    def __len__(self): return -1
print(bool(L()), bool(B()), bool(object()))
for obj in [Bad(), BadLen()]:
    try:
        bool(obj)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    bool(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    class X(bool): pass
except TypeError as e:
    print(type(e).__name__, e)
