a = b"bytes"
b = b"\x00\xff" rb"\d"
