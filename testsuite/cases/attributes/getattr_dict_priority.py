class C:
    attr = "class"
    def __getattr__(self, n): return "getattr " + n
c = C()
print(c.attr)
c.__dict__["attr"] = "instance"
print(c.attr)
del c.__dict__["attr"]
del C.attr
print(c.attr)
