"""Closures and lambdas: nested functions, nonlocal cells, decorators,
function composition and higher-order helpers.

Stresses closure creation (cell allocation), calls through closures and
lambdas, nonlocal reads and writes, default-argument capture and
decorator wrappers with *args/**kwargs.
"""

import sys

SIZES = {"tiny": 4_000, "small": 40_000, "default": 500_000}

MOD = 1_000_000_007


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


def make_counter(start, step):
    count = start

    def increment():
        nonlocal count
        count += step
        return count

    def reset():
        nonlocal count
        count = start

    return increment, reset


def make_adder(k):
    return lambda x: x + k


def make_multiplier(k):
    def multiply(x):
        return x * k % MOD
    return multiply


def compose(*functions):
    def composed(x):
        for f in reversed(functions):
            x = f(x)
        return x
    return composed


def partial(function, *bound):
    def call(*args):
        return function(*bound, *args)
    return call


def counted(function):
    """Decorator that counts calls in a closure cell."""
    calls = 0

    def wrapper(*args, **kwargs):
        nonlocal calls
        calls += 1
        return function(*args, **kwargs)

    wrapper.call_count = lambda: calls
    return wrapper


def memoised(function):
    cache = {}

    def wrapper(n):
        if n not in cache:
            cache[n] = function(n)
        return cache[n]

    return wrapper


@counted
def weighted(a, b, *, weight=3):
    return a * weight + b


@memoised
def memo_sequence(n):
    """A memoised recurrence; callers ask in increasing order, so recursion stays shallow."""
    if n < 2:
        return 1
    return (memo_sequence(n - 1) + memo_sequence(n // 2)) % MOD


def accumulate_with(callbacks, values):
    total = 0
    for v in values:
        for cb in callbacks:
            total = (total + cb(v)) % MOD
    return total


def run(n):
    increment, reset = make_counter(0, 3)
    acc = 0
    for i in range(n):
        acc = (acc + increment()) % MOD
        if i % 1000 == 999:
            reset()

    pipeline = compose(make_adder(7), make_multiplier(31), make_adder(-3), lambda x: x ^ 0x55)
    for i in range(n):
        acc = (acc * 3 + pipeline(i)) % MOD

    add_three = partial(weighted, 1)
    for i in range(n // 2):
        acc = (acc + add_three(i) + weighted(i, 2, weight=5)) % MOD

    # Closures created in a loop, capturing the loop variable via a default.
    callbacks = [lambda x, k=k: (x * k) % 1009 for k in range(1, 9)]
    acc = (acc + accumulate_with(callbacks, range(n // 4))) % MOD

    # Fresh closures per iteration: allocation of function objects and cells.
    for i in range(n // 2):
        f = make_adder(i)
        g = make_multiplier(i | 1)
        acc = (acc + g(f(acc & 0xFFFF))) % MOD

    keys = sorted(range(n // 10 + 1), key=lambda v: (v * 7919 % 1000, -v))
    acc = (acc + keys[0] * 31 + keys[-1]) % MOD
    memo_total = 0
    for i in range(0, n // 2, 7):
        memo_total = (memo_total + memo_sequence(i % 5000)) % MOD
    acc = (acc + memo_total) % MOD
    return acc, weighted.call_count(), memo_total


def main():
    n = workload_size()
    acc, calls, memo_total = run(n)
    print(f"weighted calls: {calls}, memo total: {memo_total}")
    print(f"checksum: {acc}")


main()
