class A:
    @property
    def p(self): return "A.p"
    def __repr__(self): return "A-repr"
    def __len__(self): return 1
class B(A):
    @property
    def p(self): return "B+" + super().p
    def __repr__(self): return "B<" + super().__repr__() + ">"
    def __len__(self): return super().__len__() + 10
print(B().p, repr(B()), len(B()))
