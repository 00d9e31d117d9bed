def level1(x):
    def level2(y):
        def level3(z):
            return x + y + z
        return level3
    return level2
print(level1(1)(2)(3), level1.__code__.co_cellvars)
def counter_pair():
    n = 0
    def get(): return n
    def inc():
        nonlocal n
        n += 1
    return get, inc
get, inc = counter_pair()
inc(); inc()
print(get(), get.__closure__[0] is inc.__closure__[0])
