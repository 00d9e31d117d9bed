class A:
    from __future__ import braces
