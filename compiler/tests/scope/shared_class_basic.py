# shared
class A(Base, metaclass=Meta):
    x = 1
    y = x + 1
    def method(self):
        return x
