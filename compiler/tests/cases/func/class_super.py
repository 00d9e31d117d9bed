class Base:
    def f(self):
        return 1

class Derived(Base):
    def f(self):
        return super().f() + 1
