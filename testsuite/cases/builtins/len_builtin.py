print(len("abc"), len([1]), len(()), len({1: 2}), len({1}), len(b"xy"), len(range(5)), len("日本"))
class L:
    def __len__(self): return 7
print(len(L()))
for bad_len in [-1, 2 ** 70, "3", 1.5]:
    class B:
        def __len__(self, v=bad_len): return v
    try:
        print(len(B()))
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    len(5)
except TypeError as e:
    print(type(e).__name__, e)
