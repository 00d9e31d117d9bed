import sys
if sys.flags:
    a: int = 1
class C:
    for i in range(2):
        b: str
    c: int
