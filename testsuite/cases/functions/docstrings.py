def f():
    """First line.

    More details.
    """
def g():
    "single"
    return 1
def h():
    x = "not a docstring"
print(repr(f.__doc__), g.__doc__, h.__doc__)
class C:
    """Class doc."""
    def m(self):
        '''method doc'''
print(C.__doc__, C.m.__doc__, C().m.__doc__)
