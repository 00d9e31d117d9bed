"""asyncio.Task (a coroutine driven by the event loop) and the functions combining
awaitables: sleep, gather, wait_for, wait, as_completed, shield."""

from . import events
from .exceptions import CancelledError, InvalidStateError, TimeoutError
from .futures import Future, isfuture

__all__ = ("Task", "create_task", "current_task", "all_tasks", "sleep", "gather", "wait_for",
           "wait", "as_completed", "shield", "ensure_future", "iscoroutine", "FIRST_COMPLETED",
           "FIRST_EXCEPTION", "ALL_COMPLETED", "run_coroutine_threadsafe")

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"


async def _coroutine_sample():
    pass


_sample = _coroutine_sample()
_CoroutineType = type(_sample)
_sample.close()
del _sample


def iscoroutine(obj):
    return isinstance(obj, _CoroutineType)


_current_tasks = {}
_all_tasks = set()
_task_counter = 0


def current_task(loop=None):
    if loop is None:
        loop = events.get_running_loop()
    return _current_tasks.get(loop)


def all_tasks(loop=None):
    if loop is None:
        loop = events.get_running_loop()
    return {t for t in _all_tasks if t._loop is loop and not t.done()}


class Task(Future):
    """A coroutine scheduled on an event loop."""

    def __init__(self, coro, *, loop=None, name=None, context=None, eager_start=False):
        global _task_counter
        super().__init__(loop=loop)
        if not iscoroutine(coro):
            self._state = "FINISHED"
            raise TypeError(f"a coroutine was expected, got {coro!r}")
        _task_counter += 1
        self._name = f"Task-{_task_counter}" if name is None else str(name)
        self._coro = coro
        self._fut_waiter = None
        self._must_cancel = False
        self._num_cancels_requested = 0
        self._loop.call_soon(self._step)
        _all_tasks.add(self)

    def __repr__(self):
        state = self._state.lower()
        coro = getattr(self._coro, "__qualname__", None) or repr(self._coro)
        return f"<Task {state} name={self._name!r} coro=<{coro}()>>"

    def get_coro(self):
        return self._coro

    def get_name(self):
        return self._name

    def set_name(self, value):
        self._name = str(value)

    def set_result(self, result):
        raise RuntimeError("Task does not support set_result operation")

    def set_exception(self, exception):
        raise RuntimeError("Task does not support set_exception operation")

    def cancel(self, msg=None):
        if self.done():
            return False
        self._num_cancels_requested += 1
        if self._fut_waiter is not None and self._fut_waiter.cancel(msg=msg):
            return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    def cancelling(self):
        return self._num_cancels_requested

    def uncancel(self):
        if self._num_cancels_requested > 0:
            self._num_cancels_requested -= 1
            if self._num_cancels_requested == 0:
                self._must_cancel = False
        return self._num_cancels_requested

    def _step(self, exc=None):
        if self.done():
            raise InvalidStateError(f"_step(): already done: {self!r}, {exc!r}")
        if self._must_cancel:
            if not isinstance(exc, CancelledError):
                exc = self._make_cancelled_error()
            self._must_cancel = False
        self._fut_waiter = None
        previous = _current_tasks.get(self._loop)
        _current_tasks[self._loop] = self
        try:
            if exc is None:
                result = self._coro.send(None)
            else:
                result = self._coro.throw(exc)
        except StopIteration as stop:
            if self._must_cancel:
                self._must_cancel = False
                Future.cancel(self, msg=self._cancel_message)
            else:
                Future.set_result(self, stop.value)
        except CancelledError as err:
            self._cancel_message = err.args[0] if err.args else None
            Future.cancel(self, msg=self._cancel_message)
        except (KeyboardInterrupt, SystemExit) as err:
            Future.set_exception(self, err)
            raise
        except BaseException as err:
            Future.set_exception(self, err)
        else:
            blocking = getattr(result, "_asyncio_future_blocking", None)
            if blocking is not None:
                if result._loop is not self._loop:
                    err = RuntimeError(f"Task {self!r} got Future {result!r} attached to a different loop")
                    self._loop.call_soon(self._step, err)
                elif blocking:
                    if result is self:
                        err = RuntimeError(f"Task cannot await on itself: {self!r}")
                        self._loop.call_soon(self._step, err)
                    else:
                        result._asyncio_future_blocking = False
                        result.add_done_callback(self._wakeup)
                        self._fut_waiter = result
                        if self._must_cancel and self._fut_waiter.cancel(msg=self._cancel_message):
                            self._must_cancel = False
                else:
                    err = RuntimeError(f"yield was used instead of yield from in task {self!r} with {result!r}")
                    self._loop.call_soon(self._step, err)
            elif result is None:
                # A bare yield: run again on the next iteration.
                self._loop.call_soon(self._step)
            else:
                err = RuntimeError(f"Task got bad yield: {result!r}")
                self._loop.call_soon(self._step, err)
        finally:
            _current_tasks[self._loop] = previous
            if self.done():
                _all_tasks.discard(self)

    def _wakeup(self, future):
        try:
            future.result()
        except BaseException as exc:
            self._step(exc)
        else:
            self._step()


def create_task(coro, *, name=None, context=None):
    loop = events.get_running_loop()
    return loop.create_task(coro, name=name)


