from abc import ABC, abstractmethod
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def name(self): ...
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
try:
    Shape()
except TypeError as e:
    print(type(e).__name__, e)
try:
    Sq(2)
except TypeError as e:
    print(type(e).__name__, e)
class Full(Sq):
    def name(self): return "sq"
print(Full(3).area(), Full(3).name(), sorted(Shape.__abstractmethods__), isinstance(Full(1), Shape))
