# Instance attributes live in shared shapes until __dict__, deletion or too many
# attributes move an instance to a dict; every path must behave like a dict.
class P:
    def __init__(self, x, y):
        self.x = x; self.y = y
    def norm(self): return self.x*self.x + self.y*self.y
ps = [P(i, i+1) for i in range(5)]
print(sum(p.norm() for p in ps))
p = ps[0]
p.z = 5
print(p.__dict__)
p.x = 10
print(p.x, p.__dict__, vars(ps[1]))
del ps[1].x
print(vars(ps[1]), hasattr(ps[1], 'x'))
ps[2].norm = lambda: 42
print(ps[2].norm(), ps[3].norm())
try:
    ps[3].q
except AttributeError as e: print(e)
del ps[4].y
try: del ps[4].y
except AttributeError as e: print(e)
class Q: pass
q = Q()
for i in range(100): setattr(q, f"a{i}", i)
print(len(q.__dict__), q.a57)
q.__dict__ = {'k': 1}
print(q.k, hasattr(q, 'a1'))

# Polymorphic sites: one method reading attributes of several subclasses with
# different layouts, including one that switched to a dict midway.
class Base:
    def total(self):
        return self.a + self.b
class A(Base):
    def __init__(self): self.a = 1; self.b = 2
class B(Base):
    def __init__(self): self.b = 10; self.a = 20
class C(Base):
    def __init__(self): self.x = 0; self.a = 100; self.b = 200
objs = [A(), B(), C(), A(), B(), C()]
objs[3].__dict__
total = 0
for _ in range(50):
    for o in objs:
        total += o.total()
        o.a = o.a + 1
print(total, [vars(o) for o in objs[:3]])
