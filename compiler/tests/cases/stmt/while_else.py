while n > 0:
    n -= 1
else:
    done()
