import io
b = io.BytesIO(b"abc")
print(b.read(1), b.read(), b.read(), b.tell())
b.write(b"def")
print(b.getvalue(), b.seek(0), b.read(2), b.getbuffer().nbytes)
b2 = io.BytesIO()
b2.write("é".encode())
b2.seek(0)
print(b2.read().decode(), len(b2.getvalue()))
try:
    b2.write("str")
except TypeError as e:
    print(type(e).__name__, e)
