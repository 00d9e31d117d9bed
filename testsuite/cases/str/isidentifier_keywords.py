import keyword
for w in ["if", "match", "case", "_", "print", "None", "async", "type", "soft"]:
    print(w, keyword.iskeyword(w), keyword.issoftkeyword(w), w.isidentifier())
print(len(keyword.kwlist) > 30, "True" in keyword.kwlist)
