"""Functional tools for creating and using iterators (Taipan's own implementation).

Each iterator is a small class whose `__next__` advances a private generator, so
`type(chain())` is `itertools.chain` as in CPython while the algorithms stay short.
Arguments are checked eagerly, where CPython's C constructors check them."""

import sys as _sys

__all__ = ['accumulate', 'batched', 'chain', 'combinations', 'combinations_with_replacement',
           'compress', 'count', 'cycle', 'dropwhile', 'filterfalse', 'groupby', 'islice',
           'pairwise', 'permutations', 'product', 'repeat', 'starmap', 'takewhile', 'tee',
           'zip_longest']


class _Iter:
    __slots__ = ('_g',)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._g)


def _new(cls, gen):
    self = object.__new__(cls)
    self._g = gen
    return self


def _no_kwargs(name, kwargs):
    if kwargs:
        raise TypeError(f'{name}() takes no keyword arguments')


def _int_arg(x):
    if isinstance(x, int):
        return x
    try:
        return x.__index__()
    except AttributeError:
        raise TypeError(f"'{type(x).__name__}' object cannot be interpreted as an integer") from None


class count(_Iter):
    __slots__ = ('_n', '_step')

    def __new__(cls, start=0, step=1):
        for v in (start, step):
            if not isinstance(v, (int, float, complex)) and not hasattr(type(v), '__add__'):
                raise TypeError('a number is required')
        self = object.__new__(cls)
        self._n = start
        self._step = step
        return self

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        name = type(self).__name__
        if type(self._step) is int and self._step == 1:
            return f'{name}({self._n!r})'
        return f'{name}({self._n!r}, {self._step!r})'


def _cycle_gen(it):
    saved = []
    for x in it:
        yield x
        saved.append(x)
    if not saved:
        return
    while True:
        for _x in saved:  # `yield from` inside a loop misbehaves in Taipan today
            yield _x


class cycle(_Iter):
    __slots__ = ()

    def __new__(cls, iterable, /):
        return _new(cls, _cycle_gen(iter(iterable)))


class repeat(_Iter):
    __slots__ = ('_obj', '_left')

    def __new__(cls, object, times=None):
        self = _Iter.__new__(cls)
        self._obj = object
        if times is None:
            self._left = -1
        else:
            self._left = max(0, _int_arg(times))
        return self

    def __next__(self):
        if self._left == 0:
            raise StopIteration
        if self._left > 0:
            self._left -= 1
        return self._obj

    def __length_hint__(self):
        if self._left < 0:
            raise TypeError('len() of unsized object')
        return self._left

    def __repr__(self):
        name = type(self).__name__
        if self._left < 0:
            return f'{name}({self._obj!r})'
        return f'{name}({self._obj!r}, {self._left})'


def _accumulate_gen(it, func, initial):
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    if func is None:
        for x in it:
            total = total + x
            yield total
    else:
        for x in it:
            total = func(total, x)
            yield total


class accumulate(_Iter):
    __slots__ = ()

    def __new__(cls, iterable, func=None, *, initial=None):
        return _new(cls, _accumulate_gen(iter(iterable), func, initial))


def _chain_gen(iterables):
    for it in iterables:
        for _x in it:  # `yield from` inside a loop misbehaves in Taipan today
            yield _x


class chain(_Iter):
    __slots__ = ()

    def __new__(cls, *iterables, **kwargs):
        _no_kwargs('chain', kwargs)
        return _new(cls, _chain_gen(iterables))

    @classmethod
    def from_iterable(cls, iterable, /):
        return _new(cls, _chain_gen(iter(iterable)))

    def __class_getitem__(cls, item):
        return cls


def _compress_gen(data, selectors):
    for d, s in zip(data, selectors):
        if s:
            yield d


class compress(_Iter):
    __slots__ = ()

    def __new__(cls, data, selectors):
        return _new(cls, _compress_gen(iter(data), iter(selectors)))


def _dropwhile_gen(pred, it):
    for x in it:
        if not pred(x):
            yield x
            break
    for _x in it:  # `yield from` inside a loop misbehaves in Taipan today
        yield _x


class dropwhile(_Iter):
    __slots__ = ()

    def __new__(cls, predicate, iterable, /):
        return _new(cls, _dropwhile_gen(predicate, iter(iterable)))


def _takewhile_gen(pred, it):
    for x in it:
        if pred(x):
            yield x
        else:
            return


