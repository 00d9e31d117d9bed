class OldSeq:
    def __getitem__(self, i):
        if i < 4:
            return i * i
        raise IndexError
print(list(OldSeq()), 9 in OldSeq(), 7 in OldSeq(), [x for x in OldSeq()])
it = iter(OldSeq())
print(type(it).__name__, next(it), next(it))
class Stops:
    def __getitem__(self, i):
        if i == 2: raise StopIteration
        return "s"
print(list(Stops()))
class NotIter:
    __iter__ = None
    def __getitem__(self, i): return i
try:
    iter(NotIter())
except TypeError as e:
    print(type(e).__name__, e)
