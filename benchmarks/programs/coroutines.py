"""Coroutines: async def / await driven by a tiny hand-written scheduler.

No asyncio: awaitables are plain classes whose __await__ yields a request
tuple to the scheduler, which keeps a ready queue, a timer heap written by
hand, channels and joinable tasks. Stresses coroutine send/suspend/resume,
deep await chains that never suspend, and the scheduler's object traffic.
"""

import sys

SIZES = {"tiny": 300, "small": 15_000, "default": 200_000}


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


class Sleep:
    def __init__(self, ticks):
        self.ticks = ticks

    def __await__(self):
        yield ("sleep", self.ticks)


class Yield:
    """Give other ready tasks a turn."""

    def __await__(self):
        yield ("yield", None)


class Channel:
    def __init__(self, capacity):
        self.capacity = capacity
        self.items = []
        self.getters = []
        self.putters = []

    async def put(self, item):
        while len(self.items) >= self.capacity:
            await _Park(self.putters)
        self.items.append(item)
        await _WakeOne(self.getters)

    async def get(self):
        while not self.items:
            await _Park(self.getters)
        item = self.items.pop(0)
        await _WakeOne(self.putters)
        return item


class _Park:
    """Suspend the current task on a wait list until someone wakes it."""

    def __init__(self, waiters):
        self.waiters = waiters

    def __await__(self):
        yield ("park", self.waiters)


class _WakeOne:
    """Move the first task of a wait list to the ready queue (never suspends
    unless there was someone to wake, then yields once to keep things fair)."""

    def __init__(self, waiters):
        self.waiters = waiters

    def __await__(self):
        if self.waiters:
            yield ("wake", self.waiters)
        return None


class Task:
    def __init__(self, coro, name):
        self.coro = coro
        self.name = name
        self.done = False
        self.result = None
        self.joiners = []
        self.send_value = None

    def __await__(self):
        if not self.done:
            yield ("park", self.joiners)
        return self.result


class TimerHeap:
    """A binary min-heap of (wake_tick, sequence, task), written out by hand."""

    def __init__(self):
        self.items = []

    def __len__(self):
        return len(self.items)

    def push(self, entry):
        items = self.items
        items.append(entry)
        i = len(items) - 1
        while i > 0:
            parent = (i - 1) // 2
            if items[parent] <= entry:
                break
            items[i] = items[parent]
            i = parent
        items[i] = entry

    def peek(self):
        return self.items[0]

    def pop(self):
        items = self.items
        top = items[0]
        last = items.pop()
        if items:
            n = len(items)
            i = 0
            while True:
                child = 2 * i + 1
                if child >= n:
                    break
                if child + 1 < n and items[child + 1] < items[child]:
                    child += 1
                if last <= items[child]:
                    break
                items[i] = items[child]
                i = child
            items[i] = last
        return top


class Scheduler:
    def __init__(self):
        self.ready = []
        self.ready_head = 0
        self.timers = TimerHeap()
        self.tick = 0
        self.sequence = 0
        self.switches = 0

    def spawn(self, coro, name=""):
        task = Task(coro, name)
        self.ready.append(task)
        return task

    def _next_ready(self):
        if self.ready_head >= len(self.ready):
            return None
        task = self.ready[self.ready_head]
        self.ready_head += 1
        if self.ready_head > 1024:
            # Drop the consumed prefix now and then so the queue stays small.
            del self.ready[:self.ready_head]
            self.ready_head = 0
        return task

    def run(self):
        while True:
            task = self._next_ready()
            if task is None:
                if not self.timers:
                    return
                wake, _, task = self.timers.pop()
                self.tick = wake
            self.switches += 1
            value, task.send_value = task.send_value, None
            try:
                request = task.coro.send(value)
            except StopIteration as stop:
                task.done = True
                task.result = stop.value
                self.ready.extend(task.joiners)
                task.joiners = []
                continue
            kind, argument = request
            if kind == "sleep":
                self.sequence += 1
                self.timers.push((self.tick + argument, self.sequence, task))
            elif kind == "yield":
                self.ready.append(task)
            elif kind == "park":
                argument.append(task)
            elif kind == "wake":
                self.ready.append(argument.pop(0))
                self.ready.append(task)
            else:
                raise RuntimeError(f"unknown request {kind!r}")


async def depth_sum(n):
    """A deep await chain that never suspends."""
    if n == 0:
        return 0
    return n + await depth_sum(n - 1)


async def producer(channel, count, seed):
    value = seed
    for _ in range(count):
        value = (value * 1103 + 12345) % 65_521
        await channel.put(value)
    await channel.put(None)


async def consumer(channel, producers):
    total = 0
    finished = 0
    received = 0
    while finished < producers:
        item = await channel.get()
        if item is None:
            finished += 1
        else:
            received += 1
            total = (total * 31 + item) % 1_000_000_007
            if received % 50 == 0:
                await Yield()
    return total, received


async def sleeper(ident, rounds):
    acc = 0
    for r in range(rounds):
        await Sleep(1 + (ident * 7 + r) % 5)
        acc += await depth_sum(10 + ident % 5)
    return acc


async def ping_pong(rounds):
    ping = Channel(1)
    pong = Channel(1)

    async def player(inbox, outbox, serve):
        if serve:
            await outbox.put(0)
        last = 0
        for _ in range(rounds):
            last = await inbox.get()
            await outbox.put(last + 1)
        return last

    task_a = SCHEDULER.spawn(player(ping, pong, True), "ping")
    task_b = SCHEDULER.spawn(player(pong, ping, False), "pong")
    a = await task_a
    b = await task_b
    return a + b


async def main_task(n):
    channel = Channel(8)
    producers = [SCHEDULER.spawn(producer(channel, n // 4, seed), f"p{seed}") for seed in range(4)]
    consumer_task = SCHEDULER.spawn(consumer(channel, len(producers)), "consumer")
    sleepers = [SCHEDULER.spawn(sleeper(i, n // 100 + 1), f"s{i}") for i in range(20)]
    pong_total = await SCHEDULER.spawn(ping_pong(n // 2), "pingpong")
    stream_total, received = await consumer_task
    sleep_total = 0
    for task in sleepers:
        sleep_total += await task
    for task in producers:
        await task
    return stream_total, received, sleep_total, pong_total


SCHEDULER = Scheduler()


def main():
    n = workload_size()
    root = SCHEDULER.spawn(main_task(n), "main")
    SCHEDULER.run()
    stream_total, received, sleep_total, pong_total = root.result
    print(f"received {received} items, stream total {stream_total}")
    print(f"sleepers {sleep_total}, ping-pong {pong_total}, final tick {SCHEDULER.tick}")
    print(f"context switches: {SCHEDULER.switches}")
    checksum = stream_total
    for value in (received, sleep_total, pong_total, SCHEDULER.tick, SCHEDULER.switches):
        checksum = (checksum * 1_000_003 + value) % (1 << 61)
    print(f"checksum: {checksum}")


main()
