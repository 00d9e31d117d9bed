class Root:
    def chain(self): return ["Root"]
class L(Root):
    def chain(self): return ["L"] + super().chain()
class R(Root):
    def chain(self): return ["R"] + super().chain()
class Bottom(L, R):
    def chain(self): return ["Bottom"] + super().chain()
print(Bottom().chain(), L().chain())
print(super(L, Bottom()).chain())
