import sys
a = sys.intern("hello world!" * 2)
b = sys.intern("hello world!" * 2)
print(a is b, a == b)
try:
    sys.intern(5)
except TypeError as e:
    print(type(e).__name__, e)