class takewhile(_Iter):
    __slots__ = ()

    def __new__(cls, predicate, iterable, /):
        return _new(cls, _takewhile_gen(predicate, iter(iterable)))


def _filterfalse_gen(pred, it):
    if pred is None:
        pred = bool
    for x in it:
        if not pred(x):
            yield x


class filterfalse(_Iter):
    __slots__ = ()

    def __new__(cls, function, iterable, /):
        return _new(cls, _filterfalse_gen(function, iter(iterable)))


class _Grouper(_Iter):
    __slots__ = ('_parent', '_key')

    def __next__(self):
        p = self._parent
        if p._cur_grouper is not self:
            raise StopIteration
        if p._tgtkey_set is False:
            p._step()
        if p._exhausted or p._curkey != self._key:
            raise StopIteration
        v = p._curval
        p._tgtkey_set = False
        return v


_Grouper.__name__ = _Grouper.__qualname__ = '_grouper'


class groupby(_Iter):
    """Groups consecutive items with equal keys; yields (key, group iterator)."""
    __slots__ = ('_it', '_keyfunc', '_curkey', '_curval', '_tgtkey_set', '_exhausted',
                 '_cur_grouper')

    def __new__(cls, iterable, key=None):
        self = object.__new__(cls)
        self._it = iter(iterable)
        self._keyfunc = key
        self._tgtkey_set = False  # False: need to fetch the next item
        self._exhausted = False
        self._cur_grouper = None
        self._curkey = None
        self._curval = None
        return self

    def _step(self):
        try:
            v = next(self._it)
        except StopIteration:
            self._exhausted = True
            raise
        self._curval = v
        self._curkey = v if self._keyfunc is None else self._keyfunc(v)
        self._tgtkey_set = True

    def __next__(self):
        g = self._cur_grouper
        if g is not None:
            # Skip the rest of the current group.
            key = g._key
            while True:
                if not self._tgtkey_set:
                    self._step()
                if self._curkey != key:
                    break
                self._tgtkey_set = False
        elif not self._tgtkey_set:
            self._step()
        g = object.__new__(_Grouper)
        g._parent = self
        g._key = self._curkey
        self._cur_grouper = g
        return (self._curkey, g)


def _islice_arg(v, what):
    if v is None:
        return None
    try:
        n = v.__index__() if not isinstance(v, int) else v
    except AttributeError:
        n = -1
    if n < 0 or n > _sys.maxsize:
        raise ValueError(what)
    return n


def _islice_gen(it, start, stop, step):
    i = 0
    nxt = start
    if stop is not None and start >= stop:
        # CPython still skips the first `start` items before noticing the empty range.
        for _ in range(start):
            try:
                next(it)
            except StopIteration:
                return
        return
    for x in it:
        if i == nxt:
            yield x
            nxt += step
            if stop is not None and nxt >= stop:
                # Consume up to stop like CPython.
                for _ in range(stop - i - 1):
                    try:
                        next(it)
                    except StopIteration:
                        return
                return
        i += 1


class islice(_Iter):
    __slots__ = ()

    def __new__(cls, iterable, *args):
        if len(args) == 1:
            start, stop, step = None, args[0], None
            stop = _islice_arg(stop, 'Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.')
        elif 2 <= len(args) <= 3:
            start, stop = args[0], args[1]
            step = args[2] if len(args) == 3 else None
            msg = 'Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.'
            start = _islice_arg(start, msg)
            stop = _islice_arg(stop, msg)
        elif not args:
            raise TypeError('islice expected at least 2 arguments, got 1')
        else:
            raise TypeError(f'islice expected at most 4 arguments, got {len(args) + 1}')
        if step is not None:
            try:
                step = _islice_arg(step, '')
            except ValueError:
                step = 0
            if step < 1:
                raise ValueError('Step for islice() must be a positive integer or None.')
        return _new(cls, _islice_gen(iter(iterable), start or 0, stop, step or 1))


def _pairwise_gen(it):
    try:
        a = next(it)
    except StopIteration:
        return
    for b in it:
        yield (a, b)
        a = b


class pairwise(_Iter):
    __slots__ = ()

    def __new__(cls, iterable, /):
        return _new(cls, _pairwise_gen(iter(iterable)))


def _starmap_gen(func, it):
    for args in it:
        yield func(*args)


class starmap(_Iter):
    __slots__ = ()

    def __new__(cls, function, iterable, /):
        return _new(cls, _starmap_gen(function, iter(iterable)))


