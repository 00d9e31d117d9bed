from abc import ABC, ABCMeta, abstractmethod
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def name(self): ...
    def describe(self): return f"{self.name()} {self.area()}"
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
    def name(self): return "sq"
print(Sq(3).describe(), isinstance(Sq(1), Shape), sorted(Shape.__abstractmethods__), Sq.__abstractmethods__)
for cls in (Shape,):
    try:
        cls()
    except TypeError as e:
        print(e)
class Half(Shape):
    def area(self): return 1
try:
    Half()
except TypeError as e:
    print(e)
class Reg(metaclass=ABCMeta): pass
Reg.register(int)
print(isinstance(3, Reg), issubclass(bool, Reg), isinstance("x", Reg), issubclass(int, Reg))
import collections.abc as cabc
class It:
    def __iter__(self): return self
    def __next__(self): raise StopIteration
print(isinstance(It(), cabc.Iterable), isinstance(It(), cabc.Iterator), isinstance(It(), cabc.Sized))
print(isinstance([], cabc.MutableSequence), isinstance((), cabc.Sequence), isinstance({}, cabc.MutableMapping), isinstance({1}, cabc.Set), isinstance(len, cabc.Callable))
print(isinstance((x for x in []), cabc.Generator), isinstance(range(3), cabc.Sequence), isinstance("s", cabc.Collection))
class M(cabc.Mapping):
    def __init__(self, d): self.d = d
    def __getitem__(self, k): return self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)
m = M({'a': 1, 'b': 2})
print(m.get('a'), m.get('z', 0), 'a' in m, list(m.keys()), list(m.items()), list(m.values()), m == {'a': 1, 'b': 2})
