while True:
    if x:
        break
    elif y:
        continue
    x = x - 1
else:
    z = 1
