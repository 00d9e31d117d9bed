try:
    try:
        a()
    except ValueError:
        b()
        raise
except Exception as outer:
    try:
        c()
    finally:
        d(outer)
