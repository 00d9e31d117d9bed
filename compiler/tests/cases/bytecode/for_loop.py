total = 0
for i in range(10):
    if i % 2:
        continue
    total += i
else:
    total = -total
