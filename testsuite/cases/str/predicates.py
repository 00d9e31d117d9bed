samples = ["", "abc", "ABC", "Abc", "a1", "123", "١٢٣", "½", "²", " \t\n", "Hello World", "hello world",
           "_id", "1x", "x y", "é", "\x00", "A.b", "Ⅻ", "\u2028"]
for s in samples:
    print(repr(s), s.isalpha(), s.isalnum(), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isspace(),
          s.islower(), s.isupper(), s.istitle(), s.isidentifier(), s.isprintable(), s.isascii())
