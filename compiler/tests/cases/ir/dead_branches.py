# Branches on constants collapse; the dead arm disappears.
if 1 < 2:
    a = "yes"
else:
    a = "no"
while 0:
    print("never")
