r = (n := 10) + n
print(y := f(x))
