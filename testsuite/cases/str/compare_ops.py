print("a" < "b", "Z" < "a", "é" > "z", "abc" < "abcd", "" < "a", "日" > "本")
print("abc" == "abc", "a" * 3 == "aaa")
print("ell" in "hello", "" in "abc", "x" not in "abc", "日本" in "こんにちは日本")
print(sorted(["banana", "Apple", "cherry", "apple", "éclair"]))
print(max("hello"), min("hello"), ord(max("héllo")))
try:
    "a" in ["a"] and 1 in "abc"
except TypeError as e:
    print(type(e).__name__, e)
