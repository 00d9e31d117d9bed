def run(x):
    log = []
    try:
        log.append("try")
        if x == 1:
            raise ValueError("v")
        if x == 2:
            raise KeyError("k")
    except ValueError as e:
        log.append("except ValueError " + str(e))
    except (KeyError, IndexError) as e:
        log.append("except tuple " + type(e).__name__)
    else:
        log.append("else")
    finally:
        log.append("finally")
    return log
for x in range(3):
    print(run(x))
try:
    pass
finally:
    print("finally without except")
