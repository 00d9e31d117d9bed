"""Shallow and deep copy operations, Taipan's own implementation.

Builtin containers are handled directly; other objects use __copy__/__deepcopy__, then
__reduce_ex__/__reduce__, and finally a copy of the instance `__dict__` (Taipan's objects
do not all implement the reduce protocol yet)."""

__all__ = ['Error', 'copy', 'deepcopy', 'replace']


class Error(Exception):
    pass


error = Error

_atomic = (type(None), int, float, bool, complex, str, bytes, type, range,
           type(Ellipsis), type(NotImplemented), type(len), type(lambda: 0),
           property)


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    if cls in _atomic or cls is tuple or cls is frozenset:
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return x.copy()
    if cls is set:
        return x.copy()
    if issubclass(cls, type):
        return x
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    rv = _reduce(x, cls)
    if rv is not None:
        if isinstance(rv, str):
            return x
        return _reconstruct(x, None, *rv)
    return _copy_instance(x, cls, None)


def _reduce(x, cls):
    reductor = getattr(cls, '__reduce_ex__', None)
    if reductor is not None and reductor is not getattr(object, '__reduce_ex__', None):
        return reductor(x, 4)
    reductor = getattr(cls, '__reduce__', None)
    if reductor is not None and reductor is not getattr(object, '__reduce__', None):
        return reductor(x)
    return None


def _copy_instance(x, cls, memo):
    # Subclasses of builtin containers: copy the builtin part, then the attributes.
    if isinstance(x, (list, dict, set, tuple, frozenset)):
        base = next(b for b in cls.__mro__ if b in (list, dict, set, tuple, frozenset))
        if base is dict:
            items = [(deepcopy(k, memo), deepcopy(v, memo)) for k, v in x.items()] if memo is not None else list(x.items())
        else:
            items = [deepcopy(v, memo) for v in x] if memo is not None else list(x)
        if base in (tuple, frozenset):
            y = base.__new__(cls, items)
        else:
            y = cls.__new__(cls)
            if base is list:
                list.extend(y, items)
            elif base is dict:
                for k, v in items:
                    dict.__setitem__(y, k, v)
            else:
                set.update(y, items)
    else:
        y = cls.__new__(cls)
    if memo is not None:
        memo[id(x)] = y
    state = getattr(x, '__dict__', None)
    if state:
        if memo is not None:
            state = deepcopy(state, memo)
        if hasattr(y, '__setstate__') and type(y).__setstate__ is not getattr(object, '__setstate__', None):
            y.__setstate__(state)
        else:
            y.__dict__.update(state)
    for klass in cls.__mro__:
        for name in getattr(klass, '__slots__', ()) if not isinstance(getattr(klass, '__slots__', ()), str) else (klass.__slots__,):
            if name in ('__dict__', '__weakref__'):
                continue
            try:
                value = getattr(x, name)
            except AttributeError:
                continue
            setattr(y, name, deepcopy(value, memo) if memo is not None else value)
    return y


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    d = id(x)
    if memo is None:
        memo = {}
    else:
        y = memo.get(d, _nil)
        if y is not _nil:
            return y
    cls = type(x)
    if cls in _atomic:
        y = x
    elif cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        y = [deepcopy(a, memo) for a in x]
        try:
            return memo[d]
        except KeyError:
            pass
        for k, j in zip(x, y):
            if k is not j:
                y = tuple(y)
                break
        else:
            y = x
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set:
        y = set()
        memo[d] = y
        for v in x:
            y.add(deepcopy(v, memo))
    elif cls is frozenset:
        y = frozenset(deepcopy(v, memo) for v in x)
    elif issubclass(cls, type):
        y = x
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        else:
            rv = _reduce(x, cls)
            if rv is not None:
                if isinstance(rv, str):
                    y = x
                else:
                    y = _reconstruct(x, memo, *rv)
            else:
                y = _copy_instance(x, cls, memo)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct(x, memo, func, args, state=None, listiter=None, dictiter=None):
    deep = memo is not None
    if deep and args:
        args = tuple(deepcopy(arg, memo) for arg in args)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, '__setstate__'):
            y.__setstate__(state)
        else:
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            else:
                slotstate = None
            if state is not None:
                y.__dict__.update(state)
            if slotstate is not None:
                for key, value in slotstate.items():
                    setattr(y, key, value)
    if listiter is not None:
        if deep:
            for item in listiter:
                y.append(deepcopy(item, memo))
        else:
            for item in listiter:
                y.append(item)
    if dictiter is not None:
        if deep:
            for key, value in dictiter:
                y[deepcopy(key, memo)] = deepcopy(value, memo)
        else:
            for key, value in dictiter:
                y[key] = value
    return y


def replace(obj, /, **changes):
    """Return a new object replacing specified fields with new values."""
    cls = obj.__class__
    func = getattr(cls, '__replace__', None)
    if func is None:
        raise TypeError(f"replace() does not support {cls.__name__} objects")
    return func(obj, **changes)
