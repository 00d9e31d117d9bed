s = "hello.world.py"
print(s.startswith("hello"), s.startswith("world", 6), s.startswith(("x", "he")), s.startswith(""))
print(s.endswith(".py"), s.endswith((".txt", ".py")), s.endswith("world", 0, 11), s.endswith("o", -10, -9))
try:
    s.startswith(["he"])
except TypeError as e:
    print(type(e).__name__, e)
