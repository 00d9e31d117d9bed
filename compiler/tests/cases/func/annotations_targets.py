class C:
    pass

obj = C()
d = {}
obj.attr: int
obj.attr2: int = 1
d["key"]: str
d[1:2, ::3]: list
(plain): int = 5
