# shared
class A(B):
    def __init__(self):
        super().__init__()
    def other(self):
        return __class__
