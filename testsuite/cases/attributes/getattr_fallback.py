class C:
    real = "real"
    def __getattr__(self, name):
        if name.startswith("dyn_"):
            return name[4:].upper()
        raise AttributeError(f"no {name}")
c = C()
print(c.real, c.dyn_abc, getattr(c, "dyn_x"), hasattr(c, "other"), getattr(c, "other", "dflt"))
try:
    c.other
except AttributeError as e:
    print(type(e).__name__, e)
