class C:
    def m(self):
        y = 1
        def helper():
            return y, super()
        return helper
