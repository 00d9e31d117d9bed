class Base:
    pass

class Sub[T](Base, metaclass=type):
    x: T
