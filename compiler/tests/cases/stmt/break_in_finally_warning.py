for x in y:
    try:
        pass
    finally:
        break
while a:
    try:
        pass
    finally:
        continue
