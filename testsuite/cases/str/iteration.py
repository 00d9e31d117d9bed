s = "añ日🐍"
print(list(s), [ord(c) for c in s], list(reversed(s)), list(enumerate(s)))
it = iter("ab")
print(next(it), next(it), next(it, "done"))
print("".join(c.upper() for c in "shout"), sorted("cab"), set("aa") == {"a"})
