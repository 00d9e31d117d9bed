class Meta(type):
    pass

class C(object, metaclass=Meta, flag=True):
    pass
