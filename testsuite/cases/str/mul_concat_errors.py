for call in [lambda: "a" + 1, lambda: "a" * "b", lambda: "a" * 1.5, lambda: "a" - "b", lambda: 1 + "a", lambda: "%d" % "x"]:
    try:
        call()
    except TypeError as e:
        print(type(e).__name__, e)
print("ab" * 3, 3 * "ab", "x" * 0, "x" * -1, "" * 100)
