# shared
import os
import os.path
import a.b.c as d
from m import x, y as z
from m import *
def f():
    import json
    from m import q
    return json, q, os
