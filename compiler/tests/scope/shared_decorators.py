# shared
def deco(f):
    return f
@deco
def g(x=default):
    return x
@deco
class C:
    @staticmethod
    def s():
        pass
