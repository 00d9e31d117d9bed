import os
from __future__ import annotations
def f():
    from m import *
