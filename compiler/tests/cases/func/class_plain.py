class C:
    x = 1

    def method(self):
        return self.x
