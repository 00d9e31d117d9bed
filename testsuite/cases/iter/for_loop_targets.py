d = {}
for d["k"] in range(3):
    pass
print(d)
class O: pass
o = O()
for o.attr in "xy":
    pass
print(o.attr)
l = [0, 0]
for l[0], l[1] in [(1, 2), (3, 4)]:
    pass
print(l)
for i, *rest in [(1, 2, 3), (4,)]:
    print(i, rest)
