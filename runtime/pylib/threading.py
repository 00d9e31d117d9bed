"""Thread objects and synchronisation primitives (Taipan's own implementation).

Built on the low-level `_thread` module: `start_new_thread`, `allocate_lock`, `RLock`,
`get_ident` and friends.  Taipan has no GIL, so every piece of shared module state
below is only touched while `_registry_lock` is held.

A thread's completion is signalled through its `_done_lock`: the thread that calls
`start()` acquires it, and the new thread releases it as the very last step of its
bootstrap, so `join()` is "acquire, then release" on that lock.
"""

import sys as _sys
import _thread
from time import monotonic as _time
from collections import deque as _deque

__all__ = ['get_ident', 'active_count', 'Condition', 'current_thread',
           'enumerate', 'main_thread', 'TIMEOUT_MAX',
           'Event', 'Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Thread',
           'Barrier', 'BrokenBarrierError', 'Timer', 'ThreadError',
           'ExceptHookArgs', 'setprofile', 'settrace', 'local', 'stack_size',
           'excepthook', 'get_native_id', 'getprofile', 'gettrace',
           'setprofile_all_threads', 'settrace_all_threads']

_start_new_thread = _thread.start_new_thread
_allocate_lock = _thread.allocate_lock
get_ident = _thread.get_ident
get_native_id = _thread.get_native_id
ThreadError = _thread.error
TIMEOUT_MAX = _thread.TIMEOUT_MAX
stack_size = _thread.stack_size
_CRLock = _thread.RLock
_daemon_threads_allowed = getattr(_thread, 'daemon_threads_allowed', lambda: True)


def _lock_class():
    # CPython 3.13+ exposes the lock type itself as `threading.Lock`; fall back to the
    # factory when the type cannot be instantiated directly.
    try:
        _thread.LockType()
    except Exception:
        return _allocate_lock
    return _thread.LockType


Lock = _lock_class()
del _lock_class


def _deprecated(old, new):
    import warnings
    warnings.warn(f'{old} is deprecated, use {new} instead', DeprecationWarning, stacklevel=3)


# ---------------------------------------------------------------- tracing hooks

_trace_hook = None
_profile_hook = None


def settrace(func):
    """Remember a trace function for threads started afterwards (not acted on)."""
    global _trace_hook
    _trace_hook = func


def settrace_all_threads(func):
    settrace(func)


def gettrace():
    return _trace_hook


def setprofile(func):
    """Remember a profile function for threads started afterwards (not acted on)."""
    global _profile_hook
    _profile_hook = func


def setprofile_all_threads(func):
    setprofile(func)


def getprofile():
    return _profile_hook


# ---------------------------------------------------------------- RLock

def RLock(*args, **kwargs):
    """A reentrant lock: the thread that holds it may acquire it again; it must release
    it once per acquisition."""
    return _CRLock(*args, **kwargs)


# ---------------------------------------------------------------- Condition

class Condition:
    """A condition variable: waiting threads sleep until notified by a thread holding
    the associated lock (an RLock unless another lock is given)."""

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        # Locks that know how to save and restore their full state (RLock) let wait()
        # release all recursion levels at once.
        for name in ('_release_save', '_acquire_restore', '_is_owned'):
            method = getattr(lock, name, None)
            if method is not None:
                setattr(self, name, method)
        self._waiters = _deque()

    def _at_fork_reinit(self):
        self._lock._at_fork_reinit()
        self._waiters.clear()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return f"<Condition({self._lock}, {len(self._waiters)})>"

    def _release_save(self):
        self._lock.release()

    def _acquire_restore(self, state):
        self._lock.acquire()

    def _is_owned(self):
        # A plain lock does not know its owner: it is "owned" when it is held.
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def wait(self, timeout=None):
        """Release the lock, sleep until notified or until `timeout` seconds pass, then
        take the lock back.  Returns False only when the wait timed out."""
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        state = self._release_save()
        signalled = False
        try:
            if timeout is None:
                waiter.acquire()
                signalled = True
            elif timeout > 0:
                signalled = waiter.acquire(True, timeout)
            else:
                signalled = waiter.acquire(False)
            return signalled
        finally:
            self._acquire_restore(state)
            if not signalled:
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def wait_for(self, predicate, timeout=None):
        """Wait until `predicate()` is true (or the timeout passes); returns the last
        value of the predicate."""
        deadline = None if timeout is None else _time() + timeout
        remaining = timeout
        result = predicate()
        while not result:
            if deadline is not None:
                remaining = deadline - _time()
                if remaining <= 0:
                    break
            self.wait(remaining)
            result = predicate()
        return result

    def notify(self, n=1):
        """Wake up to `n` threads waiting on this condition."""
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        waiters = self._waiters
        while waiters and n > 0:
            waiter = waiters.popleft()
            try:
                waiter.release()
            except RuntimeError:
                # Already released by a timed-out waiter's own bookkeeping.
                pass
            else:
                n -= 1

    def notify_all(self):
        """Wake up every thread waiting on this condition."""
        self.notify(len(self._waiters))

    def notifyAll(self):
        import warnings
        warnings.warn('notifyAll() is deprecated, use notify_all() instead',
                      DeprecationWarning, stacklevel=2)
        self.notify_all()


