from __future__ import annotations

x: List[int] = []

def f(a: Foo, b: Bar = None) -> Baz:
    pass

class C:
    y: Qux
