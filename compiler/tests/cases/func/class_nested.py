class Outer:
    class Inner:
        def f(self):
            pass

    def g(self):
        class Local:
            pass
        return Local
