class Secret:
    __hidden = 1

    def __init__(self):
        self.__value = 2
        __local = 3
        self.__dunder__ = __local

    def __private(self):
        return Secret.__hidden

__hidden = "module"
