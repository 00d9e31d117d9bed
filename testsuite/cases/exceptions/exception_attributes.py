try:
    import no_such_mod_abc
except ImportError as e:
    print(type(e).__name__, e.name, e.path, e.msg)
try:
    {}["k"]
except KeyError as e:
    print(e.args)
e = OSError(2, "No such file or directory", "x.txt")
print(e.errno, e.strerror, e.filename, type(e).__name__, str(e))
print(type(OSError(13, "denied")).__name__, type(OSError(17, "exists")).__name__, type(OSError(2, "missing")).__name__)
s = SyntaxError("msg", ("f.py", 1, 2, "x y", 1, 3))
print(s.msg, s.filename, s.lineno, s.offset, s.text, s.end_lineno, s.end_offset, str(s))
u = UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
print(u.encoding, u.object, u.start, u.end, u.reason, str(u))
n = NameError("x", name="x")
print(n.name)
st = StopIteration(1, 2)
print(st.value)
