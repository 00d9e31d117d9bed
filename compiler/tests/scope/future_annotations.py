from __future__ import annotations
x: int = 1
def f(a: A) -> B:
    return a
class C:
    y: Y
