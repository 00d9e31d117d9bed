class Counter(dict):
    def __missing__(self, key):
        return 0
c = Counter(a=1)
print(c["a"], c["zz"], "zz" in c, c.get("zz"), c)
from collections import defaultdict, OrderedDict, Counter as C2
dd = defaultdict(list)
dd["x"].append(1)
dd["y"]
print(dict(dd), dd.default_factory is list)
od = OrderedDict([("a", 1), ("b", 2)])
od.move_to_end("a")
print(list(od), od.popitem(last=False))
cnt = C2("abracadabra")
print(cnt.most_common(2), cnt["a"], cnt["z"], sorted(cnt.items()))
