# The program waits for non-daemon threads at exit, but not for daemon threads;
# a thread pool that was never shut down finishes its work first.
import concurrent.futures
import threading
import time

pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
# The pool task prints only after the main thread has: the order of the lines must not
# depend on how fast a loaded machine starts threads.
main_printed = threading.Event()


def pool_task():
    main_printed.wait()
    time.sleep(0.1)
    print("pool task finished", flush=True)
    return 7


fut = pool.submit(pool_task)


def late():
    value = fut.result()
    time.sleep(0.2)
    print("non-daemon worker finished, pool result", value)


def forever():
    threading.Event().wait()


threading.Thread(target=forever, daemon=True).start()
threading.Thread(target=late).start()
print("main thread done", flush=True)
main_printed.set()
