while True:
    try:
        step()
    except StopIteration as e:
        last = e
        break
