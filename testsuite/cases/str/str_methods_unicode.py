# Unicode-aware str methods: indices are characters, case mapping is full.
s = "αβγ δεζ αβγ"
print(s.find("γ"), s.rfind("αβ"), s.index("δ"), s.count("αβγ"), s.find("γ", 3), s.find("γ", -2))
print(s.split(), s.rsplit(None, 1), s.split("γ", 1), s.partition(" "), s.rpartition(" "))
print(s.upper(), s.title(), "ǳ".title(), "ŉ".upper(), "ß".swapcase(), "ﬁ".capitalize())
print("İ".lower(), len("İ".lower()), "Σ".lower(), "ΑΣ ΑΣ".lower(), "ς".upper())
print("日本".center(7, "・"), "日本".ljust(5, "*"), "日本".rjust(5), "-42".zfill(6), "+x".zfill(4))
print("a\tβ\tc".expandtabs(3), "\u2028x\x1cy\x85z".splitlines(True))
print(" \u3000 x \u2003".strip(), "xyβyx".strip("xy"), "ββa".lstrip("β"), "aββ".rstrip("β"))
print("ab".startswith(("x", "a")), "abc".endswith("bc", 0, 3), "abc".startswith("b", 1), "abc".endswith("", 5))
print("héllo"[1:4], "héllo"[::-1], "héllo"[-1], "héllo"[4::-2], "日本語"[1], list("日本"))
print("x".join(["α", "β", "γ"]), "".join([]), ", ".join(map(str, range(3))))
print("abc".translate({97: "αα", 98: None, 99: 0x3b3}), str.maketrans("αβ", "ab"))
print("Ⅻ".isnumeric(), "Ⅻ".isdigit(), "٣".isdecimal(), "x٣".isalnum(), "ǅ".istitle(), "ǅ".isupper())
print("é".isidentifier(), "1a".isidentifier(), "a b".isprintable(), "\u0378".isprintable(), "\u00ad".isprintable())
print(repr("\u0378\u00ad\u2029\U000e0001"), ascii("é\U0001F600"))
print("straße".casefold() == "STRASSE".casefold(), "ﬃ".casefold(), "ΣΑΣ".casefold())
print("aaa".replace("a", "bb", 2), "abc".replace("", "-"), "abc".removeprefix("ab"), "abc".removesuffix("x"))
for call in [lambda: "a".center(3, "xy"), lambda: "a".split(""), lambda: "a".rsplit(1), lambda: "a".strip(1),
             lambda: "a".join(["b", 1]), lambda: "a".replace("a"), lambda: "a".count(), lambda: "a".index("b"),
             lambda: "a".startswith(["a"]), lambda: "abc".translate({97: 2**40}), lambda: str.maketrans(1, 2),
             lambda: "a".zfill("3"), lambda: "a".splitlines(1, 2), lambda: "a".encode(None)]:
    try:
        print(call())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
