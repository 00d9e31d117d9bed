s = "Python"
print(s[0], s[-1], s[2:4], s[:3], s[3:], s[::-1], s[::2], s[1:-1], s[10:], s[-10:2], s[5:1:-1])
u = "héllo wörld 日本 🐍!"
print(len(u), u[1], u[7], u[12], u[15], u[-2], u[12:14], u[::-1], u[::3])
try:
    s[6]
except IndexError as e:
    print(type(e).__name__, e)
try:
    s["a"]
except TypeError as e:
    print(type(e).__name__, e)
try:
    s[0] = "J"
except TypeError as e:
    print(type(e).__name__, e)
print(s[slice(1, None, 2)], s[-1:-4:-1], s[True])
