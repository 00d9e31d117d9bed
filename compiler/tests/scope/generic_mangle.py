class A:
    class B[__T](Base[__T, __other]):
        x: __T
