def run(excs):
    try:
        raise ExceptionGroup("g", excs)
    except* ValueError, TypeError:
        print("handled value/type")
    except* KeyError:
        print("handled key")
run([ValueError(1), TypeError(2), KeyError(3)])
run([KeyError(3)])
run([TypeError(2)])
