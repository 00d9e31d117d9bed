class A:
    def __new__(cls, *a):
        print("A.__new__", cls.__name__, a)
        return super().__new__(cls)
class B(A):
    def __new__(cls, *a):
        print("B.__new__")
        return super().__new__(cls, *a)
b = B(1)
print(type(b).__name__)
class Base:
    @staticmethod
    def s(): return "static base"
class Der(Base):
    @staticmethod
    def s(): return "der+" + super(Der, Der).s()
print(Der.s())
