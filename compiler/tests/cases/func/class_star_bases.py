bases = (object,)
kw = {}

class C(*bases, **kw):
    pass
