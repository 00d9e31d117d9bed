try:
    a()
except ValueError as e:
    b(e)
except (TypeError, KeyError):
    c()
except:
    d()
else:
    f()
