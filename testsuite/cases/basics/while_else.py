i = 0
while i < 3:
    i += 1
else:
    print("while done", i)
while True:
    break
else:
    print("not printed")
for x in []:
    pass
else:
    print("empty for else")
for x in range(5):
    if x == 2:
        continue
    if x == 4:
        break
    print("x", x)
else:
    print("no")
