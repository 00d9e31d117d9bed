# collections.deque (native): the API, CPython's error messages, mutation detection,
# recursive repr and subclassing.
from collections import deque
import collections.abc
import copy


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


def show_type(f):
    # For errors whose text names the type: CPython says 'collections.deque' (its
    # tp_name) where Taipan says 'deque'.
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__)


# Construction and maxlen.
print(deque(), deque([1, 2, 3]), deque('abc'), deque(range(5), 3), deque(maxlen=2))
print(deque(iterable=[1], maxlen=4), deque([1, 2], maxlen=0), deque(maxlen=True))
show(lambda: deque(maxlen='a'))
show(lambda: deque(maxlen=2.0))
show(lambda: deque(maxlen=-1))
show(lambda: deque(maxlen=10**30))
show(lambda: deque(None))
show(lambda: deque(5))
show(lambda: deque([], 1, 2))
show(lambda: deque(x=1))
show(lambda: deque().rotate(1, 2))
show(lambda: deque().append())
show(lambda: deque().pop(1))
show(lambda: deque().insert(1))
d = deque([1, 2, 3], 5)
print(d.maxlen, deque().maxlen)
try:
    d.maxlen = 3
except AttributeError as e:
    print('AttributeError', e)
d.__init__([7, 8, 9, 10], 2)
print(d, d.maxlen)
d.__init__()
print(d, d.maxlen)

# Both ends.
d = deque()
for i in range(10):
    d.append(i)
    d.appendleft(-i)
print(d, len(d), bool(d), bool(deque()))
print(d.pop(), d.popleft(), d.pop(), d.popleft(), len(d))
show(lambda: deque().pop())
show(lambda: deque().popleft())
d = deque([1, 2, 3], 3)
d.append(4)
print(d)
d.appendleft(0)
print(d)
d.extend([5, 6])
print(d)
d.extendleft('ab')
print(d)
d = deque([], 0)
d.append(1)
d.appendleft(2)
d.extend(range(10))
print(d)

# extend / extendleft with all kinds of iterables, and with the deque itself.
d = deque()
d.extend([1, 2])
d.extend((3, 4))
d.extend(range(5, 7))
d.extend(x * 10 for x in range(2))
d.extend({'k': 1})
d.extend(deque([99]))
print(d)
d.extendleft([1, 2, 3])
print(d)
d = deque([1, 2])
d.extend(d)
print(d)
d.extendleft(d)
print(d)
show(lambda: deque().extend(3))


def broken():
    yield 1
    yield 2
    raise ValueError('boom')


d = deque()
show(lambda: d.extend(broken()))
print(d)

# clear, copy, __copy__.
d = deque([1, [2], 3], 7)
c = d.copy()
c2 = d.__copy__()
c3 = copy.copy(d)
c4 = copy.deepcopy(d)
d[1].append(5)
d.clear()
print(d, c, c2, c3, c4, c is d, c4[1] is c[1])

# count / index / remove / __contains__.
d = deque([1, 2, 3, 2, 1, 2.0, 'a', (1,)])
print(d.count(2), d.count('a'), d.count(7), d.count((1,)))
print(2 in d, 7 in d, 'a' in d, (1,) in d, 7 not in d)
print(d.index(2), d.index(2, 2), d.index(2, -3), d.index(1, 1, 5), d.index('a'))
show(lambda: d.index(7))
show(lambda: d.index(2, 6))
show(lambda: d.index(1, 0, -8))
show(lambda: d.index(2, 4, 1))
show(lambda: d.index(1, 'a'))
show(lambda: d.index(1, 0, None))
print(d.index(2, -100, 10**20))
d.remove(2)
print(d)
d.remove(2.0)
print(d)
show(lambda: d.remove('zz'))
nan = float('nan')
d = deque([nan])
print(d.count(nan), nan in d, d.index(nan))

# insert.
d = deque(range(5))
d.insert(0, 'a')
d.insert(-1, 'b')
d.insert(100, 'c')
d.insert(-100, 'd')
d.insert(3, 'e')
print(d)
show(lambda: deque([1, 2], 2).insert(0, 0))
show(lambda: deque([1], 0).insert(0, 0))
show(lambda: deque().insert('a', 1))
d = deque([1], 3)
d.insert(True, 9)
print(d)

# reverse / rotate.
d = deque(range(6))
d.rotate()
print(d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.rotate(6000001)
print(d)
d.reverse()
print(d)
e = deque()
e.rotate(5)
e.reverse()
print(e)
show(lambda: deque([1, 2]).rotate('a'))
show(lambda: deque([1, 2]).rotate(10**30))

# Indexing.
d = deque('abcdef')
print(d[0], d[-1], d[3], d[-6], d[True])
d[0] = 'A'
d[-1] = 'F'
print(d)
del d[1]
del d[-2]
print(d)
show(lambda: d[4])
show(lambda: d[-5])
show(lambda: d['a'])
show(lambda: d[1:2])
show(lambda: d[10**30])
try:
    d[9] = 1
except IndexError as e:
    print('IndexError', e)
try:
    del d[9]
except IndexError as e:
    print('IndexError', e)


class Idx:
    def __index__(self):
        return 1


print(d[Idx()], deque([1, 2, 3]).index(3, Idx()))

# repr, including recursion.
d = deque()
d.append(d)
print(d, repr(d), str(d))
d = deque([1], 3)
d.append([d])
print(d)
print(deque(['x', None, 1.5]))

# Comparisons.
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) != deque([1, 2]), deque() == deque())
print(deque([1, 2]) < deque([1, 3]), deque([1, 2]) < deque([1, 2, 0]), deque([1, 2]) <= deque([1, 2]))
print(deque([2]) > deque([1, 9]), deque([1, 2]) >= deque([1, 2, 3]), deque([1], 5) == deque([1]))
print(deque([1, 2]) == [1, 2], deque([1]) != [1], deque([nan]) == deque([nan]))
d = deque([3])
print(d == d, d != d, d <= d)
show_type(lambda: deque() < 3)
show(lambda: deque([1]) < deque(['a']))

