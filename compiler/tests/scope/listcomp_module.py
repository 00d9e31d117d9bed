ys = [x for x in range(3)]
s = {x for x in ys}
d = {k: v for k, v in pairs}