# ---------------------------------------------------------------- Semaphores

class Semaphore:
    """A counter that `acquire` decrements (blocking at zero) and `release` increments."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def __repr__(self):
        cls = self.__class__
        return (f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}:"
                f" value={self._value}>")

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        deadline = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    return False
                if timeout is not None:
                    if deadline is None:
                        deadline = _time() + timeout
                    else:
                        timeout = deadline - _time()
                        if timeout <= 0:
                            return False
                self._cond.wait(timeout)
            self._value -= 1
            return True

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    """A semaphore whose value may never exceed its initial value."""

    def __init__(self, value=1):
        super().__init__(value)
        self._initial_value = value

    def __repr__(self):
        cls = self.__class__
        return (f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}:"
                f" value={self._value}/{self._initial_value}>")

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


# ---------------------------------------------------------------- Event

class Event:
    """A flag that threads can wait on until some thread sets it."""

    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def __repr__(self):
        cls = self.__class__
        status = 'set' if self._flag else 'unset'
        return f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}: {status}>"

    def _at_fork_reinit(self):
        self._cond._at_fork_reinit()

    def is_set(self):
        return self._flag

    def isSet(self):
        import warnings
        warnings.warn('isSet() is deprecated, use is_set() instead',
                      DeprecationWarning, stacklevel=2)
        return self.is_set()

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        """Block until the flag is set or `timeout` seconds pass; returns the flag."""
        with self._cond:
            flag = self._flag
            if not flag:
                flag = self._cond.wait(timeout)
            return flag


# ---------------------------------------------------------------- Barrier

class BrokenBarrierError(RuntimeError):
    pass


_FILLING, _DRAINING, _RESETTING, _BROKEN = 0, 1, -1, -2


class Barrier:
    """Makes `parties` threads wait for each other: `wait()` returns once all of them
    have called it, each getting a distinct index in range(parties)."""

    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be > 0")
        self._cond = Condition(Lock())
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._state = _FILLING
        self._count = 0

    def __repr__(self):
        cls = self.__class__
        if self.broken:
            return f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}: broken>"
        return (f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}:"
                f" waiters={self.n_waiting}/{self.parties}>")

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            # Threads from the previous cycle must all leave before a new one fills.
            self._wait_for_entry()
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._trip()
                else:
                    self._wait_for_trip(timeout)
                return index
            finally:
                self._count -= 1
                self._leave()

    def _wait_for_entry(self):
        while self._state in (_DRAINING, _RESETTING):
            self._cond.wait()
        if self._state < 0:
            raise BrokenBarrierError
        assert self._state == _FILLING

    def _trip(self):
        try:
            if self._action:
                self._action()
            self._state = _DRAINING
            self._cond.notify_all()
        except:
            self._break()
            raise

    def _wait_for_trip(self, timeout):
        if not self._cond.wait_for(lambda: self._state != _FILLING, timeout):
            self._break()
            raise BrokenBarrierError
        if self._state < 0:
            raise BrokenBarrierError
        assert self._state == _DRAINING

    def _leave(self):
        if self._count == 0 and self._state in (_RESETTING, _DRAINING):
            self._state = _FILLING
            self._cond.notify_all()

    def reset(self):
        """Return the barrier to its initial state; threads waiting on it get
        BrokenBarrierError."""
        with self._cond:
            if self._count > 0:
                if self._state == _FILLING:
                    self._state = _RESETTING
                elif self._state == _BROKEN:
                    self._state = _RESETTING
            else:
                self._state = _FILLING
            self._cond.notify_all()

    def abort(self):
        """Put the barrier in the broken state."""
        with self._cond:
            self._break()

    def _break(self):
        self._state = _BROKEN
        self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        if self._state == _FILLING:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state == _BROKEN


# ---------------------------------------------------------------- thread registry

_registry_lock = _allocate_lock()   # guards _active, _limbo, _name_counter, ...
_active = {}      # ident -> Thread, for running threads
_limbo = {}       # Thread -> Thread, started but not yet running
_name_counter = 0
_dummy_counter = 0
_SHUTTING_DOWN = False
_threading_atexits = []


def _newname(template="Thread-%d"):
    global _name_counter
    with _registry_lock:
        _name_counter += 1
        n = _name_counter
    return template % n


# ---------------------------------------------------------------- excepthook

class ExceptHookArgs(tuple):
    """The argument of `threading.excepthook`: exc_type, exc_value, exc_traceback and
    thread, as a tuple with named fields."""

    n_fields = 4
    n_sequence_fields = 4
    n_unnamed_fields = 0

    def __new__(cls, args):
        args = tuple(args)
        if len(args) != 4:
            raise TypeError(f"_thread._ExceptHookArgs() takes a 4-sequence "
                            f"({len(args)}-sequence given)")
        return tuple.__new__(cls, args)

    exc_type = property(lambda self: self[0])
    exc_value = property(lambda self: self[1])
    exc_traceback = property(lambda self: self[2])
    thread = property(lambda self: self[3])

    def __repr__(self):
        return (f"_thread._ExceptHookArgs(exc_type={self[0]!r}, exc_value={self[1]!r}, "
                f"exc_traceback={self[2]!r}, thread={self[3]!r})")

    def __reduce__(self):
        return (ExceptHookArgs, (tuple(self),))


try:
    # CPython's name for the type, which repr() shows.
    ExceptHookArgs.__name__ = ExceptHookArgs.__qualname__ = '_ExceptHookArgs'
    ExceptHookArgs.__module__ = '_thread'
except (AttributeError, TypeError):
    pass


def excepthook(args, /):
    """Report an exception that escaped a thread's run(): "Exception in thread NAME:"
    and the traceback, on sys.stderr.  SystemExit is ignored silently."""
    if args.exc_type is SystemExit:
        return
    stderr = _sys.stderr
    if stderr is None:
        thread = args.thread
        stderr = getattr(thread, '_stderr', None) if thread is not None else None
        if stderr is None:
            return
    thread = args.thread
    name = thread.name if thread is not None else get_ident()
    print(f"Exception in thread {name}:", file=stderr, flush=True)
    exc = args.exc_value
    if exc is None and args.exc_type is not None:
        exc = args.exc_type()
    import traceback
    if exc is not None:
        traceback.print_exception(type(exc), exc, args.exc_traceback, file=stderr)
    else:
        print("NoneType: None", file=stderr)
    stderr.flush()


__excepthook__ = excepthook


def _invoke_excepthook(thread):
    """Called by a thread's bootstrap inside `except:` for an exception out of run()."""
    exc_type, exc_value, exc_tb = _sys.exc_info()
    hook_args = ExceptHookArgs([exc_type, exc_value, exc_tb, thread])
    try:
        hook = excepthook
        if hook is None:
            raise RuntimeError("threading.excepthook is None")
        hook(hook_args)
    except Exception as exc:
        exc.__suppress_context__ = True
        del exc
        stderr = _sys.stderr if _sys.stderr is not None else thread._stderr
        if stderr is not None:
            print("Exception in threading.excepthook:", file=stderr, flush=True)
        sys_hook = getattr(_sys, 'excepthook', None)
        if sys_hook is None:
            raise RuntimeError("sys.excepthook is None")
        sys_hook(*_sys.exc_info())
    finally:
        hook_args = None


