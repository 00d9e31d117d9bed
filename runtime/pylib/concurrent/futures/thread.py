"""ThreadPoolExecutor: runs submitted callables on a pool of worker threads (Taipan's
own implementation).

Work items go through one SimpleQueue per executor.  Workers are started lazily, one
per submit() while no worker is idle, up to `max_workers`.  A `None` in the queue
tells a worker to check whether it should exit; an exiting worker puts the `None`
back so that its siblings see it too.  At interpreter exit, `threading._shutdown()`
runs `_python_exit` (registered with threading._register_atexit) before it joins the
non-daemon worker threads."""

from concurrent.futures import _base
import itertools
import os
import queue
import threading
import weakref

_threads_queues = weakref.WeakKeyDictionary()
_shutdown = False
_global_shutdown_lock = threading.Lock()


def _python_exit():
    global _shutdown
    with _global_shutdown_lock:
        _shutdown = True
        items = list(_threads_queues.items())
    for t, q in items:
        q.put(None)
    for t, q in items:
        t.join()


threading._register_atexit(_python_exit)


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
            # Break the cycle exception -> traceback -> frame -> self.
            self = None
        else:
            self.future.set_result(result)

    __class_getitem__ = classmethod(_base._generic_alias)


def _worker(executor_ref, work_queue, initializer, initargs):
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            _base._log_exception('Exception in initializer:')
            executor = executor_ref()
            if executor is not None:
                executor._initializer_failed()
            return
    while True:
        try:
            item = work_queue.get_nowait()
        except queue.Empty:
            # About to block: let submit() know one more worker is idle.
            executor = executor_ref()
            if executor is not None:
                executor._idle_semaphore.release()
            del executor
            item = work_queue.get(block=True)
        if item is not None:
            item.run()
            del item
            continue
        executor = executor_ref()
        if _shutdown or executor is None or executor._shutdown:
            if executor is not None:
                executor._shutdown = True
            # Let the other workers see the wake-up too.
            work_queue.put(None)
            return
        del executor


class BrokenThreadPool(_base.BrokenExecutor):
    """Raised when a worker thread in a ThreadPoolExecutor failed initializing."""


class ThreadPoolExecutor(_base.Executor):

    # Numbers the executors that get a default thread name prefix.
    _counter = itertools.count().__next__
    _counter_lock = threading.Lock()

    def __init__(self, max_workers=None, thread_name_prefix='',
                 initializer=None, initargs=()):
        """max_workers: the most threads the pool uses (default
        min(32, os.cpu_count() + 4)); thread_name_prefix: names the worker threads;
        initializer(*initargs): run at the start of each worker."""
        if max_workers is None:
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        self._work_queue = queue.SimpleQueue()
        self._idle_semaphore = threading.Semaphore(0)
        self._threads = set()
        self._broken = False
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        if not thread_name_prefix:
            with ThreadPoolExecutor._counter_lock:
                number = self._counter()
            thread_name_prefix = f"ThreadPoolExecutor-{number}"
        self._thread_name_prefix = thread_name_prefix
        self._initializer = initializer
        self._initargs = initargs

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock, _global_shutdown_lock:
            if self._broken:
                raise BrokenThreadPool(self._broken)
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            if _shutdown:
                raise RuntimeError('cannot schedule new futures after '
                                   'interpreter shutdown')
            future = _base.Future()
            self._work_queue.put(_WorkItem(future, fn, args, kwargs))
            self._adjust_thread_count()
            return future

    submit.__doc__ = _base.Executor.submit.__doc__

    def _adjust_thread_count(self):
        # An idle worker will pick the new item up.
        if self._idle_semaphore.acquire(timeout=0):
            return
        work_queue = self._work_queue

        def wake_up(_, q=work_queue):
            q.put(None)

        count = len(self._threads)
        if count < self._max_workers:
            t = threading.Thread(name=f'{self._thread_name_prefix or self}_{count}',
                                 target=_worker,
                                 args=(weakref.ref(self, wake_up), work_queue,
                                       self._initializer, self._initargs))
            t.start()
            self._threads.add(t)
            _threads_queues[t] = work_queue

    def _initializer_failed(self):
        with self._shutdown_lock:
            self._broken = ('A thread initializer failed, the thread pool '
                            'is not usable anymore')
            while True:
                try:
                    item = self._work_queue.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    item.future.set_exception(BrokenThreadPool(self._broken))

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        item = self._work_queue.get_nowait()
                    except queue.Empty:
                        break
                    if item is not None:
                        item.future.cancel()
            # Wake up a worker, which passes the news on to the others.
            self._work_queue.put(None)
        if wait:
            for t in list(self._threads):
                t.join()

    shutdown.__doc__ = _base.Executor.shutdown.__doc__
