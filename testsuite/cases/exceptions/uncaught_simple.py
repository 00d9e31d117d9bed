print("before")
x = [1, 2, 3]
print(x[10])
print("never")
