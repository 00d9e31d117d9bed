s = "abracadabra"
print(s.find("a"), s.find("a", 1), s.find("a", 1, 3), s.find("zz"), s.find(""), s.find("", 20))
print(s.rfind("a"), s.rfind("abra"), s.rfind("a", 0, 5), s.rfind("q"))
print(s.index("c"), s.rindex("b"), s.count("a"), s.count("abra"), s.count(""), s.count("a", 4), s.count("a", -3))
print(s.find("a", -2), s.find("a", -100, -5), s.count("aa"), "aaaa".count("aa"))
for call in [lambda: s.index("z"), lambda: s.rindex("z"), lambda: s.find(1)]:
    try:
        call()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print("héllo wörld".find("ö"), "日本語テキスト".index("テ"), "日本語".rfind("本"))