# ---------------------------------------------------------------- Thread

class Thread:
    """A thread of control: `target(*args, **kwargs)` (or an overridden `run()`) runs in
    a new OS thread once `start()` is called."""

    _initialized = False

    def __init__(self, group=None, target=None, name=None,
                 args=(), kwargs=None, *, daemon=None, context=None):
        assert group is None, "group argument must be None for now"
        if kwargs is None:
            kwargs = {}
        if name:
            name = str(name)
        else:
            name = _newname("Thread-%d")
            if target is not None:
                try:
                    name += f" ({target.__name__})"
                except AttributeError:
                    pass
        self._target = target
        self._name = name
        self._args = args
        self._kwargs = kwargs
        if daemon is not None:
            if daemon and not _daemon_threads_allowed():
                raise RuntimeError('daemon threads are disabled in this (sub)interpreter')
            self._daemonic = daemon
        else:
            self._daemonic = current_thread().daemon
        self._context = context
        self._ident = None
        self._native_id = None
        self._started = Event()
        self._is_stopped = False
        self._done_lock = _allocate_lock()
        self._local_impls = []
        self._initialized = True
        self._stderr = _sys.stderr
        self._invoke_excepthook = _invoke_excepthook

    def _reset_internal_locks(self, is_alive):
        pass

    def __repr__(self):
        assert self._initialized, "Thread.__init__() was not called"
        status = "initial"
        if self._started.is_set():
            status = "started"
        if self._is_stopped:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += f" {self._ident}"
        return f"<{self.__class__.__name__}({self._name}, {status})>"

    def start(self):
        """Start the thread; its run() method is called in a new thread of control.
        A thread can be started at most once."""
        if not self._initialized:
            raise RuntimeError("thread.__init__() not called")
        if self._started.is_set() or self._done_lock.locked():
            raise RuntimeError("threads can only be started once")
        if _SHUTTING_DOWN and not self._daemonic:
            raise RuntimeError("can't create new thread at interpreter shutdown")
        self._done_lock.acquire()
        with _registry_lock:
            _limbo[self] = self
        try:
            _start_new_thread(self._bootstrap, ())
        except Exception:
            with _registry_lock:
                _limbo.pop(self, None)
            self._done_lock.release()
            raise
        self._started.wait()

    def run(self):
        """The thread's activity: calls the target given to the constructor.  Override
        it in a subclass to do something else."""
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            # Drop references that could form cycles through the thread object.
            del self._target, self._args, self._kwargs

    def _bootstrap(self):
        try:
            self._bootstrap_inner()
        except:
            if self._daemonic and _sys is None:
                return
            raise

    def _set_ident(self):
        self._ident = get_ident()

    def _set_native_id(self):
        self._native_id = get_native_id()

    def _bootstrap_inner(self):
        try:
            self._set_ident()
            self._set_native_id()
            with _registry_lock:
                _active[self._ident] = self
                _limbo.pop(self, None)
            self._started.set()
            try:
                context = self._context
                if context is not None:
                    context.run(self.run)
                else:
                    self.run()
            except:
                self._invoke_excepthook(self)
        finally:
            self._stop()

    def _stop(self):
        """Mark the thread finished and wake up joiners (run by the thread itself)."""
        self._drop_locals()
        # Leave the registry before counting as stopped: once join() returns, the
        # thread is no longer in enumerate().
        with _registry_lock:
            if _active.get(self._ident) is self:
                del _active[self._ident]
        self._is_stopped = True
        if self._done_lock.locked():
            self._done_lock.release()

    def _drop_locals(self):
        impls = self._local_impls
        self._local_impls = []
        ident = self._ident
        for ref in impls:
            impl = ref()
            if impl is not None:
                impl.dicts.pop(ident, None)

    def join(self, timeout=None):
        """Wait until the thread terminates, or until `timeout` seconds pass.  Check
        is_alive() afterwards to tell which happened."""
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if not self._started.is_set():
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if self._is_stopped:
            return
        lock = self._done_lock
        if timeout is None:
            got = lock.acquire()
        else:
            timeout = max(timeout, 0)
            if timeout > TIMEOUT_MAX:
                timeout = TIMEOUT_MAX
            got = lock.acquire(True, timeout)
        if got:
            lock.release()

    @property
    def name(self):
        """The thread's name, only used for identification."""
        assert self._initialized, "Thread.__init__() not called"
        return self._name

    @name.setter
    def name(self, name):
        assert self._initialized, "Thread.__init__() not called"
        self._name = str(name)

    @property
    def ident(self):
        """The thread identifier, or None if the thread has not been started."""
        assert self._initialized, "Thread.__init__() not called"
        return self._ident

    @property
    def native_id(self):
        """The OS's id of the thread, or None if it has not been started."""
        assert self._initialized, "Thread.__init__() not called"
        return self._native_id

    def is_alive(self):
        """True from just before run() starts until just after it returns."""
        assert self._initialized, "Thread.__init__() not called"
        return self._started.is_set() and not self._is_stopped

    @property
    def daemon(self):
        """Whether this is a daemon thread: the program does not wait for those."""
        assert self._initialized, "Thread.__init__() not called"
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if daemonic and not _daemon_threads_allowed():
            raise RuntimeError('daemon threads are disabled in this interpreter')
        if self._started.is_set():
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic

    def isDaemon(self):
        _deprecated_accessor('isDaemon', 'get the daemon')
        return self.daemon

    def setDaemon(self, daemonic):
        _deprecated_accessor('setDaemon', 'set the daemon')
        self.daemon = daemonic

    def getName(self):
        _deprecated_accessor('getName', 'get the name')
        return self.name

    def setName(self, name):
        _deprecated_accessor('setName', 'set the name')
        self.name = name


