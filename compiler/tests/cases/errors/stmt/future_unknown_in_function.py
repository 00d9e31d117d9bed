def f():
    from __future__ import nonsense
    nonlocal x
