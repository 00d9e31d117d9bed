print(format("abc", ""), format("abc", "5"), format("abc", ">5"), format("abc", ".2"), format("abc", "^7.1"))
print("{:10}|".format("日本"), "{:.0}|".format("x"), "{!s:>4}".format(1), "{!a}".format("é"))
try:
    format("abc", "d")
except ValueError as e:
    print(type(e).__name__, e)
try:
    format("abc", "=5")
except ValueError as e:
    print(type(e).__name__, e)
try:
    format("abc", "+")
except ValueError as e:
    print(type(e).__name__, e)
