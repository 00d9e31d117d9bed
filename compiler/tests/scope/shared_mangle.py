# shared
class A:
    __x = 1
    __y__ = 2
    def __m(self, __p):
        self.__z = __p
        return __q
