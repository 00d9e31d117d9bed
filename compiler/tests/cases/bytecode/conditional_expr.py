x = [1, 2, 3]
y = x[0] if x else None
z = a and b or c
print(*x, sep=", ", **{"end": "\n"})
