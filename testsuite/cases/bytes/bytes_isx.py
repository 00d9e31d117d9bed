for b in [b"", b"abc", b"ABC", b"Abc Def", b"123", b"a1 ", b"\t\n", b"\xff"]:
    print(b, b.isalnum(), b.isalpha(), b.isdigit(), b.islower(), b.isupper(), b.isspace(), b.istitle(), b.isascii())
