print(1 < 2, 2 < 1, 1 <= 1, 1 == 1, 1 != 1, 2 >= 3, 2 > 1)
print("a" < "b", "abc" < "abd", "ab" < "abc", "B" < "a")
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, "a") < (1, "b"))
print(None == None, None is None, None != 0)
print(1 == True, 0 == False, 1.0 == True)
print(float("nan") == float("nan"), float("nan") != float("nan"))
x = float("nan")
print([x] == [x], (x,) == (x,))
try:
    1 < "a"
except TypeError as e:
    print(type(e).__name__, e)
try:
    [1] < (1,)
except TypeError as e:
    print(type(e).__name__, e)
try:
    None > None
except TypeError as e:
    print(type(e).__name__, e)
