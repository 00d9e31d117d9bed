for s in ["plain", "it's", 'say "hi"', "both ' and \"", "\n\t\\", "\x00\x7f\x80\xff", "é日本", "\U0001F600",
          "\u200b", "\ud800", "\x1b[0m", "\u0085", "\ufeff", "a\u0301"]:
    print(repr(s), ascii(s))
print(str("x"), str(b"ab"), str(1.5), str([1, "a"]), str(None))
print(str(b"abc", "ascii"), str(b"\xc3\xa9", "utf-8"), str(b"\xff", "utf-8", "replace"), str(b"\xff", errors="ignore"))
