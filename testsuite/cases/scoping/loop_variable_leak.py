for i in range(3):
    pass
print(i)
for j in []:
    pass
try:
    j
except NameError as e:
    print(type(e).__name__, e)
x = [k for k in range(2)]
try:
    k
except NameError as e:
    print(type(e).__name__, e)
