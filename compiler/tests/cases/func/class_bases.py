class A:
    pass

class B(A, object):
    pass
