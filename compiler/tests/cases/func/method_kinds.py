class C:
    @staticmethod
    def s():
        pass

    @classmethod
    def c(cls):
        return cls

    @property
    def p(self):
        return 1

    async def a(self):
        pass
