sm = staticmethod(len)
print(sm("abc"), sm.__func__ is len, callable(sm))
class K:
    f = staticmethod(lambda: "s")
print(K.f(), K().f(), K.__dict__["f"].__wrapped__ is K.__dict__["f"].__func__)
