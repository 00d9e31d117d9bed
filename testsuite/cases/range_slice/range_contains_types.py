r = range(10)
print(3 in r, 3.0 in r, 3.5 in r, True in r, "3" in r, None in r, 10 in r, -1 in r)
print(r.count(3.0), r.index(True), range(0, 10, 3).index(9))