def _deprecated_accessor(method, instead):
    """The DeprecationWarning of the pre-3.10 getters and setters (reported at their
    caller)."""
    import warnings
    warnings.warn(f'{method}() is deprecated, {instead} attribute instead',
                  DeprecationWarning, stacklevel=3)


# ---------------------------------------------------------------- Timer

class Timer(Thread):
    """Calls `function(*args, **kwargs)` after `interval` seconds unless cancel() is
    called first."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        """Stop the timer if it has not fired yet."""
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


# ---------------------------------------------------------------- main and foreign threads

class _MainThread(Thread):

    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._done_lock.acquire()
        self._started.set()
        self._set_ident()
        self._set_native_id()
        with _registry_lock:
            _active[self._ident] = self


class _DummyThread(Thread):
    """Stands for a thread not started by this module (e.g. by _thread directly)."""

    def __init__(self):
        Thread.__init__(self, name=_newname("Dummy-%d"), daemon=_daemon_threads_allowed())
        self._done_lock.acquire()
        self._started.set()
        self._set_ident()
        self._set_native_id()
        with _registry_lock:
            _active[self._ident] = self

    def _stop(self):
        pass

    def is_alive(self):
        if not self._is_stopped and self._started.is_set():
            return True
        raise RuntimeError("thread is not alive")

    def join(self, timeout=None):
        raise RuntimeError("cannot join a dummy thread")


def current_thread():
    """The Thread object for the calling thread (a dummy one for threads not started
    through this module)."""
    try:
        return _active[get_ident()]
    except KeyError:
        return _DummyThread()


def currentThread():
    import warnings
    warnings.warn('currentThread() is deprecated, use current_thread() instead',
                  DeprecationWarning, stacklevel=2)
    return current_thread()


def active_count():
    """The number of Thread objects currently alive."""
    with _registry_lock:
        return len(_active) + len(_limbo)


def activeCount():
    import warnings
    warnings.warn('activeCount() is deprecated, use active_count() instead',
                  DeprecationWarning, stacklevel=2)
    return active_count()


def enumerate():
    """A list of every Thread object currently alive."""
    with _registry_lock:
        return list(_active.values()) + list(_limbo.values())


_enumerate = enumerate


def main_thread():
    """The main Thread object: the thread the interpreter started in."""
    return _main_thread


def _register_atexit(func, *arg, **kwargs):
    """Run `func(*arg, **kwargs)` when the interpreter starts shutting down, before
    non-daemon threads are joined (used by concurrent.futures)."""
    if _SHUTTING_DOWN:
        raise RuntimeError("can't register atexit after shutdown")
    _threading_atexits.append(lambda: func(*arg, **kwargs))


def _shutdown():
    """Called by the runtime at exit: runs the registered atexit callbacks, then waits
    for every non-daemon thread that is still alive."""
    global _SHUTTING_DOWN
    if _main_thread._is_stopped and _SHUTTING_DOWN:
        return
    _SHUTTING_DOWN = True
    for callback in reversed(_threading_atexits):
        callback()
    # The main thread is finished as far as joiners are concerned.
    if get_ident() == _main_thread._ident and not _main_thread._is_stopped:
        _main_thread._is_stopped = True
        if _main_thread._done_lock.locked():
            _main_thread._done_lock.release()
    me = current_thread()
    while True:
        with _registry_lock:
            pending = [t for t in list(_active.values()) + list(_limbo.values())
                       if not t._daemonic and t is not me and not t._is_stopped
                       and not isinstance(t, _DummyThread)]
        if not pending:
            break
        for t in pending:
            t._started.wait()
            t.join()


# ---------------------------------------------------------------- thread-local data

class _LocalImpl:
    """The per-thread attribute dictionaries of one `local` object."""

    __slots__ = ('dicts', 'args', 'kwargs', 'lock', '__weakref__')

    def __init__(self, args, kwargs):
        self.dicts = {}
        self.args = args
        self.kwargs = kwargs
        self.lock = _allocate_lock()


def _local_dict(obj):
    """The calling thread's attribute dict of `local` object `obj`, created (and the
    subclass's __init__ run for this thread) on first use."""
    impl = object.__getattribute__(obj, '_local__impl')
    ident = get_ident()
    d = impl.dicts.get(ident)
    if d is not None:
        return d
    d = {}
    with impl.lock:
        impl.dicts[ident] = d
    thread = _active.get(ident)
    if thread is not None:
        import weakref
        thread._local_impls.append(weakref.ref(impl))
    init = type(obj).__init__
    if init is not object.__init__ and init is not local.__init__:
        init(obj, *impl.args, **impl.kwargs)
    return d


