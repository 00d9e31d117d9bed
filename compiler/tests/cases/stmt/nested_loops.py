for i in a:
    for j in b:
        if j:
            continue
        if i:
            break
    else:
        continue
    break
