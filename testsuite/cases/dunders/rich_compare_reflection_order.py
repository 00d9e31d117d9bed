log = []
class A:
    def __eq__(self, o): log.append("A.eq"); return NotImplemented
    def __lt__(self, o): log.append("A.lt"); return NotImplemented
class B:
    def __eq__(self, o): log.append("B.eq"); return NotImplemented
    def __gt__(self, o): log.append("B.gt"); return NotImplemented
print(A() == B(), log)
log.clear()
try:
    A() < B()
except TypeError as e:
    print(type(e).__name__, e, log)
log.clear()
print(A() != B(), log)
