s = "ab" * 50000
print(len(s), s.count("ab"), s.find("ba"), s[-3:], s.replace("a", "")[:5], len(s.split("b")))
t = "".join(str(i % 10) for i in range(100000))
print(t[99990:], t.rfind("12345"), hash(t) == hash(t[:] ), t.upper() == t)