# Arithmetic.
print(deque([1, 2]) + deque([3]), deque([1], 2) + deque([2, 3]))
show(lambda: deque() + [1])
show_type(lambda: [1] + deque())
print(deque([1, 2]) * 3, 2 * deque([1]), deque([1, 2]) * 0, deque([1, 2]) * -1)
print(deque([1, 2], 5) * 5, deque([1], 3) * 10)
show(lambda: deque([1]) * 'a')
show(lambda: deque([1]) * 1.5)
d = deque([1])
d2 = d
d += [2, 3]
d += deque([4])
d += 'ab'
print(d, d is d2)
d *= 2
print(d, d is d2)
d = deque([1, 2], 5)
d *= 5
print(d)
d *= 0
print(d)
try:
    d *= 'x'
except TypeError as e:
    print('TypeError', e)


class Times:
    def __rmul__(self, other):
        return 'rmul'


print(deque([1]) * Times())

# Hashing, iteration and the rest of the protocol.
show_type(lambda: {deque(): 1})
print(deque.__hash__)
d = deque([1, 2, 3])
it = iter(d)
print(iter(it) is it, next(it), it.__length_hint__(), list(it), it.__length_hint__())
print(list(reversed(d)), sorted(d, reverse=True), sum(d), max(d), list(enumerate(d)))
print(type(iter(d)).__name__, type(reversed(d)).__name__, type(iter(d)).__module__)
print(deque.__name__, deque.__module__, deque.__qualname__)
print(deque[int], deque[int].__origin__ is deque)
print(isinstance(deque(), collections.abc.MutableSequence), isinstance(deque(), collections.abc.Hashable))
r = deque([1, 2]).__reduce__()
print(r[:3], list(r[3]))
r = deque([1, 2], 3).__reduce__()
print(r[:3], list(r[3]))

# Iterators detect mutation.
for mutate in [lambda d: d.append(0), lambda d: d.pop(), lambda d: d.rotate(1),
               lambda d: d.clear(), lambda d: d.insert(0, 1), lambda d: d.extend([1]),
               lambda d: d.__delitem__(0), lambda d: d.remove(3)]:
    d = deque([1, 2, 3])
    it = iter(d)
    next(it)
    mutate(d)
    show(lambda: next(it))
    show(lambda: next(it))
for mutate in [lambda d: d.reverse(), lambda d: d.__setitem__(0, 9)]:
    d = deque([1, 2, 3])
    it = reversed(d)
    next(it)
    mutate(d)
    print(list(it))
d = deque([1, 2, 3])
try:
    for x in d:
        if x == 2:
            d.append(4)
except RuntimeError as e:
    print('RuntimeError', e, d)


# Scans detect mutation from __eq__.
class Meddler:
    def __init__(self, d):
        self.d = d

    def __eq__(self, other):
        self.d.append('m')
        return False


for op in ['count', 'index', 'contains', 'remove', 'compare']:
    d = deque()
    d.extend([Meddler(d), 2])
    if op == 'count':
        show(lambda: d.count(5))
    elif op == 'index':
        show(lambda: d.index(5))
    elif op == 'contains':
        show(lambda: 5 in d)
    elif op == 'remove':
        show(lambda: d.remove(5))
    else:
        show(lambda: d == deque([3, 2]))


class Raiser:
    def __eq__(self, other):
        raise KeyError('eq')


show(lambda: deque([1, Raiser()]).count(2))
show(lambda: Raiser() in deque([1]))
print(deque([1, Raiser()]).count(1) if False else 'skipped')


# Subclasses.
class D(deque):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tag = 'D'

    def append(self, x):
        super().append(x * 10)


d = D([1, 2])
d.append(3)
d.appendleft(0)
d.extra = 'yes'
print(d, d.tag, d.extra, type(d).__name__, len(d), d[-1], isinstance(d, deque))
print(D([1], maxlen=2), D.__mro__[1:])
c = d.copy()
print(c, type(c).__name__, c.tag, d == c, d == deque([0, 1, 2, 30]))
print(type(d + d).__name__, d + d, type(d * 2).__name__, list(reversed(d)))
print(d.__reduce__()[:3])
d += [5]
print(d, type(d).__name__)
print(copy.copy(d), copy.deepcopy(d))


class Counted(deque):
    def __repr__(self):
        return 'Counted(%d)' % len(self)


print(Counted([1, 2]), [Counted()], str(Counted([1])))


class Bounded(deque):
    pass


b = Bounded('xyz', 2)
print(b, b.maxlen, b.pop(), b, Bounded() == deque())
