import collections, functools, itertools, operator, json, re, string, math, random
print(json.loads('{"a": [1, 2.5, null, true]}'), json.dumps({"b": None}, sort_keys=True))
print(re.findall(r"\d+", "a1b22c333"), re.sub(r"(\w)(\w)", r"\2\1", "abcd"), bool(re.match("a.c", "abc")))
random.seed(12345)
print(random.randint(1, 100), random.random() < 1, random.choice("abc"))
print(collections.deque([1, 2, 3], maxlen=2), sorted(collections.Counter("hello").items()))
