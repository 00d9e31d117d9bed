class B:
    def __bytes__(self): return b"bytes!"
    def __complex__(self): return 1j
    def __float__(self): return 0.5
    def __int__(self): return 7
    def __round__(self, n=None): return "rounded"
    def __trunc__(self): return 3
    def __floor__(self): return "floor"
    def __ceil__(self): return "ceil"
import math
b = B()
print(bytes(b), complex(b), float(b), int(b), round(b), math.trunc(b), math.floor(b), math.ceil(b))
