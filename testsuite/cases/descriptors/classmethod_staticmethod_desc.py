class C:
    @classmethod
    def cm(cls): return cls
    @staticmethod
    def sm(): return "static"
class D(C): pass
print(C.cm() is C, D.cm() is D, D().cm() is D, C.sm(), D().sm())
cm = C.__dict__["cm"]
print(cm.__get__(None, D)() is D, cm.__func__.__name__)
sm = C.__dict__["sm"]
print(sm.__get__(None, C)())
print(type(C.cm).__name__, type(C.sm).__name__)
