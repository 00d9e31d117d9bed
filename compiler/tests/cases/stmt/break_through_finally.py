for x in items:
    try:
        if x:
            break
        continue
    finally:
        log(x)
