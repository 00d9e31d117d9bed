"""Generator pipelines: chained generators, generator expressions, yield from,
send() and early close().

Stresses generator creation, resumption and suspension through several
layers of lazily evaluated stages, plus the iterator protocol of builtins
(zip, enumerate, map, filter, sum over ints).
"""

import sys

SIZES = {"tiny": 10_000, "small": 200_000, "default": 1_000_000}


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def collatz_steps(values):
    for v in values:
        steps = 0
        x = v + 1
        while x != 1 and steps < 8:
            x = x // 2 if x % 2 == 0 else 3 * x + 1
            steps += 1
        yield steps


def windows(values, size):
    """Yield running tuples of the last `size` values."""
    window = []
    for v in values:
        window.append(v)
        if len(window) > size:
            del window[0]
        if len(window) == size:
            yield tuple(window)


def flatten(nested):
    for item in nested:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


def chunked(values, size):
    chunk = []
    for v in values:
        chunk.append(v)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def running_average():
    """A coroutine-style generator: send values, receive the running mean x 1000."""
    total = 0
    count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total * 1000 // count


def take(n, values):
    for i, v in enumerate(values):
        if i >= n:
            return
        yield v


def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def pipeline_sum(n):
    stage = collatz_steps(numbers(n))
    stage = (s * s for s in stage if s % 3 != 1)
    stage = windows(stage, 3)
    return sum(a - b + c for a, b, c in stage)


def nested_sum(n):
    nested = [[i, [i + 1, [i + 2, i + 3]], i + 4] for i in range(0, n // 5, 5)]
    return sum(flatten(nested))


def chunk_sum(n):
    acc = 0
    for chunk in chunked(map(lambda v: v * 7 % 11, filter(lambda v: v & 1, numbers(n))), 16):
        acc = (acc * 3 + sum(chunk)) % 1_000_000_007
    return acc


def averages(n):
    avg = running_average()
    next(avg)
    last = 0
    for v in numbers(n // 4):
        last = avg.send(v % 101)
    avg.close()
    return last


def fib_mod(n):
    acc = 0
    # Repeated short-lived generators that are abandoned before exhaustion.
    for start in range(n // 200):
        for f in take(20 + start % 7, fibonacci()):
            acc = (acc + f) % 1_000_000_007
    return acc


def main():
    n = workload_size()
    results = [
        ("pipeline", pipeline_sum(n)),
        ("nested", nested_sum(n)),
        ("chunks", chunk_sum(n)),
        ("average", averages(n)),
        ("fibonacci", fib_mod(n)),
    ]
    checksum = 0
    for name, value in results:
        print(f"{name}: {value}")
        checksum = (checksum * 1_000_003 + value) % (1 << 61)
    print(f"checksum: {checksum}")


main()