def _find_class_attr(cls, name):
    for base in cls.__mro__:
        attrs = base.__dict__
        if name in attrs:
            return True, attrs[name]
    return False, None


def _is_data_descriptor(cls, name):
    found, attr = _find_class_attr(cls, name)
    if not found:
        return False
    kind = type(attr)
    return hasattr(kind, '__set__') or hasattr(kind, '__delete__')


def _local_type_name(obj):
    # The base class answers to CPython's name for it, `_thread._local`.
    cls = type(obj)
    return '_thread._local' if cls is local else cls.__name__


class local:
    """Thread-local data: each thread sees its own set of attributes on the object."""

    __slots__ = ('_local__impl', '__weakref__')

    def __new__(cls, /, *args, **kw):
        if (args or kw) and (cls.__init__ is object.__init__ or cls.__init__ is local.__init__):
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        object.__setattr__(self, '_local__impl', _LocalImpl(args, kw))
        # The creating thread gets its dict now; __init__ runs through the normal call.
        impl = object.__getattribute__(self, '_local__impl')
        ident = get_ident()
        impl.dicts[ident] = {}
        thread = _active.get(ident)
        if thread is not None:
            import weakref
            thread._local_impls.append(weakref.ref(impl))
        return self

    def __init__(self, /, *args, **kw):
        pass

    def __getattribute__(self, name):
        if name == '_local__impl':
            return object.__getattribute__(self, name)
        d = _local_dict(self)
        if name == '__dict__':
            return d
        if name in d and not _is_data_descriptor(type(self), name):
            return d[name]
        try:
            return object.__getattribute__(self, name)
        except AttributeError:
            if type(self) is local:
                raise AttributeError(
                    f"'{_local_type_name(self)}' object has no attribute '{name}'") from None
            raise

    def __setattr__(self, name, value):
        if name == '__dict__' or name == '_local__impl':
            raise AttributeError(
                f"'{_local_type_name(self)}' object attribute '{name}' is read-only")
        d = _local_dict(self)
        if _is_data_descriptor(type(self), name):
            object.__setattr__(self, name, value)
        else:
            d[name] = value

    def __delattr__(self, name):
        if name == '__dict__' or name == '_local__impl':
            raise AttributeError(
                f"'{_local_type_name(self)}' object attribute '{name}' is read-only")
        d = _local_dict(self)
        if _is_data_descriptor(type(self), name):
            object.__delattr__(self, name)
        elif name in d:
            del d[name]
        else:
            raise AttributeError(
                f"'{_local_type_name(self)}' object has no attribute '{name}'")


try:
    local.__name__ = local.__qualname__ = '_local'
    local.__module__ = '_thread'
except (AttributeError, TypeError):
    pass


# ---------------------------------------------------------------- module start-up

_main_thread = _MainThread()


def _after_fork(already_locked=False):
    pass
