r = a if cond else b
s = (a if c1 else b) if c2 else (c if c3 else d)
