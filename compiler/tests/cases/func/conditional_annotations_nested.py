# Conditional annotations of a class nested in a method: the class's own
# `__conditional_annotations__` is also free there, through the method, up to the
# enclosing class, which then owns the cell as well (CPython's `drop_class_free`).
class Outer:
    def method(self):
        class C:
            with cm:
                x: int

class A:
    class B[__T](Base[__T, __other]):
      with a as b:  x: __T
