# The program waits for non-daemon threads at exit, but not for daemon threads.
import threading
import time


def late():
    time.sleep(0.3)
    print("non-daemon worker finished")


def forever():
    threading.Event().wait()


threading.Thread(target=forever, daemon=True).start()
threading.Thread(target=late).start()
print("main thread done")
