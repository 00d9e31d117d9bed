class EqOnly:
    def __eq__(self, o): return True
print(EqOnly.__hash__ is None)
try:
    {EqOnly()}
except TypeError as e:
    print(type(e).__name__)
class EqHash:
    def __eq__(self, o): return True
    def __hash__(self): return 1
print(len({EqHash(), EqHash()}))
class Plain: pass
print(Plain.__hash__ is object.__hash__, Plain() == Plain())
class Sub(EqHash):
    def __eq__(self, o): return False
print(Sub.__hash__ is None)
class KeepHash(EqHash):
    def __eq__(self, o): return False
    __hash__ = EqHash.__hash__
print(hash(KeepHash()))
