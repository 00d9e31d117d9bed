# shared
class C:
    global g
    g = 1
    def m(self):
        return g
