# `__static_attributes__` counts `self.<name>` stores anywhere in the class body, through
# nested functions, comprehensions and `with` targets, and the decorators and bases of a
# nested class, but not the nested class's own body.
def deco(cls):
    return cls


class Outer:
    def method(self, items):
        [None for self.comp in items]
        with open(items) as self.handle:
            pass

        def helper():
            self.from_helper = 1

        @deco
        class Inner(object):
            def g(self):
                self.inner_only = 1

        class GenericInner[T]:
            def h(self):
                self.generic_inner_only = 1

        return helper, Inner, GenericInner


class Generic[T]:
    def __init__(self):
        self.value = 1
        self.value = 2
