try:
    bool(NotImplemented)
except TypeError as e:
    print(type(e).__name__, e)
try:
    if NotImplemented:
        pass
except TypeError as e:
    print(type(e).__name__, e)
print(NotImplemented is NotImplemented, repr(NotImplemented))
