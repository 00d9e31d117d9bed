class C:
    def __init__(self, a):
        self.b = a
        self.a = a
        self.a += 1
        (self.c, self.d) = (1, 2)

    def other(self):
        self.e: int = 1
        for self.f in range(3):
            pass

        class Nested:
            def g(self):
                self.not_outer = 1
