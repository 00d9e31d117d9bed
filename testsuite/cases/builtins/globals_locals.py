gv = 1
print("gv" in globals(), globals()["__name__"], type(globals()).__name__)
def f(a, b=2):
    c = 3
    return sorted(locals().items())
print(f(1))
def g():
    x = 1
    loc = locals()
    x = 2
    return loc["x"], locals()["x"]
print(g())
globals()["injected"] = "yes"
print(injected)
class K:
    a = 1
    print(sorted(k for k in locals() if not k.startswith("__")))
