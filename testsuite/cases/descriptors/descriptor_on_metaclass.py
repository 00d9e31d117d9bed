class Meta(type):
    @property
    def upper_name(cls): return cls.__name__.upper()
class A(metaclass=Meta): pass
print(A.upper_name)
try:
    A().upper_name
except AttributeError as e:
    print(type(e).__name__, e)
