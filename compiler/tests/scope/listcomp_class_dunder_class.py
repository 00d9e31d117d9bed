class C:
    def m(self):
        return [__class__ for _ in range(1)]
    vals = [super for _ in range(1)]
