for x in items:
    if x == target:
        break
else:
    not_found()
after()
