class A:
    def __setattr__(self, k, v):
        print("A.__setattr__", k, v)
        super().__setattr__(k, v)
class B(A):
    def __setattr__(self, k, v):
        super().__setattr__(k, str(v))
b = B()
b.x = 5
print(b.x, type(b.x).__name__)
