# Lone surrogates are ordinary code points of a str: literals, chr/ord, len,
# indexing, slicing, iteration, comparison, hashing, concatenation and repr.
hi = "\ud83d"
lo = "\ude00"
pair = hi + lo
print(len(hi), ord(hi), hex(ord(lo)), len(pair), pair == "\U0001f600")
print(repr(pair), ascii(pair), repr(pair[0]), repr(pair[1:]), repr(pair[::-1]))
print(chr(0xd800) == "\ud800", chr(0xdfff) == "\U0000dfff", repr(chr(0xdc80)))
s = "a\ud800b\udc80\u00e9\U0001f600"
print(len(s), [hex(ord(c)) for c in s])
print(repr(s), ascii(s), repr(s[1]), repr(s[-3]), repr(s[1:4]), repr(s[::2]), repr(s[::-3]))
print(list(map(repr, iter("\udfff\ud800"))), [repr(c) for c in reversed("x\udc00")])
print("\ud800" == "\ufffd", "\ud800" != "\ud801", "\ud800" < "\ud801", "\ud7ff" < "\ud800" < "\ue000")
print(sorted(["\ue000", "\ud800", "z", "\U00010000", "\ud7ff", "\udfff"]) == ["z", "\ud7ff", "\ud800", "\udfff", "\ue000", "\U00010000"])
print(max("\ud800", "\uffff") == "\uffff", min("a\udc00", "a\ud800") == "a\ud800")
print(hash("\ud800") == hash(chr(0xd800)), hash("a" + "\udc80") == hash("a\udc80"))
d = {"\ud800": "high", "\udc00": "low", "\ufffd": "replacement"}
print(d["\ud800"], d[chr(0xdc00)], d["\ufffd"], len(d), "\udbff" in d)
print(len({"\ud800", chr(0xd800), "\ud800"[:1], "\ud800\ud800"[1]}))
print("\ud800" in "a\ud800b", "\ud800" in "a\ufffdb", "\ufffd" in "a\ud800b", "" in "\ud800", "a" "\ud800" in "xa\ud800")
print(repr("\ud800" * 3), repr("-".join(["\ud800", "x", "\udfff"])), repr("\udc80".join("ab")))
t = ""
for c in "ab":
    t += c + "\ud800"
print(repr(t), len(t), t.count("\ud800"))
print(repr("\ud800'"), repr("'\"\udc00"), str("\ud800") == "\ud800", repr(str("\udcff")))
print(repr(["\ud800", ("\udc00",)]), repr({"k\udfff": 1}))
print(bool("\ud800"), "\ud800".isprintable(), "a\ud800".isprintable(), "\ud800".isalpha(),
      "\ud800".isspace(), "\ud800".isidentifier(), "\ud800".isascii(), "\ud800".islower())
