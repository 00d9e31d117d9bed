for s in ["hello world", "Hello World", "HELLO", "ß straße", "ǅungla", "İstanbul", "ﬁne", "hello_wORLD-42x", "", "123abc"]:
    print(repr(s), s.upper(), s.lower(), s.capitalize(), s.title(), s.swapcase(), s.casefold())
