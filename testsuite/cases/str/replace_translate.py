s = "one two one two one"
print(s.replace("one", "1"), s.replace("one", "1", 2), s.replace("", "-"), s.replace("x", "y"), s.replace("one", "1", -1))
print("abc".replace("", "|", 2), "aaa".replace("a", "aa"), s.replace("one", "1", count=1))
t = str.maketrans("abc", "xyz", "d")
print(sorted(t.items()))
print("abcdabcd".translate(t), "hello".translate({ord("l"): None, ord("h"): "J"}))
print(str.maketrans({"a": "1", "b": None}) == {97: "1", 98: None})
try:
    str.maketrans("ab", "c")
except ValueError as e:
    print(type(e).__name__, e)
print("tab\there".expandtabs(), "a\tb\tc".expandtabs(4), "\t".expandtabs(0), repr("ab\tc\nd\te".expandtabs(3)))
