"""asyncio.timeout(): cancel the current task when a deadline passes."""

from . import events, tasks
from .exceptions import CancelledError, TimeoutError

__all__ = ("Timeout", "timeout", "timeout_at")


class Timeout:
    """An async context manager cancelling the enclosing task at `when` (loop time)."""

    def __init__(self, when):
        self._when = when
        self._handle = None
        self._task = None
        self._expired = False
        self._entered = False

    def when(self):
        return self._when

    def expired(self):
        return self._expired

    def reschedule(self, when):
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self._when = when
        if when is not None and self._task is not None:
            loop = events.get_running_loop()
            if when <= loop.time():
                self._handle = loop.call_soon(self._on_timeout)
            else:
                self._handle = loop.call_at(when, self._on_timeout)

    def __repr__(self):
        return f"<Timeout when={self._when}>"

    async def __aenter__(self):
        if self._entered:
            raise RuntimeError("Timeout has already been entered")
        self._entered = True
        self._task = tasks.current_task()
        if self._task is None:
            raise RuntimeError("Timeout should be used inside a task")
        self._cancelling = self._task.cancelling()
        self.reschedule(self._when)
        return self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        if self._expired and exc_type is not None and issubclass(exc_type, CancelledError):
            if self._task.uncancel() <= self._cancelling:
                raise TimeoutError from exc_val
        return None

    def _on_timeout(self):
        self._task.cancel()
        self._expired = True
        self._handle = None


def timeout(delay):
    loop = events.get_running_loop()
    return Timeout(loop.time() + delay if delay is not None else None)


def timeout_at(when):
    return Timeout(when)
