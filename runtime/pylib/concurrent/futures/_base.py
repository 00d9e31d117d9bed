"""Futures, the Executor interface, wait() and as_completed() (Taipan's own
implementation).

A Future's state changes happen under its `_condition`.  Code waiting on several
futures at once (wait, as_completed) registers a `_Waiter` with each; the future
reports its completion to every registered waiter while holding its condition."""

import collections
import sys
import threading
import time
from queue import _generic_alias

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'
_AS_COMPLETED = '_AS_COMPLETED'

# Future states.
PENDING = 'PENDING'
RUNNING = 'RUNNING'
CANCELLED = 'CANCELLED'                 # cancelled, waiters not told yet
CANCELLED_AND_NOTIFIED = 'CANCELLED_AND_NOTIFIED'
FINISHED = 'FINISHED'

_FUTURE_STATES = [PENDING, RUNNING, CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED]

_STATE_TO_DESCRIPTION_MAP = {
    PENDING: "pending",
    RUNNING: "running",
    CANCELLED: "cancelled",
    CANCELLED_AND_NOTIFIED: "cancelled",
    FINISHED: "finished",
}

_DONE_STATES = (CANCELLED_AND_NOTIFIED, FINISHED)
_CANCELLED_STATES = (CANCELLED, CANCELLED_AND_NOTIFIED)


class Error(Exception):
    """Base class for all future-related exceptions."""
    pass


class CancelledError(Error):
    """The Future was cancelled."""
    pass


TimeoutError = TimeoutError


class InvalidStateError(Error):
    """The operation is not allowed in this state."""
    pass


def _log_exception(message):
    """Report an exception being handled, the way `logging`'s last-resort handler
    would: the message, then the traceback, on stderr."""
    stderr = sys.stderr
    if stderr is None:
        return
    import traceback
    print(message, file=stderr)
    traceback.print_exc(file=stderr)


class _Waiter:
    """Collects futures as they finish, for one call of wait() or as_completed()."""

    def __init__(self, mode, pending):
        self.mode = mode
        self.pending = pending          # only for ALL_COMPLETED / FIRST_EXCEPTION
        self.lock = threading.Lock()
        self.event = threading.Event()
        self.finished_futures = []

    def _finished(self, future, kind):
        with self.lock:
            self.finished_futures.append(future)
            mode = self.mode
            if mode == FIRST_COMPLETED or mode == _AS_COMPLETED:
                self.event.set()
            elif mode == FIRST_EXCEPTION and kind == 'exception':
                self.event.set()
            else:
                self.pending -= 1
                if self.pending <= 0:
                    self.event.set()

    def add_result(self, future):
        self._finished(future, 'result')

    def add_exception(self, future):
        self._finished(future, 'exception')

    def add_cancelled(self, future):
        self._finished(future, 'cancelled')


class _AcquireFutures:
    """Holds the conditions of several futures at once (in a fixed order, so two
    callers cannot deadlock)."""

    def __init__(self, futures):
        self.futures = sorted(futures, key=id)

    def __enter__(self):
        for future in self.futures:
            future._condition.acquire()

    def __exit__(self, *args):
        for future in self.futures:
            future._condition.release()


def _install_waiter(fs, mode, pending):
    waiter = _Waiter(mode, pending)
    for f in fs:
        f._waiters.append(waiter)
    return waiter


def _remove_waiter(fs, waiter):
    for f in fs:
        with f._condition:
            try:
                f._waiters.remove(waiter)
            except ValueError:
                pass


