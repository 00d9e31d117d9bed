# shared
def f(path):
    try:
        with open(path) as fh, lock:
            data = fh.read()
    except OSError as err:
        return err
    finally:
        done = True
    return data