def ensure_future(coro_or_future, *, loop=None):
    if isfuture(coro_or_future):
        return coro_or_future
    if loop is None:
        loop = events.get_event_loop()
    if iscoroutine(coro_or_future):
        return loop.create_task(coro_or_future)
    if hasattr(type(coro_or_future), "__await__"):
        async def _wrap(awaitable):
            return await awaitable
        return loop.create_task(_wrap(coro_or_future))
    raise TypeError("An asyncio.Future, a coroutine or an awaitable is required")


class _YieldOnce:
    def __await__(self):
        yield


def _set_result_unless_cancelled(fut, result):
    if not fut.cancelled():
        fut.set_result(result)


async def sleep(delay, result=None):
    """Suspends the current task for `delay` seconds."""
    if delay <= 0:
        await _YieldOnce()
        return result
    loop = events.get_running_loop()
    future = loop.create_future()
    handle = loop.call_later(delay, _set_result_unless_cancelled, future, result)
    try:
        return await future
    finally:
        handle.cancel()


class _GatheringFuture(Future):
    def __init__(self, children, *, loop):
        super().__init__(loop=loop)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        ret = False
        for child in self._children:
            if child.cancel(msg=msg):
                ret = True
        if ret:
            self._cancel_requested = True
        return ret


def gather(*coros_or_futures, return_exceptions=False):
    """A future aggregating the results of the awaitables, in order."""
    if not coros_or_futures:
        loop = events.get_event_loop()
        outer = loop.create_future()
        outer.set_result([])
        return outer
    loop = None
    arg_to_fut = {}
    children = []
    for arg in coros_or_futures:
        if arg not in arg_to_fut:
            fut = ensure_future(arg, loop=loop)
            if loop is None:
                loop = fut.get_loop()
            arg_to_fut[arg] = fut
        children.append(arg_to_fut[arg])
    outer = _GatheringFuture(children, loop=loop)
    nfuts = len(arg_to_fut)
    finished = 0

    def done_callback(fut):
        nonlocal finished
        finished += 1
        if outer.done():
            return
        if not return_exceptions:
            if fut.cancelled():
                outer.set_exception(fut._make_cancelled_error())
                return
            exc = fut.exception()
            if exc is not None:
                outer.set_exception(exc)
                return
        if finished == nfuts:
            results = []
            for child in children:
                if child.cancelled():
                    res = child._make_cancelled_error()
                else:
                    res = child.exception()
                    if res is None:
                        res = child.result()
                results.append(res)
            if outer._cancel_requested:
                outer.set_exception(fut._make_cancelled_error())
            else:
                outer.set_result(results)

    for fut in arg_to_fut.values():
        fut.add_done_callback(done_callback)
    return outer


async def wait_for(fut, timeout):
    """Waits for `fut`, cancelling it and raising TimeoutError after `timeout` seconds."""
    from .timeouts import timeout as _timeout
    if timeout is None:
        return await fut
    if timeout <= 0:
        fut = ensure_future(fut)
        if fut.done():
            return fut.result()
        fut.cancel()
        try:
            await fut
        except CancelledError:
            pass
        raise TimeoutError()
    async with _timeout(timeout):
        return await fut


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    """Waits for the futures in `fs`; returns the sets (done, pending)."""
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError(f"expect a list of futures, not {type(fs).__name__}")
    fs = set(fs)
    if not fs:
        raise ValueError("Set of Tasks/Futures is empty.")
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError(f"Invalid return_when value: {return_when}")
    if any(iscoroutine(f) for f in fs):
        raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")
    loop = events.get_running_loop()
    waiter = loop.create_future()
    counter = len(fs)
    handle = None
    if timeout is not None:
        handle = loop.call_later(timeout, _release, waiter)

    def on_completion(f):
        nonlocal counter
        counter -= 1
        if (counter <= 0 or return_when == FIRST_COMPLETED
                or (return_when == FIRST_EXCEPTION and not f.cancelled() and f.exception() is not None)):
            _release(waiter)

    for f in fs:
        f.add_done_callback(on_completion)
    try:
        if not all(f.done() for f in fs) and not (return_when == FIRST_COMPLETED and any(f.done() for f in fs)):
            await waiter
    finally:
        if handle is not None:
            handle.cancel()
        for f in fs:
            f.remove_done_callback(on_completion)
    done = {f for f in fs if f.done()}
    return done, fs - done


def _release(waiter):
    if not waiter.done():
        waiter.set_result(None)


def as_completed(fs, *, timeout=None):
    """Coroutines yielding the results of `fs` in completion order."""
    loop = events.get_event_loop()
    todo = [ensure_future(f, loop=loop) for f in set(fs)]
    done_queue = []
    waiters = []

    def on_done(f):
        done_queue.append(f)
        while waiters:
            w = waiters.pop(0)
            if not w.done():
                w.set_result(None)
                break

    for f in todo:
        f.add_done_callback(on_done)

    async def next_done():
        if not done_queue:
            waiter = loop.create_future()
            waiters.append(waiter)
            await waiter
        return done_queue.pop(0).result()

    for _ in range(len(todo)):
        yield next_done()


def shield(arg):
    """An awaitable for `arg` that cancelling does not propagate into."""
    inner = ensure_future(arg)
    if inner.done():
        return inner
    loop = inner.get_loop()
    outer = loop.create_future()

    def inner_done(inner):
        if outer.cancelled():
            return
        if inner.cancelled():
            outer.cancel()
        elif inner.exception() is not None:
            outer.set_exception(inner.exception())
        else:
            outer.set_result(inner.result())

    inner.add_done_callback(inner_done)
    return outer


def run_coroutine_threadsafe(coro, loop):
    raise NotImplementedError("run_coroutine_threadsafe needs threads")
