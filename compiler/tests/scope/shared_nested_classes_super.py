# shared
class A:
    class B:
        def m(self):
            return super().m()
    def n(self):
        return lambda: super()
