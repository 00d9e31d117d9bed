x = 1; y = 2; print(x + y)
if True: pass
class Empty: pass
def noop(): ...
print(noop(), Empty.__name__)
for _ in range(2): print("body")
