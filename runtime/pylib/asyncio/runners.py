"""asyncio.run() and asyncio.Runner."""

from . import events, tasks
from .exceptions import CancelledError

__all__ = ("Runner", "run")


class Runner:
    """Runs coroutines on one event loop, closed by `close()` or the `with` block."""

    def __init__(self, *, debug=None, loop_factory=None):
        self._loop = None
        self._debug = debug
        self._loop_factory = loop_factory
        self._closed = False

    def __enter__(self):
        self._lazy_init()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()

    def get_loop(self):
        self._lazy_init()
        return self._loop

    def _lazy_init(self):
        if self._closed:
            raise RuntimeError("Runner is closed")
        if self._loop is None:
            factory = self._loop_factory or events.new_event_loop
            self._loop = factory()
            if self._loop_factory is None:
                events.set_event_loop(self._loop)
            if self._debug is not None:
                self._loop.set_debug(self._debug)

    def run(self, coro, *, context=None):
        if not tasks.iscoroutine(coro):
            raise ValueError(f"a coroutine was expected, got {coro!r}")
        if events._get_running_loop() is not None:
            raise RuntimeError("Runner.run() cannot be called from a running event loop")
        self._lazy_init()
        task = self._loop.create_task(coro)
        return self._loop.run_until_complete(task)

    def close(self):
        if self._closed or self._loop is None:
            self._closed = True
            return
        loop = self._loop
        try:
            pending = [t for t in tasks._all_tasks if t._loop is loop and not t.done()]
            for t in pending:
                t.cancel()
            if pending:
                loop.run_until_complete(tasks.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            if self._loop_factory is None:
                events.set_event_loop(None)
            loop.close()
            self._loop = None
            self._closed = True


def run(main, *, debug=None, loop_factory=None):
    """Runs the coroutine `main` on a new event loop and returns its result."""
    if events._get_running_loop() is not None:
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    with Runner(debug=debug, loop_factory=loop_factory) as runner:
        return runner.run(main)
