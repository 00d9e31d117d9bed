with lock:
    work()
