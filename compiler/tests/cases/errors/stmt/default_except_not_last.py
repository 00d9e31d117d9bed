try:
    a()
except:
    b()
except ValueError:
    c()
