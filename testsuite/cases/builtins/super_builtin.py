class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B>" + super().who()
print(B().who(), super(B, B()).who(), type(super(B, B())).__name__)
try:
    super()
except RuntimeError as e:
    print(type(e).__name__, e)
