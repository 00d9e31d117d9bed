class P:
    pass
objs = [P() for _ in range(1000)]
for i, o in enumerate(objs):
    o.a = i
    if i % 2:
        o.b = -i
print(sum(o.a for o in objs), sum(getattr(o, "b", 0) for o in objs), list(vars(objs[3])), list(vars(objs[4])))
for o in objs[:10]:
    del o.a
print(hasattr(objs[0], "a"), objs[1].__dict__)
