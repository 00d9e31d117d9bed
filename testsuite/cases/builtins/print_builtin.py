import sys, io
print("a", "b", 1, None)
print("a", "b", sep="")
print("x", end="|")
print("y", end="\n")
print()
print(*[1, 2, 3], sep=", ", end=".\n")
buf = io.StringIO()
print("to buffer", 42, file=buf)
print(repr(buf.getvalue()))
print("err line", file=sys.stderr)
print("flushed", flush=True)
print("sep None", "x", sep=None, end=None)
try:
    print("x", sep=5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print("x", file=5)
except AttributeError as e:
    print(type(e).__name__, e)
