try:
    a()
except* ValueError as eg:
    b(eg)
except* (TypeError, KeyError):
    c()
else:
    d()
