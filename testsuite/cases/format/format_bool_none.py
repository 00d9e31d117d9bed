print(format(True), format(True, "d"), format(False, "5"), format(True, ">6"), f"{True:x}", f"{None}", f"{None!r:>6}")
try:
    format(None, "d")
except TypeError as e:
    print(type(e).__name__, e)
print(format(True, "s") if False else format(str(True), "s"))
