# shared
class A:
    def m(self):
        def inner():
            return super()
        return inner
