r = [f(x)[i].attr + g(*args, **kw) for i, x in enumerate(data) if x and not x.skip] or {"k": (a if b else c)}
