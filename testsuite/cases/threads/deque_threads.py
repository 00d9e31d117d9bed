# One deque shared by parallel threads (no GIL): each append, popleft and extend is
# atomic, so nothing is lost, duplicated or reordered.
import _thread
from collections import deque


def start(funcs):
    """Runs each function on its own thread and waits for all of them."""
    done = []
    for f, args in funcs:
        lock = _thread.allocate_lock()
        lock.acquire()
        done.append(lock)

        def run(f=f, args=args, lock=lock):
            try:
                f(*args)
            finally:
                lock.release()

        _thread.start_new_thread(run, ())
    for lock in done:
        lock.acquire()


# 4 producers append 50,000 items each while 2 consumers popleft until all are taken.
PRODUCERS = 4
PER_PRODUCER = 50_000
TOTAL = PRODUCERS * PER_PRODUCER
d = deque()
count_lock = _thread.allocate_lock()
producers_done = [0]
results = []


def producer(n):
    for x in range(n * PER_PRODUCER, (n + 1) * PER_PRODUCER):
        d.append(x)
    with count_lock:
        producers_done[0] += 1


def consumer():
    got = 0
    in_order = True
    last = [-1] * PRODUCERS
    while True:
        if not d:
            # Empty: finished once every producer is (checked before a last look).
            if producers_done[0] == PRODUCERS and not d:
                break
            continue
        try:
            x = d.popleft()
        except IndexError:
            # The other consumer took the last item first.
            continue
        got += 1
        # (Two int operations rather than divmod: no allocation, so the gc-stress mode
        # does not collect, tracing the whole deque, on every item.)
        n = x // PER_PRODUCER
        i = x % PER_PRODUCER
        # FIFO: one producer's items come out in the order it appended them.
        if i <= last[n]:
            in_order = False
        last[n] = i
    with count_lock:
        results.append((got, in_order))


start([(consumer, ()), (consumer, ())] + [(producer, (n,)) for n in range(PRODUCERS)])
print('items taken:', sum(g for g, _ in results), 'of', TOTAL)
print('per-producer order kept:', all(ok for _, ok in results))
print('left over:', len(d))

# Appends at both ends of a bounded deque: it never passes maxlen, and count() / `in`
# on ints (decided under one lock hold) never see the concurrent appends as mutations.
bounded = deque(maxlen=1000)
watch = []


def filler(n):
    add = bounded.append if n % 2 else bounded.appendleft
    for i in range(20_000):
        add(i)


def watcher():
    over = 0
    for i in range(2_000):
        if len(bounded) > 1000:
            over += 1
        bounded.count(-1)
        -1 in bounded
    watch.append(over)


start([(filler, (0,)), (filler, (1,)), (filler, (2,)), (watcher, ())])
print('bounded length:', len(bounded), 'over maxlen seen:', watch)

# extend() of a list is one atomic step: a single consumer sees each batch whole.
batched = deque()
pairs = []


def extender(n):
    for i in range(5_000):
        batched.extend([(n, i), (n, i)])


def pair_popper():
    whole = 0
    split = 0
    popped = 0
    while popped < 2 * 2 * 5_000:
        try:
            first = batched.popleft()
        except IndexError:
            continue
        second = batched.popleft()
        popped += 2
        if first == second:
            whole += 1
        else:
            split += 1
    pairs.append((whole, split))


start([(extender, (0,)), (extender, (1,)), (pair_popper, ())])
print('batches whole, split:', pairs, 'left over:', len(batched))