def as_completed(fs, timeout=None):
    """An iterator over the futures in `fs` that yields each one as it completes
    (finished or cancelled).  Raises TimeoutError if some are still pending after
    `timeout` seconds from the call."""
    if timeout is not None:
        deadline = timeout + time.monotonic()
    fs = set(fs)
    total = len(fs)
    with _AcquireFutures(fs):
        finished = set(f for f in fs if f._state in _DONE_STATES)
        pending = fs - finished
        waiter = _install_waiter(fs, _AS_COMPLETED, 0)
    finished = list(finished)
    try:
        while finished:
            f = finished.pop()
            pending.discard(f)
            yield f
        while pending:
            if timeout is None:
                wait_timeout = None
            else:
                wait_timeout = deadline - time.monotonic()
                if wait_timeout < 0:
                    raise TimeoutError(f'{len(pending)} (of {total}) futures unfinished')
            waiter.event.wait(wait_timeout)
            with waiter.lock:
                finished = waiter.finished_futures
                waiter.finished_futures = []
                waiter.event.clear()
            finished.reverse()
            while finished:
                f = finished.pop()
                if f in pending:
                    pending.discard(f)
                    yield f
    finally:
        _remove_waiter(fs, waiter)


DoneAndNotDoneFutures = collections.namedtuple('DoneAndNotDoneFutures', 'done not_done')


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    """Wait for the futures in `fs` to complete, per `return_when` (FIRST_COMPLETED,
    FIRST_EXCEPTION or ALL_COMPLETED), for at most `timeout` seconds.  Returns the
    named pair (done, not_done) of sets."""
    fs = set(fs)
    with _AcquireFutures(fs):
        done = set(f for f in fs if f._state in _DONE_STATES)
        not_done = fs - done
        if return_when == FIRST_COMPLETED and done:
            return DoneAndNotDoneFutures(done, not_done)
        if return_when == FIRST_EXCEPTION and any(
                f._state == FINISHED and f._exception is not None for f in done):
            return DoneAndNotDoneFutures(done, not_done)
        if len(done) == len(fs):
            return DoneAndNotDoneFutures(done, not_done)
        if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
            raise ValueError(f"Invalid return condition: {return_when!r}")
        waiter = _install_waiter(fs, return_when, len(not_done))

    waiter.event.wait(timeout)
    _remove_waiter(fs, waiter)
    with waiter.lock:
        done.update(waiter.finished_futures)
    return DoneAndNotDoneFutures(done, fs - done)


def _result_or_cancel(fut, timeout=None):
    try:
        try:
            return fut.result(timeout)
        finally:
            fut.cancel()
    finally:
        del fut