class _TeeData:
    __slots__ = ('it', 'buf', 'base', 'positions')


class _tee(_Iter):
    __slots__ = ('_data', '_pos', '__weakref__')

    def __next__(self):
        d = self._data
        i = self._pos - d.base
        if i < len(d.buf):
            v = d.buf[i]
        else:
            v = next(d.it)
            d.buf.append(v)
        self._pos += 1
        return v

    def __copy__(self):
        t = object.__new__(_tee)
        t._data = self._data
        t._pos = self._pos
        return t


def tee(iterable, n=2, /):
    n = _int_arg(n)
    if n < 0:
        raise ValueError('n must be >= 0')
    if n == 0:
        return ()
    it = iter(iterable)
    if isinstance(it, _tee):
        first = it
    else:
        d = _TeeData()
        d.it = it
        d.buf = []
        d.base = 0
        first = object.__new__(_tee)
        first._data = d
        first._pos = 0
    return tuple([first] + [first.__copy__() for _ in range(n - 1)])


def _zip_longest_gen(its, fillvalue):
    active = len(its)
    if not active:
        return
    its = list(its)
    while True:
        values = []
        for i, it in enumerate(its):
            if it is None:
                values.append(fillvalue)
                continue
            try:
                values.append(next(it))
            except StopIteration:
                active -= 1
                if not active:
                    return
                its[i] = None
                values.append(fillvalue)
        yield tuple(values)


class zip_longest(_Iter):
    __slots__ = ()

    def __new__(cls, *iterables, fillvalue=None):
        return _new(cls, _zip_longest_gen([iter(x) for x in iterables], fillvalue))


def _product_gen(pools):
    if any(len(p) == 0 for p in pools):
        return
    n = len(pools)
    idx = [0] * n
    yield tuple(p[0] for p in pools)
    while True:
        i = n - 1
        while i >= 0:
            idx[i] += 1
            if idx[i] < len(pools[i]):
                break
            idx[i] = 0
            i -= 1
        if i < 0:
            return
        yield tuple(pools[k][idx[k]] for k in range(n))


class product(_Iter):
    __slots__ = ()

    def __new__(cls, *iterables, repeat=1):
        repeat = _int_arg(repeat)
        if repeat < 0:
            raise ValueError('repeat argument cannot be negative')
        pools = [tuple(p) for p in iterables] * repeat
        return _new(cls, _product_gen(pools))


def _permutations_gen(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple(pool[i] for i in indices[:r])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[i] for i in indices[:r])
                break
        else:
            return


class permutations(_Iter):
    __slots__ = ()

    def __new__(cls, iterable, r=None):
        pool = tuple(iterable)
        if r is None:
            r = len(pool)
        else:
            r = _int_arg(r)
            if r < 0:
                raise ValueError('r must be non-negative')
        return _new(cls, _permutations_gen(pool, r))


def _combinations_gen(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(r))
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != i + n - r:
                break
        else:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple(pool[i] for i in indices)


class combinations(_Iter):
    __slots__ = ()

    def __new__(cls, iterable, r):
        pool = tuple(iterable)
        r = _int_arg(r)
        if r < 0:
            raise ValueError('r must be non-negative')
        return _new(cls, _combinations_gen(pool, r))


def _cwr_gen(pool, r):
    n = len(pool)
    if not n and r:
        return
    indices = [0] * r
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != n - 1:
                break
        else:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple(pool[i] for i in indices)


class combinations_with_replacement(_Iter):
    __slots__ = ()

    def __new__(cls, iterable, r):
        pool = tuple(iterable)
        r = _int_arg(r)
        if r < 0:
            raise ValueError('r must be non-negative')
        return _new(cls, _cwr_gen(pool, r))


def _batched_gen(it, n, strict):
    while True:
        batch = []
        for _ in range(n):
            try:
                batch.append(next(it))
            except StopIteration:
                break
        if not batch:
            return
        if strict and len(batch) != n:
            raise ValueError('batched(): incomplete batch')
        yield tuple(batch)
        if len(batch) < n:
            return


class batched(_Iter):
    __slots__ = ()

    def __new__(cls, iterable, n, *, strict=False):
        n = _int_arg(n)
        if n < 1:
            raise ValueError('n must be at least one')
        return _new(cls, _batched_gen(iter(iterable), n, strict))
