for x in range(-2, 3):
    print(x, "neg" if x < 0 else "zero" if x == 0 else "pos")
print(1 if [] else 2, 1 if [0] else 2)
f = lambda v: "even" if v % 2 == 0 else "odd"
print(list(map(f, range(4))))
