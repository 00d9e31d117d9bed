class C:
    shared = []
    count = 0
    def __init__(self):
        C.count += 1
        self.own = []
a, b = C(), C()
a.shared.append(1)
a.own.append(2)
print(b.shared, b.own, C.count, a.count)
a.count = 100
print(a.count, b.count, C.count)
del a.count
print(a.count)
print("shared" in vars(a), "shared" in C.__dict__, type(C.__dict__).__name__)
try:
    C.__dict__["x"] = 1
except TypeError as e:
    print(type(e).__name__, e)
