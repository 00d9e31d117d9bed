a = "hello"
b = 'it''s' " joined"
c = "tab\tnewline\n\u00e9\N{BULLET}"
d = r"raw\n"
e = """triple
quoted"""
