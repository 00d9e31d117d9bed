"""Exceptions: raising and catching in loops, finally blocks, chaining,
context managers and exceptions unwinding through several frames.

Stresses exception object creation, handler matching against a class
hierarchy, try/except/else/finally control flow, `raise ... from`,
implicit context chaining and with-statement __exit__ handling.
"""

import sys

SIZES = {"tiny": 5_000, "small": 50_000, "default": 400_000}


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


class AppError(Exception):
    def __init__(self, code, detail=""):
        super().__init__(code, detail)
        self.code = code


class ParseError(AppError):
    pass


class RangeError(AppError):
    pass


class Fatal(AppError):
    pass


class Ledger:
    """A context manager that records entries and swallows RangeError."""

    def __init__(self):
        self.entered = 0
        self.exited = 0
        self.swallowed = 0

    def __enter__(self):
        self.entered += 1
        return self

    def __exit__(self, kind, value, traceback):
        self.exited += 1
        if kind is not None and issubclass(kind, RangeError):
            self.swallowed += value.code
            return True
        return False


def parse(i):
    if i % 7 == 0:
        raise ParseError(i % 13, "bad token")
    if i % 11 == 0:
        raise RangeError(i % 17)
    return i * 3


def deep(i, depth):
    """Recurse a few frames and fail at the bottom."""
    if depth == 0:
        return parse(i)
    try:
        return deep(i, depth - 1) + 1
    finally:
        deep.unwound += 1


deep.unwound = 0


def convert(i):
    try:
        return parse(i)
    except ParseError as error:
        raise Fatal(error.code + 100) from error


def builtin_errors(i, table, items):
    score = 0
    try:
        score += table[i % 10]
    except KeyError:
        score += 1
    try:
        score += items[i % 12]
    except IndexError:
        score += 2
    try:
        score += 100 // (i % 5)
    except ZeroDivisionError:
        score += 3
    try:
        score += int("12" if i % 3 else "x")
    except ValueError:
        score += 4
    return score


def run(n):
    total = 0
    finally_count = 0
    else_count = 0
    for i in range(n):
        try:
            value = parse(i)
        except ParseError as error:
            total += error.code
        except AppError as error:
            total += error.code * 2
        else:
            else_count += 1
            total += value & 7
        finally:
            finally_count += 1

    chained = 0
    for i in range(0, n, 3):
        try:
            convert(i)
        except Fatal as error:
            cause = error.__cause__
            chained += error.code + (cause.code if isinstance(cause, ParseError) else 0)
        except RangeError as error:
            chained += 1
    total += chained

    context_total = 0
    for i in range(0, n, 5):
        try:
            try:
                parse(i)
            except AppError:
                # Raising inside a handler chains the first exception implicitly.
                raise ValueError(i)
        except ValueError as error:
            context = error.__context__
            context_total += 1 if isinstance(context, ParseError) else 2
        except AppError:
            context_total += 5
    total += context_total

    ledger = Ledger()
    for i in range(n):
        try:
            with ledger:
                parse(i)
        except ParseError:
            total += 1

    deep_total = 0
    for i in range(0, n, 4):
        try:
            deep_total += deep(i, 4)
        except AppError as error:
            deep_total += error.code

    table = {k: k * k for k in range(0, 10, 2)}
    items = list(range(8))
    builtin_total = 0
    for i in range(n // 2):
        builtin_total += builtin_errors(i, table, items)

    # Exceptions thrown into and out of generators.
    def guarded():
        handled = 0
        while True:
            try:
                yield handled
            except RangeError as error:
                handled += error.code

    gen = guarded()
    next(gen)
    thrown = 0
    for i in range(n // 10):
        thrown = gen.throw(RangeError(i % 9))
    gen.close()

    return [total, finally_count, else_count, ledger.swallowed, ledger.exited,
            deep_total, deep.unwound, builtin_total, thrown]


def main():
    n = workload_size()
    results = run(n)
    print("results: " + " ".join(str(r) for r in results))
    checksum = 0
    for r in results:
        checksum = (checksum * 1_000_003 + r) % (1 << 61)
    print(f"checksum: {checksum}")


main()
