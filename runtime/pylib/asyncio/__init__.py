"""asyncio (core subset): a single-threaded event loop running coroutines as tasks.

Covers the parts programs use to run coroutines without I/O: `run`, `Runner`, event loops
(`call_soon`, `call_later`, `call_at`, `create_task`, `run_until_complete`), `Future`,
`Task`, `sleep`, `gather`, `wait_for`, `wait`, `as_completed`, `shield`, `timeout`, and
the `Event`, `Lock`, `Semaphore` and `Queue` primitives. Timers wait with `time.sleep`;
there are no sockets, subprocesses or threads.
"""

from .exceptions import (CancelledError, InvalidStateError, TimeoutError, QueueEmpty, QueueFull,
                         IncompleteReadError, LimitOverrunError, SendfileNotAvailableError,
                         BrokenBarrierError)
from .futures import Future, isfuture
from .events import (AbstractEventLoop, Handle, TimerHandle, BaseEventLoop, get_event_loop,
                     get_running_loop, new_event_loop, set_event_loop, _get_running_loop)
from .tasks import (Task, create_task, current_task, all_tasks, sleep, gather, wait_for, wait,
                    as_completed, shield, ensure_future, iscoroutine, FIRST_COMPLETED,
                    FIRST_EXCEPTION, ALL_COMPLETED, run_coroutine_threadsafe)
from .runners import run, Runner
from .locks import Event, Lock, Semaphore, BoundedSemaphore, Condition
from .queues import Queue, LifoQueue, PriorityQueue
from .timeouts import timeout, timeout_at, Timeout


def iscoroutinefunction(func):
    import inspect
    return inspect.iscoroutinefunction(func)
