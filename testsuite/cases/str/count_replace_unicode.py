s = "日本語日本語日"
print(s.count("日本"), s.replace("日", "X"), s.replace("語", ""), s.split("本"), s.find("語", 3))
print("ÅÅå".lower(), "ǆ".upper(), "ǆ".title(), "ﬃ".upper(), len("ﬃ".upper()), "ΣΑΣ".lower())
