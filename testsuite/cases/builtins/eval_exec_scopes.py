x = 10
def f():
    y = 5
    return eval("x + y")
print(f())
g = {"v": 1}
l = {"v": 2}
print(eval("v", g, l), eval("v", g))
exec("w = v * 100", g, l)
print(l["w"], "w" in g)
exec("def h(): return 'from exec'", g)
print(g["h"]())
print(eval("__name__"), eval("__name__", {"__name__": "custom"}))
try:
    eval("undefined_name_xyz")
except NameError as e:
    print(type(e).__name__, e)
try:
    eval("1 +")
except SyntaxError as e:
    print(type(e).__name__, e.msg)
try:
    exec(5)
except TypeError as e:
    print(type(e).__name__, e)
