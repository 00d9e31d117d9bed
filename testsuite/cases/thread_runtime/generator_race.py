# Two threads resume one generator: each step runs in exactly one thread; a thread that
# finds it running gets "generator already executing", never a corrupted frame.
import _thread
import time


def slow_counter(n):
    for i in range(n):
        time.sleep(0.0005)
        yield i


gen = slow_counter(200)
lock = _thread.allocate_lock()
done = _thread.allocate_lock()
done.acquire()
got = []
errors = [0]
left = [2]


def consumer():
    while True:
        try:
            value = next(gen)
        except StopIteration:
            break
        except ValueError as e:
            assert str(e) == "generator already executing", e
            with lock:
                errors[0] += 1
            continue
        with lock:
            got.append(value)
    with lock:
        left[0] -= 1
        if left[0] == 0:
            done.release()


_thread.start_new_thread(consumer, ())
_thread.start_new_thread(consumer, ())
done.acquire()
print(sorted(got) == list(range(200)), len(got))
