def func(value, *, maximum=1): pass
for kw in [{"valeu": 1}, {"value": 1, "maximun": 2}, {"value": 1, "zzz": 3}]:
    try:
        func(**kw)
    except TypeError as e:
        print(e)
def posonly(a, /):
    pass
try:
    posonly(a=1)
except TypeError as e:
    print(e)
