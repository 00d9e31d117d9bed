for x in y:
    try:
        a()
    except* ValueError:
        break
