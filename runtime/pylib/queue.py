"""Synchronised queues for passing work between threads (Taipan's own implementation).

`Queue` (FIFO), `LifoQueue` and `PriorityQueue` share one mutex among three conditions:
`not_empty` (getters wait on it), `not_full` (putters wait on it) and `all_tasks_done`
(`join()` waits on it).  Subclasses change the order by overriding `_init`, `_qsize`,
`_put` and `_get`.
"""

import threading
import types
from collections import deque
from heapq import heappush, heappop
from time import monotonic as _time

__all__ = ['Empty', 'Full', 'ShutDown', 'Queue', 'PriorityQueue', 'LifoQueue',
           'SimpleQueue']


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    return repr(obj)


class _Alias:
    """Stands in for types.GenericAlias where the runtime cannot construct one."""

    def __init__(self, origin, args):
        self.__origin__ = origin
        self.__args__ = args if isinstance(args, tuple) else (args,)

    def __repr__(self):
        return (f"{_type_repr(self.__origin__)}"
                f"[{', '.join(_type_repr(a) for a in self.__args__)}]")

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __eq__(self, other):
        if not isinstance(other, _Alias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __mro_entries__(self, bases):
        return (self.__origin__,)


def _generic_alias(cls, item):
    """`cls[item]`, as types.GenericAlias(cls, item) when the runtime has it."""
    try:
        return types.GenericAlias(cls, item)
    except (AttributeError, TypeError):
        return _Alias(cls, item)


class Empty(Exception):
    'Exception raised by Queue.get(block=0)/get_nowait().'
    pass


class Full(Exception):
    'Exception raised by Queue.put(block=0)/put_nowait().'
    pass


class ShutDown(Exception):
    '''Raised when put/get with shut-down queue.'''


def _check_timeout(timeout):
    if timeout < 0:
        raise ValueError("'timeout' must be a non-negative number")


class Queue:
    '''Create a queue object with a given maximum size.

    If maxsize is <= 0, the queue size is infinite.
    '''

    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._init(maxsize)
        self.mutex = threading.Lock()
        self.not_empty = threading.Condition(self.mutex)
        self.not_full = threading.Condition(self.mutex)
        self.all_tasks_done = threading.Condition(self.mutex)
        self.unfinished_tasks = 0
        self.is_shutdown = False

    def task_done(self):
        '''Indicate that a formerly enqueued task is complete.'''
        with self.all_tasks_done:
            left = self.unfinished_tasks - 1
            if left < 0:
                raise ValueError('task_done() called too many times')
            self.unfinished_tasks = left
            if left == 0:
                self.all_tasks_done.notify_all()

    def join(self):
        '''Blocks until every item put in the queue has been processed
        (task_done() called for it).'''
        with self.all_tasks_done:
            while self.unfinished_tasks:
                self.all_tasks_done.wait()

    def qsize(self):
        '''Return the approximate size of the queue (not reliable!).'''
        with self.mutex:
            return self._qsize()

    def empty(self):
        '''Return True if the queue is empty, False otherwise (not reliable!).'''
        with self.mutex:
            return not self._qsize()

    def full(self):
        '''Return True if the queue is full, False otherwise (not reliable!).'''
        with self.mutex:
            return 0 < self.maxsize <= self._qsize()

    def put(self, item, block=True, timeout=None):
        '''Put an item into the queue, waiting for a free slot if `block` is true
        (for at most `timeout` seconds, then raising Full).'''
        with self.not_full:
            if self.is_shutdown:
                raise ShutDown
            if self.maxsize > 0:
                if not block:
                    if self._qsize() >= self.maxsize:
                        raise Full
                elif timeout is None:
                    while self._qsize() >= self.maxsize:
                        self.not_full.wait()
                        if self.is_shutdown:
                            raise ShutDown
                else:
                    _check_timeout(timeout)
                    deadline = _time() + timeout
                    while self._qsize() >= self.maxsize:
                        remaining = deadline - _time()
                        if remaining <= 0.0:
                            raise Full
                        self.not_full.wait(remaining)
                        if self.is_shutdown:
                            raise ShutDown
            self._put(item)
            self.unfinished_tasks += 1
            self.not_empty.notify()

    def get(self, block=True, timeout=None):
        '''Remove and return an item, waiting for one if `block` is true (for at most
        `timeout` seconds, then raising Empty).'''
        with self.not_empty:
            if self.is_shutdown and not self._qsize():
                raise ShutDown
            if not block:
                if not self._qsize():
                    raise Empty
            elif timeout is None:
                while not self._qsize():
                    self.not_empty.wait()
                    if self.is_shutdown and not self._qsize():
                        raise ShutDown
            else:
                _check_timeout(timeout)
                deadline = _time() + timeout
                while not self._qsize():
                    remaining = deadline - _time()
                    if remaining <= 0.0:
                        raise Empty
                    self.not_empty.wait(remaining)
                    if self.is_shutdown and not self._qsize():
                        raise ShutDown
            item = self._get()
            self.not_full.notify()
            return item

    def put_nowait(self, item):
        '''Put an item into the queue without blocking (Full if there is no room).'''
        return self.put(item, block=False)

    def get_nowait(self):
        '''Remove and return an item without blocking (Empty if there is none).'''
        return self.get(block=False)

    def shutdown(self, immediate=False):
        '''Shut the queue down: puts raise ShutDown, and gets raise it once the queue
        is empty (at once, discarding the items, when `immediate` is true).'''
        with self.mutex:
            self.is_shutdown = True
            if immediate:
                while self._qsize():
                    self._get()
                    if self.unfinished_tasks > 0:
                        self.unfinished_tasks -= 1
                self.all_tasks_done.notify_all()
            self.not_empty.notify_all()
            self.not_full.notify_all()

    # Storage: override these to change the order of the queue.

    def _init(self, maxsize):
        self.queue = deque()

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.popleft()

    def __class_getitem__(cls, item):
        return _generic_alias(cls, item)


class PriorityQueue(Queue):
    '''Variant of Queue that retrieves open entries in priority order (lowest first).

    Entries are typically tuples of the form:  (priority number, data).
    '''

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        heappush(self.queue, item)

    def _get(self):
        return heappop(self.queue)


class LifoQueue(Queue):
    '''Variant of Queue that retrieves most recently added entries first.'''

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.pop()


class SimpleQueue:
    '''Simple, unbounded FIFO queue (no task tracking).'''

    def __init__(self):
        self._queue = deque()
        self._cond = threading.Condition(threading.Lock())

    def put(self, item, block=True, timeout=None):
        '''Put the item on the queue; never blocks (the arguments are for
        compatibility with Queue).'''
        with self._cond:
            self._queue.append(item)
            self._cond.notify()

    def get(self, block=True, timeout=None):
        '''Remove and return an item, waiting for one if `block` is true (for at most
        `timeout` seconds, then raising Empty).'''
        if timeout is not None and block:
            _check_timeout(timeout)
        with self._cond:
            if not self._queue:
                if not block:
                    raise Empty
                if timeout is None:
                    while not self._queue:
                        self._cond.wait()
                else:
                    deadline = _time() + timeout
                    while not self._queue:
                        remaining = deadline - _time()
                        if remaining <= 0.0:
                            raise Empty
                        self._cond.wait(remaining)
            return self._queue.popleft()

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(False)

    def empty(self):
        with self._cond:
            return not self._queue

    def qsize(self):
        with self._cond:
            return len(self._queue)

    def __class_getitem__(cls, item):
        return _generic_alias(cls, item)
