"""Heap queue algorithm (a binary min-heap on a list), Taipan's own implementation.

The sift functions follow the same strategy as CPython's Lib/heapq.py (sift the hole to a
leaf, then bubble the item up), so the list layouts match CPython's exactly."""

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge', 'nlargest', 'nsmallest',
           'heappushpop', 'heappush_max', 'heappop_max', 'heapify_max', 'heapreplace_max',
           'heappushpop_max']


def _siftdown(heap, startpos, pos):
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if newitem < parent:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _siftup(heap, pos):
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[childpos] < heap[rightpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _siftdown(heap, startpos, pos)


def _siftdown_max(heap, startpos, pos):
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if parent < newitem:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _siftup_max(heap, pos):
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[rightpos] < heap[childpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _siftdown_max(heap, startpos, pos)


def _check_list(heap):
    if not isinstance(heap, list):
        raise TypeError(f"heap argument must be a list, not {type(heap).__name__}")


def heappush(heap, item, /):
    _check_list(heap)
    heap.append(item)
    _siftdown(heap, 0, len(heap) - 1)


def heappop(heap, /):
    _check_list(heap)
    if not heap:
        raise IndexError('index out of range')
    lastelt = heap.pop()
    if heap:
        returnitem = heap[0]
        heap[0] = lastelt
        _siftup(heap, 0)
        return returnitem
    return lastelt


def heapreplace(heap, item, /):
    _check_list(heap)
    if not heap:
        raise IndexError('index out of range')
    returnitem = heap[0]
    heap[0] = item
    _siftup(heap, 0)
    return returnitem


def heappushpop(heap, item, /):
    _check_list(heap)
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _siftup(heap, 0)
    return item


def heapify(heap, /):
    _check_list(heap)
    for i in reversed(range(len(heap) // 2)):
        _siftup(heap, i)


def heappush_max(heap, item, /):
    _check_list(heap)
    heap.append(item)
    _siftdown_max(heap, 0, len(heap) - 1)


def heappop_max(heap, /):
    _check_list(heap)
    if not heap:
        raise IndexError('index out of range')
    lastelt = heap.pop()
    if heap:
        returnitem = heap[0]
        heap[0] = lastelt
        _siftup_max(heap, 0)
        return returnitem
    return lastelt


def heapreplace_max(heap, item, /):
    returnitem = heap[0]
    heap[0] = item
    _siftup_max(heap, 0)
    return returnitem


def heappushpop_max(heap, item, /):
    if heap and item < heap[0]:
        item, heap[0] = heap[0], item
        _siftup_max(heap, 0)
    return item


def heapify_max(heap, /):
    _check_list(heap)
    for i in reversed(range(len(heap) // 2)):
        _siftup_max(heap, i)


def merge(*iterables, key=None, reverse=False):
    """Merge sorted inputs into a single sorted output (stable)."""
    entries = []
    for order, it in enumerate(map(iter, iterables)):
        for value in it:
            entries.append((value if key is None else key(value), order, value, it))
            break
    # A simple k-way merge: re-sort the small frontier each step keeps it stable.
    import functools
    sign = -1 if reverse else 1

    def cmp(a, b):
        if a[0] < b[0]:
            return -sign
        if b[0] < a[0]:
            return sign
        return a[1] - b[1]
    k = functools.cmp_to_key(cmp)
    while entries:
        entries.sort(key=k)
        kv, order, value, it = entries[0]
        yield value
        for nxt in it:
            entries[0] = (nxt if key is None else key(nxt), order, nxt, it)
            break
        else:
            del entries[0]


def nsmallest(n, iterable, key=None):
    if n <= 0:
        return []
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=True)[:n]
