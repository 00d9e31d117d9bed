for x in items:
    with lock:
        if x:
            break
