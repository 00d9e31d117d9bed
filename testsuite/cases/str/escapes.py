print("tab:\t|nl:\\n|cr:\r|".encode())
print("\x41\u00e9\U0001F600\N{GREEK SMALL LETTER ALPHA}\101\0".encode("utf-8"))
print(len("\N{SNOWMAN}"), len("\\"), len("\'\""), r"\n\t", len(r"\n"))
print('\a\b\f\v'.encode(), "\177"[0] == chr(0o177))
print("""multi
line""", '''single'quote''')
