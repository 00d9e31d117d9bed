# shared
def f(rows):
    return ((c for c in r if c > k) for r in rows for k in r)
