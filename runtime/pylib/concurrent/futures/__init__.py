"""Run callables asynchronously in a pool of threads and collect their results as
futures (Taipan's own implementation; ProcessPoolExecutor is not provided)."""

from concurrent.futures._base import (FIRST_COMPLETED,
                                      FIRST_EXCEPTION,
                                      ALL_COMPLETED,
                                      CancelledError,
                                      TimeoutError,
                                      InvalidStateError,
                                      BrokenExecutor,
                                      Future,
                                      Executor,
                                      wait,
                                      as_completed)
from concurrent.futures.thread import ThreadPoolExecutor

__all__ = (
    'FIRST_COMPLETED',
    'FIRST_EXCEPTION',
    'ALL_COMPLETED',
    'CancelledError',
    'TimeoutError',
    'InvalidStateError',
    'BrokenExecutor',
    'Future',
    'Executor',
    'wait',
    'as_completed',
    'ThreadPoolExecutor',
)


def __dir__():
    return list(__all__)


def __getattr__(name):
    # Process and interpreter pools are not available in Taipan.
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
