class A:
    def __init__(self):
        self.__secret = "a"
        self._prot = "p"
    def reveal(self): return self.__secret
class B(A):
    def __init__(self):
        super().__init__()
        self.__secret = "b"
b = B()
print(b.reveal(), b._A__secret, b._B__secret, sorted(vars(b)))
try:
    b.__secret
except AttributeError as e:
    print(type(e).__name__, e)
class _Under:
    def m(self): self.__x = 1; return sorted(vars(self))
print(_Under().m())
