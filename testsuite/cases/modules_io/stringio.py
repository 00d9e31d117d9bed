import io
s = io.StringIO()
print(s.write("hello "), s.write("world\nline2\n"), s.tell())
print(repr(s.getvalue()))
s.seek(0)
print(repr(s.readline()), repr(s.read()))
s2 = io.StringIO("a\nb\nc")
print(list(s2), s2.read(), s2.seek(2), s2.read(1))
s2.seek(0); s2.truncate(1)
print(repr(s2.getvalue()), s2.closed, s2.readable(), s2.writable(), s2.seekable())
s2.close()
try:
    s2.read()
except ValueError as e:
    print(type(e).__name__, e)
with io.StringIO("ctx") as s3:
    print(s3.read())
print(s3.closed)
