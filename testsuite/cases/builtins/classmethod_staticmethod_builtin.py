class K:
    @classmethod
    def cm(cls, x): return (cls.__name__, x)
    @staticmethod
    def sm(x): return x * 2
class Sub(K): pass
print(K.cm(1), Sub.cm(2), K().cm(3), K.sm(4), K().sm(5), Sub.sm(6))
print(type(K.__dict__["cm"]).__name__, type(K.__dict__["sm"]).__name__, K.__dict__["sm"].__func__(7))
cm = classmethod(lambda cls: cls.__name__)
class Z:
    m = cm
print(Z.m(), isinstance(K.__dict__["cm"], classmethod), callable(K.__dict__["sm"]))