class Future:
    """The eventual result (or exception) of a callable run elsewhere."""

    def __init__(self):
        self._condition = threading.Condition()
        self._state = PENDING
        self._result = None
        self._exception = None
        self._waiters = []
        self._done_callbacks = []

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            try:
                callback(self)
            except Exception:
                _log_exception(f'exception calling callback for {self!r}')

    def __repr__(self):
        with self._condition:
            name = self.__class__.__name__
            state = _STATE_TO_DESCRIPTION_MAP[self._state]
            if self._state == FINISHED:
                if self._exception is not None:
                    return (f'<{name} at {id(self):#x} state={state} raised '
                            f'{self._exception.__class__.__name__}>')
                return (f'<{name} at {id(self):#x} state={state} returned '
                        f'{self._result.__class__.__name__}>')
            return f'<{name} at {id(self):#x} state={state}>'

    def cancel(self):
        """Cancel the future unless it is running or done; returns whether it is
        cancelled."""
        with self._condition:
            if self._state in (RUNNING, FINISHED):
                return False
            if self._state in _CANCELLED_STATES:
                return True
            self._state = CANCELLED
            self._condition.notify_all()
        self._invoke_callbacks()
        return True

    def cancelled(self):
        """Whether the future was cancelled."""
        with self._condition:
            return self._state in _CANCELLED_STATES

    def running(self):
        """Whether the future is running now."""
        with self._condition:
            return self._state == RUNNING

    def done(self):
        """Whether the future finished or was cancelled."""
        with self._condition:
            return self._state in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED)

    def _get_result(self):
        if self._exception is not None:
            try:
                raise self._exception
            finally:
                # Break the cycle exception -> traceback -> frame -> self.
                self = None
        return self._result

    def add_done_callback(self, fn):
        """Call `fn(future)` when the future completes (at once if it already has)."""
        with self._condition:
            if self._state not in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED):
                self._done_callbacks.append(fn)
                return
        try:
            fn(self)
        except Exception:
            _log_exception(f'exception calling callback for {self!r}')

    def result(self, timeout=None):
        """The callable's return value, waiting at most `timeout` seconds for it.
        Raises CancelledError, TimeoutError, or the callable's exception."""
        try:
            with self._condition:
                if self._state in _CANCELLED_STATES:
                    raise CancelledError()
                if self._state == FINISHED:
                    return self._get_result()
                self._condition.wait(timeout)
                if self._state in _CANCELLED_STATES:
                    raise CancelledError()
                if self._state == FINISHED:
                    return self._get_result()
                raise TimeoutError()
        finally:
            self = None

    def exception(self, timeout=None):
        """The callable's exception (None if it returned), waiting at most `timeout`
        seconds.  Raises CancelledError or TimeoutError."""
        with self._condition:
            if self._state in _CANCELLED_STATES:
                raise CancelledError()
            if self._state == FINISHED:
                return self._exception
            self._condition.wait(timeout)
            if self._state in _CANCELLED_STATES:
                raise CancelledError()
            if self._state == FINISHED:
                return self._exception
            raise TimeoutError()

    # For executors and tests.

    def set_running_or_notify_cancel(self):
        """Mark the future running, or tell the waiters that it was cancelled.
        Returns False when it was cancelled (the work must not run)."""
        with self._condition:
            if self._state == CANCELLED:
                self._state = CANCELLED_AND_NOTIFIED
                for waiter in self._waiters:
                    waiter.add_cancelled(self)
                return False
            if self._state == PENDING:
                self._state = RUNNING
                return True
            print(f'Future {id(self)} in unexpected state: {self._state}', file=sys.stderr)
            raise RuntimeError('Future in unexpected state')

    def set_result(self, result):
        """Complete the future with `result`."""
        with self._condition:
            if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED):
                raise InvalidStateError(f'{self._state}: {self!r}')
            self._result = result
            self._state = FINISHED
            for waiter in self._waiters:
                waiter.add_result(self)
            self._condition.notify_all()
        self._invoke_callbacks()

    def set_exception(self, exception):
        """Complete the future with `exception`."""
        with self._condition:
            if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED):
                raise InvalidStateError(f'{self._state}: {self!r}')
            self._exception = exception
            self._state = FINISHED
            for waiter in self._waiters:
                waiter.add_exception(self)
            self._condition.notify_all()
        self._invoke_callbacks()

    __class_getitem__ = classmethod(_generic_alias)


class Executor:
    """Base class of executors: objects that run callables asynchronously."""

    def submit(self, fn, /, *args, **kwargs):
        """Schedule `fn(*args, **kwargs)`; returns its Future."""
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1, buffersize=None):
        """Like map(fn, *iterables), but the calls run concurrently.  The results are
        returned in order; TimeoutError if one is not ready `timeout` seconds after
        the call.  With `buffersize`, at most that many calls are submitted ahead of
        the results consumed."""
        if buffersize is not None:
            if not isinstance(buffersize, int):
                raise TypeError("buffersize must be an integer or None")
            if buffersize < 1:
                raise ValueError("buffersize must be None or > 0")
        if timeout is not None:
            deadline = timeout + time.monotonic()
        args_iter = zip(*iterables)
        if buffersize is None:
            fs = collections.deque(self.submit(fn, *args) for args in args_iter)
        else:
            fs = collections.deque()
            for args in args_iter:
                fs.append(self.submit(fn, *args))
                if len(fs) >= buffersize:
                    break

        def result_iterator():
            try:
                while fs:
                    if buffersize is not None:
                        for args in args_iter:
                            fs.append(self.submit(fn, *args))
                            break
                    if timeout is None:
                        yield _result_or_cancel(fs.popleft())
                    else:
                        yield _result_or_cancel(fs.popleft(), deadline - time.monotonic())
            finally:
                for future in fs:
                    future.cancel()
        return result_iterator()

    def shutdown(self, wait=True, *, cancel_futures=False):
        """Free the executor's resources once the pending futures are done."""
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


class BrokenExecutor(RuntimeError):
    """Raised when an executor has become unusable."""
