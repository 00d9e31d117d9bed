print("abc".__len__(), "abc".__contains__("b"), "abc".__getitem__(1), "a".__add__("b"), "ab".__mul__(2))
print(str.upper("x"), str.join("-", ["a", "b"]), "x".__eq__(1), "x".__lt__(1))
print("Hello".__class__.__name__, str.__name__, isinstance("x", str), issubclass(str, object))
print("abc".__hash__() == hash("abc"), "A".__mod__(()), "%s".__mod__("x"))
