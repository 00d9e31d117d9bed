from functools import cached_property
class C:
    calls = 0
    @cached_property
    def expensive(self):
        C.calls += 1
        return 42
c = C()
print(c.expensive, c.expensive, C.calls, "expensive" in c.__dict__)
del c.expensive
print(c.expensive, C.calls)
