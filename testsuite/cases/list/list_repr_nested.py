l = [1, "two", 3.0, None, [4, [5]], (6,), {"k": 7}, {8}, b"9", True]
print(l, repr(l), str(l))
print([[]], [[], []], [()], [""], ["'"], ['"'], ["a'b\"c"])
class R:
    def __repr__(self): return "R!"
print([R(), [R()]], str([R()]))
