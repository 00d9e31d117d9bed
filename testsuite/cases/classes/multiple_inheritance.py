class Left:
    def hello(self): return "left"
    def only_left(self): return "L"
class Right:
    def hello(self): return "right"
    def only_right(self): return "R"
class Both(Left, Right): pass
class Both2(Right, Left): pass
b = Both()
print(b.hello(), b.only_left(), b.only_right(), Both2().hello())
print([c.__name__ for c in Both.__mro__])
class Base:
    def __init__(self): self.log = ["Base"]
class M1(Base):
    def __init__(self): super().__init__(); self.log.append("M1")
class M2(Base):
    def __init__(self): super().__init__(); self.log.append("M2")
class Diamond(M1, M2):
    def __init__(self): super().__init__(); self.log.append("Diamond")
print(Diamond().log)
